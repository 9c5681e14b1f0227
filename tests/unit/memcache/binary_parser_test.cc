// The binary parser: every opcode's layout as memcached 1.6.18 validates it, the errors and
// closes it answers malformed packets with, and oversized values.
#include "protocols/memcache/binary_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "binary_build.h"
#include "feed.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;

std::string quoted(const std::string& bytes) {
    return "'" + printable(bytes) + "'";
}

std::string err(uint8_t op, BinaryStatus status, uint32_t opaque = 0) {
    return quoted(error_response(op, status, opaque));
}

std::string einval(uint8_t op) {
    return err(op, BinaryStatus::invalid_arguments);
}

std::string ok(size_t consumed, const std::string& request) {
    return "ok " + std::to_string(consumed) + " {" + request + "}";
}

// Every split of `bytes` yields one request of `consumed` bytes.
void expect_one_request(const std::string& bytes, size_t consumed) {
    V events = binary_events(bytes);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].rfind("ok " + std::to_string(consumed) + " {", 0), 0u) << events[0];
}

const std::string kSetExtras = storage_extras_bytes(0xcafe, 100);
const std::string kIncrExtras = arithmetic_extras_bytes(5, 42, 0);

TEST(BinaryParser, KeyedReads) {
    for (Opcode op : {Opcode::get, Opcode::getq, Opcode::getk, Opcode::getkq, Opcode::delete_,
                      Opcode::deleteq}) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(op));
        EXPECT_EQ(binary_events(request(op, "key")),
                  V{ok(27, std::string("op=") + hex + " key=key")});
    }
}

TEST(BinaryParser, StorageOpcodes) {
    EXPECT_EQ(binary_events(request(Opcode::set, "k", kSetExtras, "hello", 7, 9)),
              V{ok(38,
                   "op=1 opaque=7 cas=9 extras=\\x00\\x00\\xca\\xfe\\x00\\x00\\x00d key=k "
                   "value=hello")});
    for (Opcode op : {Opcode::setq, Opcode::add, Opcode::addq, Opcode::replace, Opcode::replaceq}) {
        expect_one_request(request(op, "k", kSetExtras, "v"), 34);
    }
    EXPECT_EQ(binary_events(request(Opcode::set, "k", kSetExtras, "")),
              V{ok(33, "op=1 extras=\\x00\\x00\\xca\\xfe\\x00\\x00\\x00d key=k")});
    EXPECT_EQ(binary_events(request(Opcode::append, "k", {}, "xy")),
              V{ok(27, "op=e key=k value=xy")});
    EXPECT_EQ(binary_events(request(Opcode::prependq, "k", {}, "xy")),
              V{ok(27, "op=1a key=k value=xy")});
}

TEST(BinaryParser, Arithmetic) {
    for (Opcode op :
         {Opcode::increment, Opcode::incrementq, Opcode::decrement, Opcode::decrementq}) {
        expect_one_request(request(op, "n", kIncrExtras), 45);
    }
}

TEST(BinaryParser, NoBodyOpcodes) {
    EXPECT_EQ(binary_events(request(Opcode::noop)), V{ok(24, "op=a")});
    EXPECT_EQ(binary_events(request(Opcode::version)), V{ok(24, "op=b")});
    EXPECT_EQ(binary_events(request(Opcode::sasl_list_mechs)), V{ok(24, "op=20")});
    EXPECT_EQ(binary_events(request(Opcode::flush)), V{ok(24, "op=8")});
    EXPECT_EQ(binary_events(request(Opcode::flushq, {}, be32(10))),
              V{ok(28, "op=18 extras=\\x00\\x00\\x00\\n")});
    EXPECT_EQ(binary_events(request(Opcode::verbosity, {}, be32(1))),
              V{ok(28, "op=1b extras=\\x00\\x00\\x00\\x01")});
    EXPECT_EQ(binary_events(request(Opcode::stat)), V{ok(24, "op=10")});
    EXPECT_EQ(binary_events(request(Opcode::stat, "items")), V{ok(29, "op=10 key=items")});
}

TEST(BinaryParser, QuitCloses) {
    EXPECT_EQ(binary_events(request(Opcode::quit) + request(Opcode::noop)),
              V{"ok 24 close {op=7}"});
    EXPECT_EQ(binary_events(request(Opcode::quitq)), V{"ok 24 close {op=17}"});
}

TEST(BinaryParser, TouchAndGat) {
    for (Opcode op : {Opcode::touch, Opcode::gat, Opcode::gatq, Opcode::gatk, Opcode::gatkq}) {
        expect_one_request(request(op, "k", be32(100)), 29);
    }
}

TEST(BinaryParser, Sasl) {
    EXPECT_EQ(binary_events(request(Opcode::sasl_auth, "PLAIN", {}, std::string_view("\0u\0p", 4))),
              V{ok(33, "op=21 key=PLAIN value=\\x00u\\x00p")});
    EXPECT_EQ(binary_events(request(Opcode::sasl_step, "PLAIN")), V{ok(29, "op=22 key=PLAIN")});
}

TEST(BinaryParser, HeaderFieldsAreKept) {
    Packet p;
    p.opcode = static_cast<uint8_t>(Opcode::getk);
    p.key = "k";
    p.opaque = 0xdeadbeef;
    p.cas = 0x0102030405060708;
    p.data_type = 1;
    p.vbucket = 5;
    EXPECT_EQ(binary_events(p.bytes()),
              V{ok(25, "op=c dt=1 vb=5 opaque=deadbeef cas=72623859790382856 key=k")});
}

TEST(BinaryParser, Pipeline) {
    std::string in = request(Opcode::setq, "a", kSetExtras, "1") + request(Opcode::getkq, "a") +
                     request(Opcode::noop);
    EXPECT_EQ(binary_events(in),
              (V{ok(34, "op=11 extras=\\x00\\x00\\xca\\xfe\\x00\\x00\\x00d key=a value=1"),
                 ok(25, "op=d key=a"), ok(24, "op=a")}));
}

TEST(BinaryParser, BadMagicClosesWithoutReply) {
    std::string noop = request(Opcode::noop);
    noop[0] = '\x81';
    EXPECT_EQ(binary_events(noop), V{"error 0 close"});
    EXPECT_EQ(binary_events(request(Opcode::noop) + std::string(24, '\0')),
              (V{ok(24, "op=a"), "error 0 close"}));
    // Fewer than 24 bytes are awaited, whatever they are.
    EXPECT_EQ(binary_events("get k\r\n"), V{"leftover 7"});
}

TEST(BinaryParser, LengthsThatDoNotAddUpAreUnknownCommandsAndClose) {
    Packet p;
    p.opcode = 0;
    p.key = "abc";
    p.body_len = 2;
    EXPECT_EQ(binary_events(p.bytes()),
              V{"error 0 close " + err(0, BinaryStatus::unknown_command)});
}

TEST(BinaryParser, KeyLengthLimit) {
    expect_one_request(request(Opcode::get, std::string(250, 'a')), 274);
    EXPECT_EQ(binary_events(request(Opcode::get, std::string(251, 'a'))),
              V{"error 0 close " + einval(0)});
}

TEST(BinaryParser, WrongLayoutsAreInvalidArgumentsAndClose) {
    struct Case {
        Opcode op;
        std::string key, extras, value;
    };
    const Case cases[] = {
        {Opcode::get, "k", "1234", ""},
        {Opcode::get, "", "", ""},
        {Opcode::getk, "k", "", "v"},
        {Opcode::set, "k", "1234", "v"},
        {Opcode::set, "", "12345678", "v"},
        {Opcode::add, "k", "", "v"},
        {Opcode::delete_, "k", "", "xx"},
        {Opcode::delete_, "", "", ""},
        {Opcode::increment, "k", "12345678", ""},
        {Opcode::decrement, "k", kIncrExtras, "zz"},
        {Opcode::increment, "", kIncrExtras, ""},
        {Opcode::append, "k", "1234", "x"},
        {Opcode::prepend, "", "", "x"},
        {Opcode::noop, "", "", "xx"},
        {Opcode::version, "x", "", ""},
        {Opcode::quit, "", "1234", ""},
        {Opcode::flush, "", "12345678", ""},
        {Opcode::flush, "k", "", ""},
        {Opcode::stat, "", "1234", ""},
        {Opcode::stat, "", "", "zz"},
        {Opcode::touch, "k", "", ""},
        {Opcode::touch, "k", "1234", "zz"},
        {Opcode::gat, "", "1234", ""},
        {Opcode::verbosity, "", "", ""},
        {Opcode::sasl_auth, "", "", "x"},
        {Opcode::sasl_auth, "PLAIN", "1234", "x"},
        {Opcode::sasl_list_mechs, "x", "", ""},
    };
    for (const Case& c : cases) {
        auto op = static_cast<uint8_t>(c.op);
        EXPECT_EQ(binary_events(request(c.op, c.key, c.extras, c.value) + request(Opcode::noop)),
                  V{"error 0 close " + einval(op)})
            << "opcode " << int{op};
    }
}

TEST(BinaryParser, UnknownOpcodeIsAnsweredAndItsBodySkipped) {
    Packet p;
    p.opcode = 0x30;
    p.opaque = 0x11223344;
    const std::string unknown = err(0x30, BinaryStatus::unknown_command, 0x11223344);
    EXPECT_EQ(binary_events(p.bytes() + request(Opcode::noop)),
              (V{"error 24 " + unknown, ok(24, "op=a")}));
    p.value = "abc";
    EXPECT_EQ(binary_events(p.bytes() + request(Opcode::noop)),
              (V{"error 27 " + unknown, ok(24, "op=a")}));
    p.key = "ab";
    p.extras = "1234";
    EXPECT_EQ(binary_events(p.bytes() + request(Opcode::noop)),
              (V{"error 33 " + unknown, ok(24, "op=a")}));
    Packet gap;
    gap.opcode = 0x1f;
    EXPECT_EQ(binary_events(gap.bytes()),
              V{"error 24 " + err(0x1f, BinaryStatus::unknown_command)});
}

Limits small_items() {
    Limits l;
    l.max_item_size = 100;  // key "k", flags 0: 40 value bytes fit (59 bytes overhead)
    return l;
}

TEST(BinaryParser, ItemSizeBoundary) {
    std::string v40(40, 'x'), v41(41, 'x');
    EXPECT_EQ(
        binary_events(request(Opcode::set, "k", storage_extras_bytes(0, 0), v40), small_items())
            .size(),
        1u);
    EXPECT_EQ(
        binary_events(request(Opcode::set, "k", storage_extras_bytes(0, 0), v41), small_items()),
        V{"error 74 invalidate " + err(1, BinaryStatus::value_too_large) +
          " {op=1 extras=\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 key=k}"});
    // Non-zero flags cost 4 bytes, as in memcached.
    EXPECT_EQ(
        binary_events(request(Opcode::add, "k", storage_extras_bytes(1, 0), v40), small_items()),
        V{"error 73 " + err(2, BinaryStatus::value_too_large)});
    // APPEND has no flags to charge.
    EXPECT_EQ(binary_events(request(Opcode::append, "k", {}, v40), small_items())[0].substr(0, 6),
              "ok 65 ");
    EXPECT_EQ(binary_events(request(Opcode::appendq, "k", {}, v41), small_items()),
              V{"error 66 " + err(0x19, BinaryStatus::value_too_large)});
}

TEST(BinaryParser, TooLargeIsAnsweredEvenWhenQuietAndSwallowed) {
    std::string v(60, 'x');
    std::string in =
        request(Opcode::setq, "k", storage_extras_bytes(0, 0), v, 3) + request(Opcode::noop);
    EXPECT_EQ(binary_events(in, small_items()),
              (V{"error 93 invalidate " + err(0x11, BinaryStatus::value_too_large, 3) +
                     " {op=11 opaque=3 extras=\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 key=k}",
                 ok(24, "op=a")}));
}

TEST(BinaryParser, TooLargeIsDecidedBeforeTheValueArrives) {
    Packet p;
    p.opcode = static_cast<uint8_t>(Opcode::set);
    p.key = "k";
    p.extras = storage_extras_bytes(0, 0);
    p.body_len = 2000000 + 9;
    EXPECT_EQ(binary_events(p.bytes()),
              V{"error 33 invalidate " + err(1, BinaryStatus::value_too_large) +
                " {op=1 extras=\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00 key=k}"});
}

TEST(BinaryParser, AbsurdBodyLength) {
    Packet set;
    set.opcode = static_cast<uint8_t>(Opcode::set);
    set.key = "k";
    set.extras = storage_extras_bytes(0, 0);
    set.body_len = 0xffffffff;
    EXPECT_EQ(binary_events(set.bytes()),
              V{"error 0 close " + err(1, BinaryStatus::value_too_large)});
    Packet get;
    get.opcode = 0;
    get.key = "k";
    get.body_len = 0xffffffff;
    EXPECT_EQ(binary_events(get.bytes()), V{"error 0 close " + einval(0)});
}

TEST(BinaryParser, WaitsForTheWholePacket) {
    std::string set = request(Opcode::set, "k", kSetExtras, "hello");
    EXPECT_EQ(binary_events(set.substr(0, 37)), V{"leftover 37"});
    EXPECT_EQ(binary_events(set.substr(0, 23)), V{"leftover 23"});
}

TEST(BinaryParser, MegabyteValueInSmallReads) {
    std::string value(1048516, 'v');
    std::string in =
        request(Opcode::set, "k", storage_extras_bytes(0, 0), value) + request(Opcode::noop);
    std::vector<std::string_view> pieces;
    for (size_t i = 0; i < in.size(); i += 3) pieces.push_back(std::string_view(in).substr(i, 3));
    FeedResult r = feed_binary(pieces);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].status, ParseStatus::ok);
    EXPECT_EQ(r, feed_binary({in}));
}

TEST(BinaryOpcodes, QuietMapping) {
    const std::pair<Opcode, Opcode> quiet[] = {
        {Opcode::getq, Opcode::get},
        {Opcode::getkq, Opcode::getk},
        {Opcode::setq, Opcode::set},
        {Opcode::addq, Opcode::add},
        {Opcode::replaceq, Opcode::replace},
        {Opcode::deleteq, Opcode::delete_},
        {Opcode::incrementq, Opcode::increment},
        {Opcode::decrementq, Opcode::decrement},
        {Opcode::quitq, Opcode::quit},
        {Opcode::flushq, Opcode::flush},
        {Opcode::appendq, Opcode::append},
        {Opcode::prependq, Opcode::prepend},
        {Opcode::gatq, Opcode::gat},
        {Opcode::gatkq, Opcode::gatk},
    };
    int quiet_count = 0;
    for (int op = 0; op < 256; ++op) quiet_count += is_quiet(static_cast<uint8_t>(op));
    EXPECT_EQ(quiet_count, 14);
    for (auto [q, loud] : quiet) {
        EXPECT_TRUE(is_quiet(static_cast<uint8_t>(q)));
        EXPECT_FALSE(is_quiet(static_cast<uint8_t>(loud)));
        EXPECT_EQ(base_opcode(static_cast<uint8_t>(q)), static_cast<uint8_t>(loud));
        EXPECT_EQ(base_opcode(static_cast<uint8_t>(loud)), static_cast<uint8_t>(loud));
    }
    EXPECT_EQ(base_opcode(0x77), 0x77);
}

TEST(BinaryOpcodes, ReturnsKey) {
    for (int op = 0; op < 256; ++op) {
        bool expected = op == 0x0c || op == 0x0d || op == 0x23 || op == 0x24;
        EXPECT_EQ(returns_key(static_cast<uint8_t>(op)), expected) << op;
    }
}

TEST(BinaryExtras, Decoders) {
    BinaryRequest r;
    std::string s = storage_extras_bytes(0xfeedf00d, 3600);
    r.extras = s;
    EXPECT_EQ(storage_extras(r).flags, 0xfeedf00du);
    EXPECT_EQ(storage_extras(r).exptime, 3600u);
    std::string a = arithmetic_extras_bytes(0x0102030405060708, 77, 0xffffffff);
    r.extras = a;
    EXPECT_EQ(arithmetic_extras(r).delta, 0x0102030405060708u);
    EXPECT_EQ(arithmetic_extras(r).initial, 77u);
    EXPECT_FALSE(arithmetic_extras(r).creates_on_miss());
    std::string e = be32(86400);
    r.extras = e;
    EXPECT_EQ(expiration_extras(r), 86400u);
    EXPECT_EQ(verbosity_extras(r), 86400u);
    r.extras = {};
    EXPECT_EQ(expiration_extras(r), 0u);  // FLUSH without a delay
    EXPECT_EQ(storage_extras(r).flags, 0u);
}

}  // namespace
}  // namespace larder::memcache::testing
