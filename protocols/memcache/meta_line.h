// Reads the rest of a meta command line (mg, ms, md, ma, me, mn) after its name, with
// memcached 1.6's checks in memcached's order and its exact error lines (which differ per
// command: md and ma collapse every flag error into "invalid or duplicate flag").
#pragma once

#include "protocols/memcache/commands.h"
#include "protocols/memcache/limits.h"
#include "protocols/memcache/text_line.h"
#include "protocols/memcache/text_tokens.h"

namespace larder::memcache {

// `tok` is positioned after the command name. Fills out.meta, out.keys (the one key) and,
// for ms, asks for the data block; errors carry memcached's line and, for ms, the data block
// bytes memcached swallows.
LineOutcome read_meta_line(const TextCommandSpec& spec, Tokenizer& tok, const Limits& limits,
                           TextRequest& out);

namespace meta_errors {
inline constexpr std::string_view bad_format = "CLIENT_ERROR bad command line format\r\n";
inline constexpr std::string_view mg_too_many = "CLIENT_ERROR options flags are too long\r\n";
inline constexpr std::string_view too_many = "CLIENT_ERROR options flags too long\r\n";
inline constexpr std::string_view duplicate = "CLIENT_ERROR duplicate flag\r\n";
inline constexpr std::string_view invalid = "CLIENT_ERROR invalid flag\r\n";
inline constexpr std::string_view bad_key = "CLIENT_ERROR error decoding key\r\n";
inline constexpr std::string_view bad_token = "CLIENT_ERROR bad token in command line format\r\n";
inline constexpr std::string_view mode_length = "CLIENT_ERROR incorrect length for M token\r\n";
inline constexpr std::string_view bad_initial = "CLIENT_ERROR invalid numeric initial value\r\n";
inline constexpr std::string_view bad_delta = "CLIENT_ERROR invalid numeric delta value\r\n";
inline constexpr std::string_view opaque_too_long = "CLIENT_ERROR opaque token too long\r\n";
inline constexpr std::string_view ms_mode = "CLIENT_ERROR invalid mode for ms M token\r\n";
inline constexpr std::string_view ma_mode = "CLIENT_ERROR invalid mode for ma M token\r\n";
inline constexpr std::string_view md_ma_flags = "CLIENT_ERROR invalid or duplicate flag\r\n";
}  // namespace meta_errors

}  // namespace larder::memcache
