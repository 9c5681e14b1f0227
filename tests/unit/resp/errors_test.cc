// Error texts, checked against what redis-server 7.0.15 sent for the same input.
#include "protocols/resp/errors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace larder::resp {
namespace {

using namespace std::string_literals;

std::string unknown(std::string_view name, std::vector<std::string_view> args) {
    return unknown_command_error(name, args);
}

TEST(Errors, WrongArityUsesTheLowercaseName) {
    EXPECT_EQ(wrong_arity_error("get"), "ERR wrong number of arguments for 'get' command");
    EXPECT_EQ(wrong_arity_error("GeT"), "ERR wrong number of arguments for 'get' command");
    EXPECT_EQ(wrong_arity_error("config|get"),
              "ERR wrong number of arguments for 'config|get' command");
}

TEST(Errors, UnknownCommand) {
    EXPECT_EQ(unknown("FOO", {"a", "b"}),
              "ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
    EXPECT_EQ(unknown("FOO", {}), "ERR unknown command 'FOO', with args beginning with: ");
    EXPECT_EQ(unknown("", {"a"}), "ERR unknown command '', with args beginning with: 'a' ");
}

TEST(Errors, UnknownCommandTruncatesLikeRedis) {
    const std::string x100(100, 'x'), y50(50, 'y');
    EXPECT_EQ(unknown("foo", {x100, y50, "zzz"}),
              "ERR unknown command 'foo', with args beginning with: '" + x100 + "' '" +
                  std::string(25, 'y') + "' ");
    EXPECT_EQ(unknown("foo", {std::string(120, 'x'), y50}),
              "ERR unknown command 'foo', with args beginning with: '" + std::string(120, 'x') +
                  "' 'yyyyy' ");
    // Once the list reaches 128 bytes nothing more is shown.
    for (size_t n : {126, 127}) {
        const std::string xs(n, 'x');
        EXPECT_EQ(unknown("foo", {xs, y50}),
                  "ERR unknown command 'foo', with args beginning with: '" + xs + "' ");
    }
    EXPECT_EQ(
        unknown("foo", {std::string(300, 'x'), "b"}),
        "ERR unknown command 'foo', with args beginning with: '" + std::string(128, 'x') + "' ");
    EXPECT_EQ(
        unknown(std::string(200, 'F'), {"a"}),
        "ERR unknown command '" + std::string(128, 'F') + "', with args beginning with: 'a' ");
}

TEST(Errors, UnknownCommandStopsAtNulAndHidesCrLf) {
    EXPECT_EQ(unknown("f\0o"s, {"abc", "c\0d"s}),
              "ERR unknown command 'f', with args beginning with: 'abc' 'c' ");
    EXPECT_EQ(unknown("f\ro", {"a\nb", "\x01"}),
              "ERR unknown command 'f o', with args beginning with: 'a b' '\x01' ");
}

TEST(Errors, ExpectedDollar) {
    EXPECT_EQ(expected_dollar_error('X'), "ERR Protocol error: expected '$', got 'X'");
    EXPECT_EQ(expected_dollar_error('\r'), "ERR Protocol error: expected '$', got ' '");
    EXPECT_EQ(expected_dollar_error('\n'), "ERR Protocol error: expected '$', got ' '");
}

TEST(Errors, ProtocolErrorTexts) {
    EXPECT_EQ(kErrInvalidMultibulkLength, "ERR Protocol error: invalid multibulk length");
    EXPECT_EQ(kErrInvalidBulkLength, "ERR Protocol error: invalid bulk length");
    EXPECT_EQ(kErrUnbalancedQuotes, "ERR Protocol error: unbalanced quotes in request");
    EXPECT_EQ(kErrTooBigInline, "ERR Protocol error: too big inline request");
    EXPECT_EQ(kErrTooBigMbulkCount, "ERR Protocol error: too big mbulk count string");
    EXPECT_EQ(kErrTooBigBulkCount, "ERR Protocol error: too big bulk count string");
    EXPECT_EQ(kErrUnauthenticatedMultibulk, "ERR Protocol error: unauthenticated multibulk length");
    EXPECT_EQ(kErrUnauthenticatedBulk, "ERR Protocol error: unauthenticated bulk length");
}

}  // namespace
}  // namespace larder::resp
