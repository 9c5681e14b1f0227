#include "protocols/memcache/numbers.h"

#include <limits>

namespace larder::memcache {
namespace {

bool is_c_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// What strtol/strtoul see in one token: optional whitespace, a sign, base-10 digits, then a
// stop character that must be whitespace or the token's end for memcached to accept it.
struct Scanned {
    bool negative = false;
    bool overflow = false;  // magnitude exceeds 2^64 - 1
    uint64_t magnitude = 0;
};

std::optional<Scanned> scan(std::string_view token) {
    size_t i = 0;
    while (i < token.size() && is_c_space(token[i])) ++i;
    Scanned s;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) {
        s.negative = token[i] == '-';
        ++i;
    }
    size_t digits = 0;
    for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i, ++digits) {
        uint64_t d = static_cast<uint64_t>(token[i] - '0');
        if (s.magnitude > (std::numeric_limits<uint64_t>::max() - d) / 10) s.overflow = true;
        s.magnitude = s.magnitude * 10 + d;
    }
    if (digits == 0) return std::nullopt;
    if (i < token.size() && !is_c_space(token[i])) return std::nullopt;
    return s;
}

// strtoul/strtoull followed by memcached's check that a value only "negative as signed"
// came without a minus sign.
std::optional<uint64_t> unsigned_like_memcached(std::string_view token) {
    auto s = scan(token);
    if (!s || s->overflow) return std::nullopt;
    uint64_t v = s->negative ? uint64_t{0} - s->magnitude : s->magnitude;
    if (static_cast<int64_t>(v) < 0 && s->negative) return std::nullopt;
    return v;
}

}  // namespace

std::optional<uint32_t> parse_flags_u32(std::string_view token) {
    auto v = unsigned_like_memcached(token);
    if (!v) return std::nullopt;
    return static_cast<uint32_t>(*v);
}

std::optional<uint64_t> parse_u64(std::string_view token) {
    return unsigned_like_memcached(token);
}

std::optional<int32_t> parse_i32(std::string_view token) {
    auto s = scan(token);
    if (!s || s->overflow) return std::nullopt;
    constexpr uint64_t kMaxPositive = uint64_t{std::numeric_limits<int64_t>::max()};
    if (s->magnitude > kMaxPositive + (s->negative ? 1 : 0)) return std::nullopt;  // ERANGE
    uint64_t bits = s->negative ? uint64_t{0} - s->magnitude : s->magnitude;
    return static_cast<int32_t>(static_cast<uint32_t>(bits));
}

}  // namespace larder::memcache
