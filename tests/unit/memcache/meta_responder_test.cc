// MetaResponder writes memcached 1.6.18's meta replies: return flags in the order the
// request sent them, base64 keys, `q` dropping only the nominal reply, Z X W last.
#include "protocols/memcache/meta_responder.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "protocols/memcache/text_parser.h"

namespace larder::memcache {
namespace {

class MetaResponderTest : public ::testing::Test {
  protected:
    // Parses `line` (one meta command, data block included) and returns what `f` encodes.
    std::string answer(std::string line, const std::function<void(MetaResponder&)>& f) {
        input_ = std::move(line);
        TextParser parser;
        ParseResult pr = parser.parse(input_, req_);
        EXPECT_EQ(pr.status, ParseStatus::ok) << input_;
        out_.clear();
        MetaResponder r(out_);
        r.begin(req_);
        f(r);
        return std::string(out_.view());
    }

    std::string input_;
    TextRequest req_;
    proto::OutBuffer out_;
};

MetaItem item(std::string_view value) {
    MetaItem it;
    it.value = value;
    it.size = value.size();
    it.client_flags = 7;
    it.cas = 42;
    it.ttl = it.ttl_after = 100;
    return it;
}

TEST_F(MetaResponderTest, GetHitFlagsInRequestOrder) {
    auto hit = [](MetaResponder& r) { r.item(item("abc")); };
    EXPECT_EQ(answer("mg k\r\n", hit), "HD\r\n");
    EXPECT_EQ(answer("mg k v\r\n", hit), "VA 3\r\nabc\r\n");
    EXPECT_EQ(answer("mg k f t s v k O99 c\r\n", hit), "VA 3 f7 t100 s3 kk O99 c42\r\nabc\r\n");
    EXPECT_EQ(answer("mg k O1 k h l\r\n", hit), "HD O1 kk h0 l0\r\n");
    // q does not drop a hit.
    EXPECT_EQ(answer("mg k q v\r\n", hit), "VA 3\r\nabc\r\n");
}

TEST_F(MetaResponderTest, TtlBeforeAndAfterT) {
    MetaItem it = item("x");
    it.ttl = 100;
    it.ttl_after = 30;
    auto hit = [&](MetaResponder& r) { r.item(it); };
    EXPECT_EQ(answer("mg k t T30\r\n", hit), "HD t100\r\n");
    EXPECT_EQ(answer("mg k T30 t\r\n", hit), "HD t30\r\n");
    it.created = true;
    EXPECT_EQ(answer("mg k N30 t\r\n", hit), "HD t30\r\n");
    it.created = false;
    EXPECT_EQ(answer("mg k N30 t\r\n", hit), "HD t100\r\n");
}

TEST_F(MetaResponderTest, RecacheFlagsComeLast) {
    MetaItem it = item("x");
    it.stale = true;
    it.won = true;
    EXPECT_EQ(answer("mg k v c\r\n", [&](MetaResponder& r) { r.item(it); }),
              "VA 1 c42 X W\r\nx\r\n");
    it.won = false;
    it.win_sent = true;
    EXPECT_EQ(answer("mg k\r\n", [&](MetaResponder& r) { r.item(it); }), "HD Z X\r\n");
}

TEST_F(MetaResponderTest, GetMiss) {
    auto miss = [](MetaResponder& r) { r.miss(); };
    EXPECT_EQ(answer("mg k v s t\r\n", miss), "EN\r\n");
    EXPECT_EQ(answer("mg k v k O5\r\n", miss), "EN kk O5\r\n");
    EXPECT_EQ(answer("mg k q k\r\n", miss), "");
}

TEST_F(MetaResponderTest, Base64KeysComeBackEncoded) {
    EXPECT_EQ(answer("mg Zm9v b k\r\n", [](MetaResponder& r) { r.miss(); }), "EN kZm9v b\r\n");
    EXPECT_EQ(answer("mg AAAA k b\r\n", [](MetaResponder& r) { r.miss(); }), "EN kAAAA b\r\n");
}

TEST_F(MetaResponderTest, SetOutcomes) {
    EXPECT_EQ(answer("ms k 1 c k O7\r\nx\r\n", [](MetaResponder& r) { r.stored(9); }),
              "HD c9 kk O7\r\n");
    EXPECT_EQ(answer("ms k 1 q c\r\nx\r\n", [](MetaResponder& r) { r.stored(9); }), "");
    // Failures show the c flag with no CAS, and q does not drop them.
    EXPECT_EQ(answer("ms k 1 q c\r\nx\r\n", [](MetaResponder& r) { r.status(MetaStatus::exists); }),
              "EX c0\r\n");
    EXPECT_EQ(
        answer("ms k 1 O1\r\nx\r\n", [](MetaResponder& r) { r.status(MetaStatus::not_stored); }),
        "NS O1\r\n");
    EXPECT_EQ(answer("ms k 1\r\nx\r\n", [](MetaResponder& r) { r.status(MetaStatus::not_found); }),
              "NF\r\n");
}

TEST_F(MetaResponderTest, DeleteOutcomes) {
    EXPECT_EQ(answer("md k k O5\r\n", [](MetaResponder& r) { r.deleted(); }), "HD kk O5\r\n");
    EXPECT_EQ(answer("md k q\r\n", [](MetaResponder& r) { r.deleted(); }), "");
    EXPECT_EQ(answer("md k q c\r\n", [](MetaResponder& r) { r.status(MetaStatus::not_found); }),
              "NF\r\n");
}

TEST_F(MetaResponderTest, ArithmeticOutcomes) {
    MetaItem n;
    n.value = "11";
    n.cas = 3;
    n.ttl = n.ttl_after = -1;
    auto done = [&](MetaResponder& r) { r.item(n); };
    EXPECT_EQ(answer("ma n\r\n", done), "HD\r\n");
    EXPECT_EQ(answer("ma n v t c k O5 s f\r\n", done), "VA 2 t-1 c3 kn O5\r\n11\r\n");
    EXPECT_EQ(answer("ma n q v\r\n", done), "");
    n.created = true;
    EXPECT_EQ(answer("ma n q N0\r\n", done), "HD\r\n");
}

TEST_F(MetaResponderTest, NoopDebugErrors) {
    EXPECT_EQ(answer("mn\r\n", [](MetaResponder& r) { r.noop(); }), "MN\r\n");
    MetaDebugInfo d;
    d.exp = -100;
    d.cas = 2;
    d.slab_class = 12;
    d.item_size = 1061;
    EXPECT_EQ(answer("me kk\r\n", [&](MetaResponder& r) { r.debug(d); }),
              "ME kk exp=-100 la=0 cas=2 fetch=no cls=12 size=1061\r\n");
    EXPECT_EQ(answer("me Zm9v b\r\n", [&](MetaResponder& r) { r.debug(d); }),
              "ME Zm9v exp=-100 la=0 cas=2 fetch=no cls=12 size=1061\r\n");
    EXPECT_EQ(answer("me k\r\n", [](MetaResponder& r) { r.debug_miss(); }), "EN\r\n");
    EXPECT_EQ(answer("ma n q\r\n",
                     [](MetaResponder& r) {
                         r.error(ErrorKind::non_numeric,
                                 "cannot increment or decrement non-numeric value");
                     }),
              "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
}

}  // namespace
}  // namespace larder::memcache
