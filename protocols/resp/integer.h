// Strict decimal integer parsing with the exact acceptance rules Redis applies to lengths in
// the protocol and to integer arguments (string2ll): no sign but '-', no leading zeros, no
// spaces, no "-0", at most 20 characters, and the value must fit in int64_t.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace larder::resp {

std::optional<int64_t> parse_int64(std::string_view s);

}  // namespace larder::resp
