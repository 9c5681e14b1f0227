#include "store/access_clock.h"

namespace larder::store {

uint32_t lfu_decayed_counter(uint32_t access, int64_t now_ms, const LfuSettings& settings) {
    const uint32_t then = access >> 8;
    const uint32_t counter = access & 0xFF;
    const uint32_t now = lfu_minutes(now_ms);
    // The minutes field wraps every 68 hours: count modulo that.
    const uint32_t idle = (now - then) & kLfuMinutesMask;
    if (settings.decay_minutes <= 0) return counter;
    const uint32_t periods = idle / static_cast<uint32_t>(settings.decay_minutes);
    return periods >= counter ? 0 : counter - periods;
}

uint32_t lfu_log_increment(uint32_t counter, uint32_t random, const LfuSettings& settings) {
    if (counter >= 255) return 255;
    const double base = counter > kLfuInitialCounter ? counter - kLfuInitialCounter : 0;
    const double p = 1.0 / (base * settings.log_factor + 1);
    const double r = random / 4294967296.0;
    return r < p ? counter + 1 : counter;
}

uint32_t fresh_access(bool lfu, int64_t now_ms) {
    return lfu ? lfu_field(lfu_minutes(now_ms), kLfuInitialCounter) : lru_clock(now_ms);
}

uint32_t touched_access(bool lfu, uint32_t access, int64_t now_ms, uint32_t random,
                        const LfuSettings& settings) {
    if (!lfu) return lru_clock(now_ms);
    uint32_t counter = lfu_decayed_counter(access, now_ms, settings);
    counter = lfu_log_increment(counter, random, settings);
    return lfu_field(lfu_minutes(now_ms), counter);
}

}  // namespace larder::store
