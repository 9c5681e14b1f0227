// The two integer dialects the counters speak. Redis and memcached disagree on what a
// number looks like, and clients of each depend on their server's rules, so each gets its
// own parser rather than a compromise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace larder::store {

// Redis string2ll rules: 1..20 bytes, optional '-', no '+', no spaces, no leading zeros
// ("0" alone is fine, "-0" is not), must fit int64.
bool parse_redis_int64(std::string_view text, int64_t& out);

// memcached safe_strtoull rules (strtoull base 10, then checks): optional leading
// whitespace, optional '+' or '-', digits (leading zeros allowed), then end of value,
// whitespace or NUL (anything after that is ignored). Magnitude must fit uint64. A '-' is
// applied the way strtoull does (negated modulo 2^64); the text is rejected only when the
// result has its top bit set and a '-' appears anywhere, so "-0" parses as 0 and "-1" fails.
bool parse_memcached_uint64(std::string_view text, uint64_t& out);

// Decimal text; returns the length written. Buffers of kMaxDecimalLength always suffice.
inline constexpr size_t kMaxDecimalLength = 20;
size_t format_decimal(int64_t value, char* out);
size_t format_decimal(uint64_t value, char* out);

}  // namespace larder::store
