// BinaryResponder writes the packets memcached 1.6.18 writes, per opcode: status mapping,
// opaque echo, CAS, extras, keys, and quiet suppression.
#include "protocols/memcache/binary_responder.h"

#include <gtest/gtest.h>

#include <string>

#include "binary_build.h"
#include "feed.h"

namespace larder::memcache::testing {
namespace {

constexpr uint32_t kOpaque = 0xdeadbeef;

class BinaryResponderTest : public ::testing::Test {
  protected:
    template <typename F>
    std::string replies(Opcode op, F f) {
        out.clear();
        BinaryRequest req;
        req.opcode = static_cast<uint8_t>(op);
        req.opaque = kOpaque;
        r.begin(req);
        f(r);
        return std::string(out.view());
    }

    std::string ok(Opcode op, uint64_t cas = 0) {
        return response(static_cast<uint8_t>(op), BinaryStatus::no_error, {}, {}, {}, kOpaque, cas);
    }
    std::string err(Opcode op, BinaryStatus status) {
        return error_response(static_cast<uint8_t>(op), status, kOpaque);
    }

    proto::OutBuffer out;
    BinaryResponder r{out};
};

#define EXPECT_BYTES(a, b) EXPECT_EQ(printable(a), printable(b))

TEST_F(BinaryResponderTest, StoredCarriesTheNewCas) {
    EXPECT_BYTES(replies(Opcode::set, [](Responder& r) { r.stored_cas(232); }),
                 ok(Opcode::set, 232));
    EXPECT_BYTES(replies(Opcode::append, [](Responder& r) { r.stored(); }), ok(Opcode::append));
    EXPECT_BYTES(replies(Opcode::setq, [](Responder& r) { r.stored_cas(232); }), "");
}

TEST_F(BinaryResponderTest, NotStoredDependsOnTheOpcode) {
    auto not_stored = [](Responder& r) { r.not_stored(); };
    EXPECT_BYTES(replies(Opcode::add, not_stored), err(Opcode::add, BinaryStatus::key_exists));
    EXPECT_BYTES(replies(Opcode::addq, not_stored), err(Opcode::addq, BinaryStatus::key_exists));
    EXPECT_BYTES(replies(Opcode::replace, not_stored),
                 err(Opcode::replace, BinaryStatus::key_not_found));
    EXPECT_BYTES(replies(Opcode::append, not_stored),
                 err(Opcode::append, BinaryStatus::item_not_stored));
    EXPECT_BYTES(replies(Opcode::prependq, not_stored),
                 err(Opcode::prependq, BinaryStatus::item_not_stored));
    EXPECT_BYTES(replies(Opcode::set, not_stored), err(Opcode::set, BinaryStatus::item_not_stored));
}

TEST_F(BinaryResponderTest, ErrorsAreSentEvenWhenQuiet) {
    EXPECT_BYTES(replies(Opcode::setq, [](Responder& r) { r.exists(); }),
                 err(Opcode::setq, BinaryStatus::key_exists));
    EXPECT_BYTES(replies(Opcode::deleteq, [](Responder& r) { r.not_found(); }),
                 err(Opcode::deleteq, BinaryStatus::key_not_found));
    EXPECT_BYTES(replies(Opcode::incrementq, [](Responder& r) { r.error(ErrorKind::non_numeric); }),
                 err(Opcode::incrementq, BinaryStatus::non_numeric));
}

TEST_F(BinaryResponderTest, DeleteTouchFlushNoopVerbosity) {
    EXPECT_BYTES(replies(Opcode::delete_, [](Responder& r) { r.deleted(); }), ok(Opcode::delete_));
    EXPECT_BYTES(replies(Opcode::deleteq, [](Responder& r) { r.deleted(); }), "");
    EXPECT_BYTES(replies(Opcode::touch, [](Responder& r) { r.touched(0xcafe, 232); }),
                 response(0x1c, BinaryStatus::no_error, be32(0xcafe), {}, {}, kOpaque, 232));
    EXPECT_BYTES(replies(Opcode::touch, [](Responder& r) { r.not_found(); }),
                 err(Opcode::touch, BinaryStatus::key_not_found));
    EXPECT_BYTES(replies(Opcode::flush, [](Responder& r) { r.ok(); }), ok(Opcode::flush));
    EXPECT_BYTES(replies(Opcode::flushq, [](Responder& r) { r.ok(); }), "");
    EXPECT_BYTES(replies(Opcode::noop, [](Responder& r) { r.ok(); }), ok(Opcode::noop));
    EXPECT_BYTES(replies(Opcode::verbosity, [](Responder& r) { r.ok(); }), ok(Opcode::verbosity));
}

TEST_F(BinaryResponderTest, Quit) {
    EXPECT_BYTES(replies(Opcode::quit, [](Responder& r) { r.quit(); }), ok(Opcode::quit));
    EXPECT_BYTES(replies(Opcode::quitq, [](Responder& r) { r.quit(); }), "");
}

TEST_F(BinaryResponderTest, Hits) {
    auto hit = [](Responder& r) {
        r.value("bk", 0xcafe, 232, "hello");
        r.end_values();
    };
    auto flags = be32(0xcafe);
    for (Opcode op : {Opcode::get, Opcode::getq, Opcode::gat, Opcode::gatq}) {
        EXPECT_BYTES(replies(op, hit), response(static_cast<uint8_t>(op), BinaryStatus::no_error,
                                                flags, {}, "hello", kOpaque, 232));
    }
    for (Opcode op : {Opcode::getk, Opcode::getkq, Opcode::gatk, Opcode::gatkq}) {
        EXPECT_BYTES(replies(op, hit), response(static_cast<uint8_t>(op), BinaryStatus::no_error,
                                                flags, "bk", "hello", kOpaque, 232));
    }
    // TOUCH answers like GAT without the value.
    EXPECT_BYTES(replies(Opcode::touch, hit),
                 response(0x1c, BinaryStatus::no_error, flags, {}, {}, kOpaque, 232));
}

TEST_F(BinaryResponderTest, Misses) {
    auto miss = [](Responder& r) {
        r.miss("nokey");
        r.end_values();
    };
    EXPECT_BYTES(replies(Opcode::get, miss), err(Opcode::get, BinaryStatus::key_not_found));
    EXPECT_BYTES(replies(Opcode::gat, miss), err(Opcode::gat, BinaryStatus::key_not_found));
    // GETK/GATK misses carry the key and no message.
    EXPECT_BYTES(replies(Opcode::getk, miss),
                 response(0x0c, BinaryStatus::key_not_found, {}, "nokey", {}, kOpaque));
    EXPECT_BYTES(replies(Opcode::gatk, miss),
                 response(0x23, BinaryStatus::key_not_found, {}, "nokey", {}, kOpaque));
    for (Opcode op : {Opcode::getq, Opcode::getkq, Opcode::gatq, Opcode::gatkq}) {
        EXPECT_BYTES(replies(op, miss), "");
    }
}

TEST_F(BinaryResponderTest, Numbers) {
    EXPECT_BYTES(replies(Opcode::increment, [](Responder& r) { r.number(15, 240); }),
                 response(0x05, BinaryStatus::no_error, {}, {}, be64(15), kOpaque, 240));
    EXPECT_BYTES(
        replies(Opcode::decrement, [](Responder& r) { r.number(0x0102030405060708, 1); }),
        response(0x06, BinaryStatus::no_error, {}, {}, be64(0x0102030405060708), kOpaque, 1));
    EXPECT_BYTES(replies(Opcode::incrementq, [](Responder& r) { r.number(15, 240); }), "");
}

TEST_F(BinaryResponderTest, VersionAndStats) {
    EXPECT_BYTES(replies(Opcode::version, [](Responder& r) { r.version("1.6.18"); }),
                 response(0x0b, BinaryStatus::no_error, {}, {}, "1.6.18", kOpaque));
    EXPECT_BYTES(replies(Opcode::stat,
                         [](Responder& r) {
                             r.stat("pid", "3957");
                             r.end_stats();
                         }),
                 response(0x10, BinaryStatus::no_error, {}, "pid", "3957", kOpaque) +
                     response(0x10, BinaryStatus::no_error, {}, {}, {}, kOpaque));
}

TEST_F(BinaryResponderTest, StatsGroupsOutcomes) {
    std::string end = response(0x10, BinaryStatus::no_error, {}, {}, {}, kOpaque);
    EXPECT_BYTES(replies(Opcode::stat, [](Responder& r) { r.stats_reset(); }), end);
    EXPECT_BYTES(replies(Opcode::stat, [](Responder& r) { r.stats_dump("END\r\n"); }),
                 response(0x10, BinaryStatus::no_error, {}, "detailed", "END\r\n", kOpaque) + end);
    EXPECT_BYTES(replies(Opcode::stat, [](Responder& r) { r.no_such_stats("usage"); }),
                 err(Opcode::stat, BinaryStatus::key_not_found));
}

TEST_F(BinaryResponderTest, Sasl) {
    EXPECT_BYTES(
        replies(Opcode::sasl_list_mechs,
                [](Responder& r) { static_cast<BinaryResponder&>(r).sasl_mechanisms("PLAIN"); }),
        response(0x20, BinaryStatus::no_error, {}, {}, "PLAIN", kOpaque));
    EXPECT_BYTES(
        replies(Opcode::sasl_auth,
                [](Responder& r) { static_cast<BinaryResponder&>(r).sasl_authenticated(); }),
        response(0x21, BinaryStatus::no_error, {}, {}, "Authenticated", kOpaque));
    EXPECT_BYTES(
        replies(Opcode::get, [](Responder& r) { static_cast<BinaryResponder&>(r).auth_failed(); }),
        err(Opcode::get, BinaryStatus::auth_error));
}

TEST_F(BinaryResponderTest, TouchAnswersLikeGatWithoutTheValue) {
    std::string flags("\0\0\0\x09", 4);
    EXPECT_BYTES(replies(Opcode::touch, [](Responder& r) { r.value("k", 9, 77, "v"); }),
                 response(0x1c, BinaryStatus::no_error, flags, {}, {}, kOpaque, 77));
    EXPECT_BYTES(replies(Opcode::gatk, [](Responder& r) { r.value("k", 9, 77, "v"); }),
                 response(0x23, BinaryStatus::no_error, flags, "k", "v", kOpaque, 77));
    EXPECT_BYTES(replies(Opcode::gatkq, [](Responder& r) { r.miss("k"); }), "");
}

TEST_F(BinaryResponderTest, ErrorKinds) {
    auto say = [&](ErrorKind kind, std::string_view text = {}) {
        return replies(Opcode::set, [&](Responder& r) { r.error(kind, text); });
    };
    EXPECT_BYTES(say(ErrorKind::generic), err(Opcode::set, BinaryStatus::unknown_command));
    EXPECT_BYTES(say(ErrorKind::unknown_command), err(Opcode::set, BinaryStatus::unknown_command));
    EXPECT_BYTES(say(ErrorKind::too_large), err(Opcode::set, BinaryStatus::value_too_large));
    EXPECT_BYTES(say(ErrorKind::out_of_memory), err(Opcode::set, BinaryStatus::out_of_memory));
    EXPECT_BYTES(say(ErrorKind::invalid_arguments),
                 err(Opcode::set, BinaryStatus::invalid_arguments));
    EXPECT_BYTES(say(ErrorKind::non_numeric), err(Opcode::set, BinaryStatus::non_numeric));
    EXPECT_BYTES(say(ErrorKind::client, "bad thing"),
                 response(0x01, BinaryStatus::invalid_arguments, {}, {}, "bad thing", kOpaque));
    EXPECT_BYTES(say(ErrorKind::server, "disk on fire"),
                 response(0x01, BinaryStatus::internal_error, {}, {}, "disk on fire", kOpaque));
    EXPECT_BYTES(say(ErrorKind::server), err(Opcode::set, BinaryStatus::internal_error));
}

TEST(BinaryStatusText, MatchesMemcached) {
    EXPECT_EQ(binary_status_text(BinaryStatus::key_not_found), "Not found");
    EXPECT_EQ(binary_status_text(BinaryStatus::key_exists), "Data exists for key.");
    EXPECT_EQ(binary_status_text(BinaryStatus::value_too_large), "Too large.");
    EXPECT_EQ(binary_status_text(BinaryStatus::invalid_arguments), "Invalid arguments");
    EXPECT_EQ(binary_status_text(BinaryStatus::item_not_stored), "Not stored.");
    EXPECT_EQ(binary_status_text(BinaryStatus::non_numeric),
              "Non-numeric server-side value for incr or decr");
    EXPECT_EQ(binary_status_text(BinaryStatus::unknown_command), "Unknown command");
    EXPECT_EQ(binary_status_text(BinaryStatus::out_of_memory), "Out of memory");
    EXPECT_EQ(binary_status_text(BinaryStatus::auth_error), "Auth failure.");
}

}  // namespace
}  // namespace larder::memcache::testing
