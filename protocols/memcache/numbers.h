// Number parsing for text-protocol arguments with memcached 1.6's acceptance rules, which
// come from strtol/strtoul: leading whitespace and a sign are accepted, a tab or other
// whitespace may end the number, unsigned fields accept "-0", and 32-bit fields keep only the
// low 32 bits of a 64-bit value ("set k 4294967297 0 1" stores flags 1). Clients rely on
// what memcached accepts, so Larder accepts exactly the same strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace larder::memcache {

// memcached's safe_strtoul: client flags, verbosity level. Truncated to 32 bits.
std::optional<uint32_t> parse_flags_u32(std::string_view token);
// memcached's safe_strtol: exptime, byte count. Truncated to 32 bits, so it may wrap.
std::optional<int32_t> parse_i32(std::string_view token);
// memcached's safe_strtoull: cas unique, incr/decr delta.
std::optional<uint64_t> parse_u64(std::string_view token);

}  // namespace larder::memcache
