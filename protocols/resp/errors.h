// The exact error texts Redis 7.0 sends for protocol and dispatch failures, so clients and
// tests that match on them see no difference. Texts carry their code ("ERR ...") but not the
// leading '-' or CRLF; ReplyWriter::error() frames them.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace larder::resp {

inline constexpr std::string_view kErrInvalidMultibulkLength =
    "ERR Protocol error: invalid multibulk length";
inline constexpr std::string_view kErrInvalidBulkLength = "ERR Protocol error: invalid bulk length";
inline constexpr std::string_view kErrUnbalancedQuotes =
    "ERR Protocol error: unbalanced quotes in request";
inline constexpr std::string_view kErrTooBigInline = "ERR Protocol error: too big inline request";
inline constexpr std::string_view kErrTooBigMbulkCount =
    "ERR Protocol error: too big mbulk count string";
inline constexpr std::string_view kErrTooBigBulkCount =
    "ERR Protocol error: too big bulk count string";
inline constexpr std::string_view kErrUnauthenticatedMultibulk =
    "ERR Protocol error: unauthenticated multibulk length";
inline constexpr std::string_view kErrUnauthenticatedBulk =
    "ERR Protocol error: unauthenticated bulk length";

// "ERR Protocol error: expected '$', got 'X'" (X is the raw byte; CR and LF become spaces).
std::string expected_dollar_error(char got);

// "ERR wrong number of arguments for 'get' command". Redis names the command by its table
// name, not as sent, so pass CommandSpec::name (or "parent|sub" for a subcommand, as in
// 'config|get'); the name is lowercased anyway, so the name as sent also gives Redis's text.
std::string wrong_arity_error(std::string_view cmd_name);

// "ERR unknown command 'foo', with args beginning with: 'a' 'b' " (trailing space included).
// `args` are the arguments after the name. As Redis does, the name is cut to 128 bytes, the
// quoted argument list stops once it reaches 128 bytes (the last one cut to fit), each text
// ends at its first NUL byte (Redis formats them with %s), and CR/LF become spaces.
std::string unknown_command_error(std::string_view name, std::span<const std::string_view> args);

// Replaces CR and LF with spaces so a text can never break a one-line RESP frame; Redis does
// this to every formatted error.
void sanitize_line(std::string& text);

}  // namespace larder::resp
