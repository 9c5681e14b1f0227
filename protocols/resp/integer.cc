#include "protocols/resp/integer.h"

#include <limits>

namespace larder::resp {

std::optional<int64_t> parse_int64(std::string_view s) {
    // Redis rejects 21+ characters before looking at them, so "000...1" never parses.
    constexpr size_t kMaxChars = 20;
    if (s.empty() || s.size() > kMaxChars) return std::nullopt;
    if (s == "0") return 0;

    size_t i = 0;
    const bool negative = s[0] == '-';
    if (negative && ++i == s.size()) return std::nullopt;
    // A leading '0' is only valid as the whole string, which also rules out "-0".
    if (s[i] < '1' || s[i] > '9') return std::nullopt;

    uint64_t v = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<uint64_t>(c - '0');
        if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
        v = v * 10 + digit;
    }

    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (negative) {
        if (v > kMax + 1) return std::nullopt;
        // Negating in unsigned space avoids the signed overflow at INT64_MIN.
        return static_cast<int64_t>(~v + 1);
    }
    if (v > kMax) return std::nullopt;
    return static_cast<int64_t>(v);
}

}  // namespace larder::resp
