// Strict number parsing for command arguments, with the rules the peers apply: a base-10
// integer with an optional '-', no spaces, no '+', no leading zeros (Redis string2ll), and
// memcached's unsigned forms.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace larder::base {

std::optional<int64_t> parse_int64(std::string_view s);
// Digits only (memcached counters and arguments); fits 64 bits.
std::optional<uint64_t> parse_uint64(std::string_view s);
std::optional<long double> parse_long_double(std::string_view s);

}  // namespace larder::base
