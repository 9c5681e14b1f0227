// The active expiry cycle a worker's timer runs: reclaims expired keys nobody reads, splits
// shards between workers, works harder while many keys are expired, and respects its budget.
#include <gtest/gtest.h>

#include <string>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

class ActiveExpiryTest : public ::testing::Test {
  protected:
    void put_for(const std::string& key, int64_t ttl_ms) {
        store_.set(key, "v",
                   SetOptions{.expiry = ExpiryMode::at, .expire_at_ms = clock_.now_ms() + ttl_ms});
    }

    ManualClock clock_;
    Store store_{Config{.shard_count = 8, .clock = &clock_}};
};

TEST_F(ActiveExpiryTest, ReclaimsExpiredKeysNobodyReads) {
    for (int i = 0; i < 500; ++i) put_for(numbered("short", i), 100);
    for (int i = 0; i < 500; ++i) put_for(numbered("long", i), 100'000);
    for (int i = 0; i < 500; ++i) store_.set(numbered("forever", i), "v", {});
    clock_.advance(100);
    const ExpireCycleStats s = store_.active_expire_cycle(0, 1, 1'000'000);
    EXPECT_EQ(s.shards_visited, 8u);
    // While samples come back mostly expired it keeps going; it stops on a shard once under
    // 10% of a sample is expired, as Redis does, so most but not all go in one cycle.
    EXPECT_GE(s.expired, 400u);
    EXPECT_FALSE(s.out_of_time);
    // Later cycles scan on from where they were and find the rest.
    uint64_t total = s.expired;
    for (int i = 0; i < 100 && total < 500; ++i) {
        total += store_.active_expire_cycle(0, 1, 1'000'000).expired;
    }
    EXPECT_EQ(total, 500u);
    EXPECT_EQ(store_.size(), 1000u);
    EXPECT_EQ(store_.stats().expired, 500u);
    EXPECT_EQ(store_.stats().keys_with_expiry, 500u);
    for (int i = 0; i < 500; i += 50) EXPECT_TRUE(store_.exists(numbered("long", i)));
}

TEST_F(ActiveExpiryTest, FewExpiredKeysGetASampleNotAScan) {
    for (int i = 0; i < 2000; ++i) put_for(numbered("k", i), i == 7 ? 10 : 100'000);
    clock_.advance(10);
    const ExpireCycleStats s = store_.active_expire_cycle(0, 1, 1'000'000);
    // About 20 keys sampled per shard, not all 2000.
    EXPECT_LE(s.sampled, 8u * 40);
    EXPECT_LE(s.expired, 1u);
}

TEST_F(ActiveExpiryTest, WorkersSplitTheShards) {
    for (int i = 0; i < 400; ++i) put_for(numbered("k", i), 10);
    clock_.advance(10);
    const ExpireCycleStats first = store_.active_expire_cycle(0, 2, 1'000'000);
    EXPECT_EQ(first.shards_visited, 4u);
    // Only odd shards still hold keys.
    for (int i = 0; i < 400; ++i) {
        const std::string key = numbered("k", i);
        if (store_.shard_of(key) % 2 == 0) {
            EXPECT_EQ(store_.ttl_ms(key), -2);
        }
    }
    EXPECT_GT(store_.size(), 0u);
    const ExpireCycleStats second = store_.active_expire_cycle(1, 2, 1'000'000);
    EXPECT_EQ(first.expired + second.expired, 400u);
    EXPECT_EQ(store_.size(), 0u);
    EXPECT_EQ(store_.stats().used_bytes, 0u);
    // A worker index past the shard count owns nothing.
    EXPECT_EQ(store_.active_expire_cycle(9, 16, 1000).shards_visited, 0u);
}

TEST_F(ActiveExpiryTest, AnExhaustedBudgetResumesWhereItStopped) {
    for (int i = 0; i < 4000; ++i) put_for(numbered("k", i), 10);
    clock_.advance(10);
    uint64_t expired = 0;
    int calls = 0;
    for (; store_.size() > 0 && calls < 10'000; ++calls) {
        const ExpireCycleStats s = store_.active_expire_cycle(0, 1, 0);  // one step per call
        EXPECT_LE(s.shards_visited, 1u);
        expired += s.expired;
    }
    EXPECT_EQ(expired, 4000u);
    EXPECT_GT(calls, 8);
}

TEST_F(ActiveExpiryTest, FiresADelayedFlushOnShardsNobodyTouches) {
    for (int i = 0; i < 100; ++i) store_.set(numbered("k", i), "v", {});
    store_.flush_at(clock_.now_ms() + 50);
    clock_.advance(50);
    EXPECT_EQ(store_.size(), 100u);
    store_.active_expire_cycle(0, 1, 1'000'000);
    EXPECT_EQ(store_.size(), 0u);
    EXPECT_EQ(store_.stats().used_bytes, 0u);
}

}  // namespace
}  // namespace larder::store::testing
