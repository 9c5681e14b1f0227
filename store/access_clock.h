// The 20-bit access field in every item header, read the way Redis reads its 24-bit `lru`
// field: under an LRU policy it is a seconds clock; under an LFU policy it is 12 bits of
// minutes and an 8-bit logarithmic counter. Four bits fewer than Redis buy a byte of every
// item, at the price of shorter horizons: idle times wrap after 12 days (Redis: 194), and
// LFU decay sees at most 68 hours of idleness (Redis: 45 days), which matters only when
// lfu-decay-time exceeds 16 minutes (at the default of 1, a counter has decayed to 0 long
// before). Switching policy at run time reinterprets the field, as in Redis: old items
// look oddly young or old for a while.
#pragma once

#include <cstdint>

namespace larder::store {

inline constexpr uint32_t kAccessMask = 0xFFFFF;
inline constexpr uint32_t kLfuMinutesMask = 0xFFF;
inline constexpr uint32_t kLfuInitialCounter = 5;  // new keys start here, so they are not first out

struct LfuSettings {
    int log_factor = 10;    // lfu-log-factor
    int decay_minutes = 1;  // lfu-decay-time: counter drops by one per this many idle minutes
};

inline uint32_t lru_clock(int64_t now_ms) {
    return static_cast<uint32_t>(now_ms / 1000) & kAccessMask;
}

// How long since an LRU field's access, in ms (from the 1-second clock).
inline uint64_t lru_idle_ms(uint32_t access, int64_t now_ms) {
    const uint32_t now = lru_clock(now_ms);
    const uint32_t ago = (now - access) & kAccessMask;  // modulo the clock's wrap
    return uint64_t{ago} * 1000;
}

inline uint32_t lfu_minutes(int64_t now_ms) {
    return static_cast<uint32_t>(now_ms / 60'000) & kLfuMinutesMask;
}

inline uint32_t lfu_field(uint32_t minutes, uint32_t counter) {
    return (minutes << 8) | counter;
}

// The counter after decay for the minutes it has been idle (not written back).
uint32_t lfu_decayed_counter(uint32_t access, int64_t now_ms, const LfuSettings& settings);

// Bumps a counter with probability 1 / ((counter - initial) * log_factor + 1), so it grows
// with the log of the access count and saturates at 255. `random` is uniform 32 bits.
uint32_t lfu_log_increment(uint32_t counter, uint32_t random, const LfuSettings& settings);

// The access field a new key starts with, and the one an access leaves behind.
uint32_t fresh_access(bool lfu, int64_t now_ms);
uint32_t touched_access(bool lfu, uint32_t access, int64_t now_ms, uint32_t random,
                        const LfuSettings& settings);

}  // namespace larder::store
