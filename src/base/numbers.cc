#include "src/base/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace larder::base {

std::optional<int64_t> parse_int64(std::string_view s) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    size_t i = 0;
    bool negative = false;
    if (s[0] == '-') {
        negative = true;
        i = 1;
        if (s.size() == 1) return std::nullopt;
    }
    if (s[i] == '0') {
        // "0" alone is fine; "-0" and "01" are not, as in Redis.
        if (s.size() == 1) return 0;
        return std::nullopt;
    }
    uint64_t v = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c < '0' || c > '9') return std::nullopt;
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    if (negative) {
        if (v > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
        return static_cast<int64_t>(0 - v);
    }
    if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(v);
}

std::optional<uint64_t> parse_uint64(std::string_view s) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

std::optional<long double> parse_long_double(std::string_view s) {
    if (s.empty() || s.size() > 5000) return std::nullopt;
    if (isspace(static_cast<unsigned char>(s.front())) ||
        isspace(static_cast<unsigned char>(s.back())))
        return std::nullopt;
    std::string copy(s);
    char* end = nullptr;
    errno = 0;
    long double v = strtold(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || errno == ERANGE || std::isnan(v)) return std::nullopt;
    return v;
}

}  // namespace larder::base
