#include "store/number.h"

#include <charconv>
#include <limits>

namespace larder::store {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The C locale's isspace, spelled out so the result never depends on the process locale.
bool is_c_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

bool parse_redis_int64(std::string_view text, int64_t& out) {
    if (text.empty() || text.size() > 20) return false;
    if (text == "0") {
        out = 0;
        return true;
    }
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative) ++i;
    if (i == text.size() || text[i] < '1' || text[i] > '9') return false;
    uint64_t magnitude = 0;
    for (; i < text.size(); ++i) {
        if (!is_digit(text[i])) return false;
        const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
    }
    constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (negative) {
        if (magnitude > kMaxPositive + 1) return false;
        // Two's complement negation in unsigned space, so INT64_MIN does not overflow.
        out = static_cast<int64_t>(0 - magnitude);
    } else {
        if (magnitude > kMaxPositive) return false;
        out = static_cast<int64_t>(magnitude);
    }
    return true;
}

bool parse_memcached_uint64(std::string_view text, uint64_t& out) {
    size_t i = 0;
    while (i < text.size() && is_c_space(text[i])) ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    const size_t digits_start = i;
    uint64_t magnitude = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
    }
    if (i == digits_start) return false;
    if (i < text.size() && !is_c_space(text[i]) && text[i] != '\0') return false;
    const uint64_t value = negative ? 0 - magnitude : magnitude;
    // memcached looks for a '-' anywhere in the text, and only when the result would read
    // as negative in int64.
    if ((value >> 63) != 0 && text.find('-') != std::string_view::npos) return false;
    out = value;
    return true;
}

size_t format_decimal(int64_t value, char* out) {
    return static_cast<size_t>(std::to_chars(out, out + kMaxDecimalLength, value).ptr - out);
}

size_t format_decimal(uint64_t value, char* out) {
    return static_cast<size_t>(std::to_chars(out, out + kMaxDecimalLength, value).ptr - out);
}

}  // namespace larder::store
