// Reply encoding in RESP2 and RESP3, byte for byte as Redis 7.0 writes it.
#include "protocols/resp/reply_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <random>
#include <string>

namespace larder::resp {
namespace {

using namespace std::string_literals;

std::string encode(int protocol, const std::function<void(ReplyWriter&)>& fn) {
    proto::OutBuffer out;
    ReplyWriter w(out, protocol);
    fn(w);
    return std::string(out.view());
}

struct Case {
    const char* name;
    std::function<void(ReplyWriter&)> write;
    std::string resp2;
    std::string resp3;
};

TEST(ReplyWriter, EachReplyInBothProtocols) {
    const Case cases[] = {
        {"ok", [](ReplyWriter& w) { w.ok(); }, "+OK\r\n", "+OK\r\n"},
        {"simple", [](ReplyWriter& w) { w.simple("PONG"); }, "+PONG\r\n", "+PONG\r\n"},
        {"simple crlf", [](ReplyWriter& w) { w.simple("a\r\nb"); }, "+a  b\r\n", "+a  b\r\n"},
        {"error", [](ReplyWriter& w) { w.error("ERR no such key"); }, "-ERR no such key\r\n",
         "-ERR no such key\r\n"},
        {"error dash", [](ReplyWriter& w) { w.error("-WRONGTYPE x"); }, "-WRONGTYPE x\r\n",
         "-WRONGTYPE x\r\n"},
        {"error crlf", [](ReplyWriter& w) { w.error("ERR a\nb\r"); }, "-ERR a b \r\n",
         "-ERR a b \r\n"},
        {"integer", [](ReplyWriter& w) { w.integer(-42); }, ":-42\r\n", ":-42\r\n"},
        {"integer min", [](ReplyWriter& w) { w.integer(std::numeric_limits<int64_t>::min()); },
         ":-9223372036854775808\r\n", ":-9223372036854775808\r\n"},
        {"bulk", [](ReplyWriter& w) { w.bulk("a\r\n\0b"s); }, "$5\r\na\r\n\0b\r\n"s,
         "$5\r\na\r\n\0b\r\n"s},
        {"empty bulk", [](ReplyWriter& w) { w.bulk(""); }, "$0\r\n\r\n", "$0\r\n\r\n"},
        {"null", [](ReplyWriter& w) { w.null(); }, "$-1\r\n", "_\r\n"},
        {"null array", [](ReplyWriter& w) { w.null_array(); }, "*-1\r\n", "_\r\n"},
        {"array", [](ReplyWriter& w) { w.array(3); }, "*3\r\n", "*3\r\n"},
        {"map", [](ReplyWriter& w) { w.map(2); }, "*4\r\n", "%2\r\n"},
        {"empty map", [](ReplyWriter& w) { w.map(0); }, "*0\r\n", "%0\r\n"},
        {"set", [](ReplyWriter& w) { w.set(2); }, "*2\r\n", "~2\r\n"},
        {"push", [](ReplyWriter& w) { w.push(3); }, "*3\r\n", ">3\r\n"},
        {"true", [](ReplyWriter& w) { w.boolean(true); }, ":1\r\n", "#t\r\n"},
        {"false", [](ReplyWriter& w) { w.boolean(false); }, ":0\r\n", "#f\r\n"},
        {"double", [](ReplyWriter& w) { w.dbl(1.1); }, "$18\r\n1.1000000000000001\r\n",
         ",1.1000000000000001\r\n"},
        {"double int", [](ReplyWriter& w) { w.dbl(2); }, "$1\r\n2\r\n", ",2\r\n"},
        {"double big", [](ReplyWriter& w) { w.dbl(1e300); }, "$23\r\n1.0000000000000001e+300\r\n",
         ",1.0000000000000001e+300\r\n"},
        {"double half", [](ReplyWriter& w) { w.dbl(0.5); }, "$3\r\n0.5\r\n", ",0.5\r\n"},
        {"inf", [](ReplyWriter& w) { w.dbl(std::numeric_limits<double>::infinity()); },
         "$3\r\ninf\r\n", ",inf\r\n"},
        {"-inf", [](ReplyWriter& w) { w.dbl(-std::numeric_limits<double>::infinity()); },
         "$4\r\n-inf\r\n", ",-inf\r\n"},
        {"verbatim", [](ReplyWriter& w) { w.verbatim("txt", "hello\nworld"); },
         "$11\r\nhello\nworld\r\n", "=15\r\ntxt:hello\nworld\r\n"},
        {"verbatim short format", [](ReplyWriter& w) { w.verbatim("md", "x"); }, "$1\r\nx\r\n",
         "=5\r\nmd :x\r\n"},
        {"verbatim long format", [](ReplyWriter& w) { w.verbatim("text", "x"); }, "$1\r\nx\r\n",
         "=5\r\ntex:x\r\n"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(encode(2, c.write), c.resp2) << c.name;
        EXPECT_EQ(encode(3, c.write), c.resp3) << c.name;
    }
}

TEST(ReplyWriter, NestedReply) {
    // What HELLO-like handlers produce: a map with a nested array.
    auto fn = [](ReplyWriter& w) {
        w.map(2);
        w.bulk("proto");
        w.integer(3);
        w.bulk("modules");
        w.array(0);
    };
    EXPECT_EQ(encode(2, fn), "*4\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
    EXPECT_EQ(encode(3, fn), "%2\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n");
}

TEST(ReplyWriter, SetProtocolSwitchesEncoding) {
    proto::OutBuffer out;
    ReplyWriter w(out);
    EXPECT_EQ(w.protocol(), 2);
    w.null();
    w.set_protocol(3);
    EXPECT_EQ(w.protocol(), 3);
    w.null();
    w.set_protocol(2);
    w.boolean(true);
    EXPECT_EQ(out.view(), "$-1\r\n_\r\n:1\r\n");
    EXPECT_EQ(&w.out(), &out);
}

TEST(ReplyWriter, DoubleMatchesPrintf17g) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(-1, 1);
    for (int i = 0; i < 20000; ++i) {
        const double d = std::ldexp(unit(rng), static_cast<int>(rng() % 2000) - 1000);
        char want[64];
        std::snprintf(want, sizeof want, "%.17g", d);
        EXPECT_EQ(encode(3, [&](ReplyWriter& w) { w.dbl(d); }), "," + std::string(want) + "\r\n");
    }
}

}  // namespace
}  // namespace larder::resp
