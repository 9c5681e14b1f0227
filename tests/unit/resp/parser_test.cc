// Parser cases, each replayed whole, cut at every point and byte by byte: a request cut
// anywhere must parse exactly as if it had arrived at once.
#include "protocols/resp/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "protocols/resp/errors.h"
#include "tests/unit/resp/parse_harness.h"

namespace larder::resp {
namespace {

using testing::error;
using testing::failed;
using testing::ok;
using testing::Outcome;
using testing::outcome;
using testing::run;
using testing::run_bytewise;

using namespace std::string_literals;

// Checks `input` against `expected` whole, at every single cut, and byte by byte.
void check(std::string_view input, const Outcome& expected, Limits limits = {}) {
    SCOPED_TRACE(::testing::Message() << "input: " << ::testing::PrintToString(std::string(input)));
    EXPECT_EQ(run(input, {}, limits), expected);
    for (size_t cut = 1; cut < input.size(); ++cut) {
        EXPECT_EQ(run(input, {cut}, limits, true), expected) << "cut at " << cut;
    }
    EXPECT_EQ(run_bytewise(input, limits), expected) << "byte by byte";
}

// For one request: every strict prefix, given alone to a fresh parser, needs more.
void check_prefixes_need_more(std::string_view input, Limits limits = {}) {
    for (size_t k = 0; k < input.size(); ++k) {
        Parser p(limits);
        Request r;
        EXPECT_EQ(p.parse(input.substr(0, k), r).status, ParseStatus::need_more) << "prefix " << k;
    }
}

// One complete request that parses to `args`.
void check_one(std::string_view input, std::vector<std::string> args) {
    check(input, outcome({ok(std::move(args), input.size())}, 0));
    check_prefixes_need_more(input);
}

Limits small_limits() {
    Limits l;
    l.max_bulk_len = 8;
    l.max_multibulk_len = 4;
    l.max_inline_len = 16;
    return l;
}

// ---- multibulk ------------------------------------------------------------------------------

TEST(ParserMultibulk, SingleCommand) {
    const std::string in = "*1\r\n$4\r\nPING\r\n";
    check(in, outcome({ok({"PING"}, in.size())}, 0));
    check_prefixes_need_more(in);
}

TEST(ParserMultibulk, SeveralArguments) {
    const std::string in = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
    check(in, outcome({ok({"SET", "k", "hello"}, in.size())}, 0));
    check_prefixes_need_more(in);
}

TEST(ParserMultibulk, BinarySafeArguments) {
    const std::string in = "*2\r\n$3\r\nGET\r\n$7\r\na\r\n\0b\r\n\r\n"s;
    check(in, outcome({ok({"GET", "a\r\n\0b\r\n"s}, in.size())}, 0));
}

TEST(ParserMultibulk, EmptyArgument) {
    check("*1\r\n$0\r\n\r\n", outcome({ok({""}, 10)}, 0));
    check("*2\r\n$0\r\n\r\n$1\r\na\r\n", outcome({ok({"", "a"}, 17)}, 0));
}

TEST(ParserMultibulk, ZeroAndNegativeCountsAreSkipped) {
    check("*0\r\n", outcome({ok({}, 4)}, 0));
    check("*-1\r\n", outcome({ok({}, 5)}, 0));
    check("*-5\r\n*1\r\n$4\r\nPING\r\n", outcome({ok({}, 5), ok({"PING"}, 14)}, 0));
    check("*-9223372036854775808\r\n", outcome({ok({}, 23)}, 0));
    check("*-9223372036854775809\r\n", failed({error(kErrInvalidMultibulkLength)}));
}

TEST(ParserMultibulk, BytesAfterDataAreSkippedUnchecked) {
    // Redis skips two bytes after each bulk and after each '\r' without looking at them.
    check("*1\r\n$1\r\naXY", outcome({ok({"a"}, 11)}, 0));
    check("*1\rX$4\r\nPING\r\n", outcome({ok({"PING"}, 14)}, 0));
    check("*1\r\n$4\rXPING\r\n", outcome({ok({"PING"}, 14)}, 0));
}

TEST(ParserMultibulk, IncompleteRequestWaits) {
    check("*1\r\n$4\r\nPING", outcome({}, 12));
    check("*1\r\n$4\r\nPING\r", outcome({}, 13));
    check("*2\r\n$1\r\nabcd", outcome({}, 12));
    check("*1\r", outcome({}, 3));
    check("*x\r", outcome({}, 3));
    check("*1\r\nX\r", outcome({}, 6));
    check("*1\r\n$-1\r", outcome({}, 8));
}

TEST(ParserMultibulk, LargeCountsWithinLimitWait) {
    check("*1048576\r\n", outcome({}, 10));
    Limits redis_max;
    redis_max.max_multibulk_len = SIZE_MAX;
    check("*2147483647\r\n", outcome({}, 13), redis_max);
    check("*1\r\n$536870912\r\n", outcome({}, 16));
}

TEST(ParserMultibulk, InvalidMultibulkLength) {
    for (const char* in :
         {"*abc\r\n", "*\r\n", "*01\r\n", "*-0\r\n", "*+1\r\n", "* 1\r\n", "*1 \r\n", "*1\n\r\n",
          "*111111111111111111111111111111\r\n", "*1048577\r\n"}) {
        check(in, failed({error(kErrInvalidMultibulkLength)}));
    }
    Limits redis_max;
    redis_max.max_multibulk_len = SIZE_MAX;
    check("*2147483648\r\n", failed({error(kErrInvalidMultibulkLength)}), redis_max);
    check("*5\r\n", failed({error(kErrInvalidMultibulkLength)}), small_limits());
}

TEST(ParserMultibulk, InvalidBulkLength) {
    for (const char* in :
         {"*1\r\n$-1\r\n", "*1\r\n$abc\r\n", "*1\r\n$\r\n", "*1\r\n$01\r\n", "*1\r\n$-0\r\n",
          "*1\r\n$+1\r\n", "*1\r\n$536870913\r\n", "*1\r\n$99999999999999999999\r\n"}) {
        check(in, failed({error(kErrInvalidBulkLength)}));
    }
    check("*1\r\n$9\r\n", failed({error(kErrInvalidBulkLength)}), small_limits());
    check("*1\r\n$8\r\n", outcome({}, 8), small_limits());
}

TEST(ParserMultibulk, ExpectedDollar) {
    check("*1\r\nX\r\n", failed({error("ERR Protocol error: expected '$', got 'X'")}));
    check("*2\r\n$1\r\na\r\n:1\r\n", failed({error("ERR Protocol error: expected '$', got ':'")}));
    // CR and LF are shown as spaces, other bytes raw.
    check("*1\r\n\r\n\r\n", failed({error("ERR Protocol error: expected '$', got ' '")}));
    check("*1\r\n\n\r\n", failed({error("ERR Protocol error: expected '$', got ' '")}));
    check("*1\r\n\x01\r\n", failed({error("ERR Protocol error: expected '$', got '\x01'")}));
    check("*1\r\n\xff\r\n", failed({error("ERR Protocol error: expected '$', got '\xff'")}));
}

TEST(ParserMultibulk, TooBigCountStrings) {
    // Redis gives up on a header line once more than 64 KB of it is held without '\r'.
    const std::string ones(65535, '1');
    EXPECT_EQ(run("*" + ones, {}), outcome({}, 65536));
    EXPECT_EQ(run("*" + ones + "1", {}), failed({error(kErrTooBigMbulkCount)}));
    EXPECT_EQ(run("*1\r\n$" + ones, {}), outcome({}, 65540));
    EXPECT_EQ(run("*1\r\n$" + ones + "1", {}), failed({error(kErrTooBigBulkCount)}));
    // A terminator found within the limit makes the number itself the problem.
    // (small_limits: 16 bytes per line, so the terminator must be within the first 17.)
    check("*" + std::string(16, '1') + "\r\n", failed({error(kErrTooBigMbulkCount)}),
          small_limits());
    check("*" + std::string(15, '1') + "\r\n", failed({error(kErrInvalidMultibulkLength)}),
          small_limits());
    check("*1\r\n$" + std::string(16, '1'), failed({error(kErrTooBigBulkCount)}), small_limits());
    check("*1\r\n$" + std::string(15, '1'), outcome({}, 20), small_limits());
}

TEST(ParserMultibulk, TooBigCountStringDependsOnlyOnHeldBytes) {
    // The terminator past the limit is not looked for, whether or not it has arrived.
    const std::string line = "*" + std::string(65536, '1') + "\r\n";
    EXPECT_EQ(run(line, {}), failed({error(kErrTooBigMbulkCount)}));
    EXPECT_EQ(run_bytewise(line), failed({error(kErrTooBigMbulkCount)}));
}

TEST(ParserMultibulk, NulHidesTheHeaderTerminator) {
    // Redis searches lines with strchr(), which stops at NUL: such a line never ends.
    check("*1\0\r\n$4\r\nPING\r\n"s, outcome({}, 15));
    check("*1\r\n$4\0\r\nPING\r\n"s, outcome({}, 15));
    check("*1\0\r\n111111111111111"s, failed({error(kErrTooBigMbulkCount)}), small_limits());
    check("*1\r\n$\0\r\n11111111111111"s, failed({error(kErrTooBigBulkCount)}), small_limits());
    std::string big = "*1\0\r\n"s + std::string(65531, '1');
    EXPECT_EQ(run(big, {}), outcome({}, 65536));
    big += '1';
    EXPECT_EQ(run(big, {}), failed({error(kErrTooBigMbulkCount)}));
}

TEST(ParserMultibulk, Unauthenticated) {
    Limits l;
    l.unauthenticated = true;
    check("*10\r\n", outcome({}, 5), l);
    check("*11\r\n", failed({error(kErrUnauthenticatedMultibulk)}), l);
    check("*1\r\n$16384\r\n", outcome({}, 12), l);
    check("*1\r\n$16385\r\n", failed({error(kErrUnauthenticatedBulk)}), l);
    check("*0\r\n*11\r\n", failed({ok({}, 4), error(kErrUnauthenticatedMultibulk)}), l);
    // Plain invalid lengths keep their own errors.
    check("*x\r\n", failed({error(kErrInvalidMultibulkLength)}), l);
    check("*1\r\n$-1\r\n", failed({error(kErrInvalidBulkLength)}), l);
    // Inline requests are not capped.
    check("PING a b c d e f g h i j k\r\n",
          outcome({ok({"PING", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}, 28)}, 0), l);
}

// ---- inline ---------------------------------------------------------------------------------

TEST(ParserInline, Simple) {
    check("PING\r\n", outcome({ok({"PING"}, 6)}, 0));
    check("PING\n", outcome({ok({"PING"}, 5)}, 0));
    check("  set  k\t  v \r\n", outcome({ok({"set", "k", "v"}, 15)}, 0));
    check_prefixes_need_more("SET k v\r\n");
}

TEST(ParserInline, EmptyLinesAreSkipped) {
    check("\n", outcome({ok({}, 1)}, 0));
    check("\r\n", outcome({ok({}, 2)}, 0));
    check("   \r\n", outcome({ok({}, 5)}, 0));
    check("\r\r\n", outcome({ok({}, 3)}, 0));
    check("\n\r\n   \r\nPING\n", outcome({ok({}, 1), ok({}, 2), ok({}, 5), ok({"PING"}, 5)}, 0));
}

TEST(ParserInline, Whitespace) {
    check("ECHO a\rb\n", outcome({ok({"ECHO", "a", "b"}, 9)}, 0));
    check("ECHO x\r\r\n", outcome({ok({"ECHO", "x"}, 9)}, 0));
    // \v and \f separate only between arguments, not inside an unquoted one.
    check("ECHO a\vb\r\n", outcome({ok({"ECHO", "a\vb"}, 10)}, 0));
    check("\vECHO\fa\r\n", outcome({ok({"ECHO\fa"}, 9)}, 0));
}

TEST(ParserInline, DoubleQuotes) {
    check_one("ECHO \"a\\x41\\x4g\\n\\r\\t\\b\\a\\\\\\\"\\q\"\r\n",
              {"ECHO", "aAx4g\n\r\t\b\a\\\"q"});
    check("ECHO \"\\xZZ\" \"\\x4\" \"\\x00\"\r\n",
          outcome({ok({"ECHO", "xZZ", "x4", "\0"s}, 26)}, 0));
    check("ECHO \"\\\"\"\r\n", outcome({ok({"ECHO", "\""}, 11)}, 0));
    check("ECHO \"\" x\r\n", outcome({ok({"ECHO", "", "x"}, 11)}, 0));
    check("ECHO a\"b c\"\r\n", outcome({ok({"ECHO", "ab c"}, 13)}, 0));
    check("ECHO \"a\"\v\r\n", outcome({ok({"ECHO", "a"}, 11)}, 0));
    check("SET \"k 1\" v\r\n", outcome({ok({"SET", "k 1", "v"}, 13)}, 0));
}

TEST(ParserInline, SingleQuotes) {
    check("ECHO 'a\\'b\\n'\r\n", outcome({ok({"ECHO", "a'b\\n"}, 15)}, 0));
    check("ECHO ''\r\n", outcome({ok({"ECHO", ""}, 9)}, 0));
    check("ECHO 'a \"b\"'\r\n", outcome({ok({"ECHO", "a \"b\""}, 14)}, 0));
}

TEST(ParserInline, UnbalancedQuotes) {
    for (const char* in :
         {"ECHO \"a\"b\r\n", "ECHO 'a'b\r\n", "ECHO \"abc\r\n", "ECHO \"abc\\\r\n",
          "ECHO a'b'c\r\n", "ECHO \"a\"\"b\"\r\n", "ECHO ''''\r\n", "ECHO a\"\r\n", "'\n"}) {
        check(in, failed({error(kErrUnbalancedQuotes)}));
    }
}

TEST(ParserInline, NulHidesTheNewline) {
    check("PI\0NG\r\nPING\r\n"s, outcome({}, 13));
    check("\0\n"s, outcome({}, 2));
    check("PI\0NG\r\n1234567890"s, failed({error(kErrTooBigInline)}), small_limits());
}

TEST(ParserInline, TooBigInlineRequest) {
    const std::string x(65536, 'x');
    EXPECT_EQ(run(x, {}), outcome({}, 65536));
    EXPECT_EQ(run(x + "x", {}), failed({error(kErrTooBigInline)}));
    EXPECT_EQ(run(x + "\n", {}), outcome({ok({x}, 65537)}, 0));
    // The CR counts against the limit: no '\n' within the first 65537 bytes.
    EXPECT_EQ(run(x + "\r\n", {}), failed({error(kErrTooBigInline)}));
    EXPECT_EQ(run_bytewise(x + "\r\n"), failed({error(kErrTooBigInline)}));
    check("0123456789abcdef\n", outcome({ok({"0123456789abcdef"}, 17)}, 0), small_limits());
    check("0123456789abcdef\r\n", failed({error(kErrTooBigInline)}), small_limits());
    check("PING\r\n0123456789abcdefg", failed({ok({"PING"}, 6), error(kErrTooBigInline)}),
          small_limits());
}

TEST(ParserInline, UnquotedArgumentsAreViewsIntoInput) {
    const std::string in = "SET k \"v w\"\r\n";
    Parser p;
    Request r;
    ASSERT_EQ(p.parse(in, r).status, ParseStatus::ok);
    ASSERT_EQ(r.args.size(), 3u);
    EXPECT_EQ(r.args[0].data(), in.data());
    EXPECT_EQ(r.args[1].data(), in.data() + 4);
    EXPECT_EQ(r.args[2], "v w");
    EXPECT_FALSE(r.args[2].data() >= in.data() && r.args[2].data() < in.data() + in.size());
}

// ---- mixed ----------------------------------------------------------------------------------

TEST(ParserPipeline, MixedRequests) {
    const std::string in =
        "PING\r\n*1\r\n$4\r\nPING\r\n\r\nECHO hi\n*0\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n";
    check(in, outcome({ok({"PING"}, 6), ok({"PING"}, 14), ok({}, 2), ok({"ECHO", "hi"}, 8),
                       ok({}, 4), ok({"GET", "k"}, 20)},
                      0));
}

TEST(ParserPipeline, ErrorAfterGoodRequests) {
    check("PING\r\n*1\r\n$4\r\nECHO\r\n*x\r\nPING\r\n",
          failed({ok({"PING"}, 6), ok({"ECHO"}, 14), error(kErrInvalidMultibulkLength)}));
    check("GET k\r\nGET \"k\r\n", failed({ok({"GET", "k"}, 7), error(kErrUnbalancedQuotes)}));
}

TEST(ParserPipeline, PartialTail) {
    check("PING\r\n*2\r\n$3\r\nGET\r\n$1\r\n", outcome({ok({"PING"}, 6)}, 17));
    check("PING\r\nPIN", outcome({ok({"PING"}, 6)}, 3));
}

// ---- state ----------------------------------------------------------------------------------

TEST(ParserState, LargeBulkInPieces) {
    const size_t len = 32u << 20;
    std::string in = "*2\r\n$3\r\nSET\r\n$" + std::to_string(len) + "\r\n";
    const size_t header = in.size();
    in.append(len, 'v');
    in += "\r\n";
    std::vector<size_t> cuts;
    for (size_t c = 1; c < in.size(); c += 64 * 1024) cuts.push_back(c);
    const Outcome got = run(in, cuts);
    ASSERT_EQ(got.events.size(), 1u);
    EXPECT_EQ(got.events[0].consumed, in.size());
    EXPECT_EQ(got.events[0].args[1].size(), len);
    EXPECT_EQ(got.leftover, 0u);
    EXPECT_GT(header, 0u);
}

TEST(ParserState, ResetForgetsPartialRequest) {
    Parser p;
    Request r;
    EXPECT_EQ(p.parse("*2\r\n$3\r\nGET\r\n", r).status, ParseStatus::need_more);
    p.reset();
    const ParseResult res = p.parse("PING\r\n", r);
    EXPECT_EQ(res.status, ParseStatus::ok);
    EXPECT_EQ(res.consumed, 6u);
    ASSERT_EQ(r.args.size(), 1u);
    EXPECT_EQ(r.args[0], "PING");
}

TEST(ParserState, ShorterInputThanBeforeStartsOver) {
    Parser p;
    Request r;
    EXPECT_EQ(p.parse("*2\r\n$3\r\nGET\r\n$1", r).status, ParseStatus::need_more);
    const ParseResult res = p.parse("*1\r\n$1\r\nx\r\n", r);
    EXPECT_EQ(res.status, ParseStatus::ok);
    ASSERT_EQ(r.args.size(), 1u);
    EXPECT_EQ(r.args[0], "x");
}

TEST(ParserState, LimitsApplyMidRequest) {
    Parser p;
    Request r;
    EXPECT_EQ(p.parse("*2\r\n$1\r\na\r\n", r).status, ParseStatus::need_more);
    Limits l;
    l.unauthenticated = true;
    p.set_limits(l);
    const ParseResult res = p.parse("*2\r\n$1\r\na\r\n$20000\r\n", r);
    EXPECT_EQ(res.status, ParseStatus::error);
    EXPECT_EQ(res.error, kErrUnauthenticatedBulk);
}

TEST(ParserState, ReusableAfterError) {
    Parser p;
    Request r;
    EXPECT_EQ(p.parse("*x\r\n", r).status, ParseStatus::error);
    EXPECT_EQ(p.parse("PING\n", r).status, ParseStatus::ok);
}

TEST(ParserState, EmptyInputNeedsMore) {
    Parser p;
    Request r;
    const ParseResult res = p.parse({}, r);
    EXPECT_EQ(res.status, ParseStatus::need_more);
    EXPECT_EQ(res.consumed, 0u);
}

}  // namespace
}  // namespace larder::resp
