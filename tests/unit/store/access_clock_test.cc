// The LRU clock and the LFU counter in the item's access field (Redis semantics).
#include <gtest/gtest.h>

#include <random>

#include "store/access_clock.h"

namespace larder::store::testing {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

TEST(AccessClock, LruIdleCountsSecondsAndSurvivesAWrap) {
    const uint32_t then = lru_clock(kT0);
    EXPECT_EQ(lru_idle_ms(then, kT0), 0u);
    EXPECT_EQ(lru_idle_ms(then, kT0 + 90'000), 90'000u);
    // Just after the 20-bit clock wraps, idleness is still measured forward.
    const int64_t before_wrap = (int64_t{kAccessMask} - 5) * 1000;
    EXPECT_EQ(lru_idle_ms(lru_clock(before_wrap), before_wrap + 10'000), 10'000u);
}

TEST(AccessClock, NewKeysStartAtTheInitialLfuCount) {
    const uint32_t a = fresh_access(true, kT0);
    EXPECT_EQ(a & 0xFF, kLfuInitialCounter);
    EXPECT_EQ(lfu_decayed_counter(a, kT0, LfuSettings{}), kLfuInitialCounter);
}

TEST(AccessClock, LfuCounterDecaysOnePerDecayPeriod) {
    const uint32_t a = lfu_field(lfu_minutes(kT0), 100);
    const LfuSettings every_minute{.log_factor = 10, .decay_minutes = 1};
    EXPECT_EQ(lfu_decayed_counter(a, kT0 + 30 * 60'000, every_minute), 70u);
    EXPECT_EQ(lfu_decayed_counter(a, kT0 + 300 * 60'000, every_minute), 0u);
    const LfuSettings every_ten{.log_factor = 10, .decay_minutes = 10};
    EXPECT_EQ(lfu_decayed_counter(a, kT0 + 30 * 60'000, every_ten), 97u);
    const LfuSettings never{.log_factor = 10, .decay_minutes = 0};
    EXPECT_EQ(lfu_decayed_counter(a, kT0 + 300 * 60'000, never), 100u);
}

TEST(AccessClock, LfuCounterGrowsLogarithmically) {
    std::mt19937 rng(1);
    const LfuSettings settings{};
    uint32_t counter = kLfuInitialCounter;
    for (int i = 0; i < 100; ++i) counter = lfu_log_increment(counter, rng(), settings);
    const uint32_t after_100 = counter;
    for (int i = 0; i < 100'000; ++i) counter = lfu_log_increment(counter, rng(), settings);
    // Redis's table for factor 10: ~10 after 100 hits, ~142 after 100K (from 5 here).
    EXPECT_GT(after_100, 8u);
    EXPECT_LT(after_100, 25u);
    EXPECT_GT(counter, 100u);
    EXPECT_LT(counter, 200u);
    EXPECT_EQ(lfu_log_increment(255, 0, settings), 255u);  // saturates
}

}  // namespace
}  // namespace larder::store::testing
