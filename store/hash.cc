#include "store/hash.h"

#include <cstring>

namespace larder::store {
namespace {

// Odd constants with well-spread bits: 2^64 / golden ratio and the splitmix64 multipliers.
constexpr uint64_t kP0 = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kP1 = 0xbf58476d1ce4e5b9ULL;
constexpr uint64_t kP2 = 0x94d049bb133111ebULL;

// Full 64x64→128 multiply, folded: every input bit reaches the middle of the result, which
// is what makes one multiply per 16 bytes enough.
inline uint64_t fold_multiply(uint64_t a, uint64_t b) {
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t load64(const unsigned char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline uint64_t load32(const unsigned char* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// The splitmix64 finaliser: spreads the folded state into the low bits the shard mask uses.
inline uint64_t avalanche(uint64_t h) {
    h ^= h >> 30;
    h *= kP1;
    h ^= h >> 27;
    h *= kP2;
    h ^= h >> 31;
    return h;
}

}  // namespace

uint64_t hash_key(std::string_view key, uint64_t seed) {
    const auto* p = reinterpret_cast<const unsigned char*>(key.data());
    size_t n = key.size();
    uint64_t h = seed ^ (static_cast<uint64_t>(n) * kP0);
    while (n > 16) {
        h ^= fold_multiply(load64(p) ^ kP1, load64(p + 8) ^ kP2 ^ h);
        p += 16;
        n -= 16;
    }
    // The last 1..16 bytes, read as two possibly overlapping words; with the length already
    // mixed in, the overlap loses nothing.
    uint64_t a = 0;
    uint64_t b = 0;
    if (n > 8) {
        a = load64(p);
        b = load64(p + n - 8);
    } else if (n >= 4) {
        a = load32(p);
        b = load32(p + n - 4);
    } else if (n > 0) {
        a = (uint64_t{p[0]} << 16) | (uint64_t{p[n / 2]} << 8) | p[n - 1];
    }
    h ^= fold_multiply(a ^ kP1, b ^ kP2 ^ h);
    return avalanche(h);
}

}  // namespace larder::store
