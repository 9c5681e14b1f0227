// maxmemory and the eight eviction policies. One shard and a sample size above the key
// count make the sampled policies exact, so the tests can name the victim.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "store/mutation.h"
#include "store_fixture.h"

namespace larder::store::testing {
namespace {

const std::string kValue(100, 'v');

class EvictionTest : public ::testing::Test {
  protected:
    void make(EvictionPolicy policy, uint64_t maxmemory = 4096) {
        store_ = std::make_unique<Store>(Config{.shard_count = 1,
                                                .clock = &clock_,
                                                .maxmemory = maxmemory,
                                                .eviction_policy = policy,
                                                .maxmemory_samples = 64});
    }
    SetResult put(const std::string& key, int64_t ttl_ms = 0) {
        SetOptions o{.cas_use = CasUse::none};
        if (ttl_ms != 0) {
            o.expiry = ExpiryMode::at;
            o.expire_at_ms = clock_.now_ms() + ttl_ms;
        }
        return store_->set(key, kValue, o);
    }
    // Writes k0, k1, ... one second apart until the first eviction; returns how many were
    // written before it.
    int fill_until_eviction(int64_t ttl_every_other = 0) {
        for (int i = 0;; ++i) {
            clock_.advance(1000);
            const int64_t ttl = ttl_every_other != 0 && i % 2 == 0 ? ttl_every_other + i : 0;
            EXPECT_EQ(put(numbered("k", i), ttl).status, Status::ok);
            if (store_->stats().evicted > 0) return i;
        }
    }
    uint64_t evicted() const { return store_->stats().evicted; }

    ManualClock clock_;
    std::unique_ptr<Store> store_;
};

TEST_F(EvictionTest, PolicyNamesRoundTrip) {
    for (int i = 0; i < 8; ++i) {
        const auto p = static_cast<EvictionPolicy>(i);
        EXPECT_EQ(parse_eviction_policy(to_string(p)), p);
    }
    EXPECT_EQ(parse_eviction_policy("ALLKEYS-LRU"), EvictionPolicy::allkeys_lru);
    EXPECT_EQ(parse_eviction_policy("allkeys_lru"), std::nullopt);
}

TEST_F(EvictionTest, NoevictionRefusesWritesOnceOverTheLimit) {
    make(EvictionPolicy::noeviction);
    int stored = 0;
    while (put(numbered("k", stored)).status == Status::ok) ++stored;
    EXPECT_GT(stored, 10);
    const Stats s = store_->stats();
    // As in Redis, the write that crossed the limit was allowed; the next one was not.
    EXPECT_GT(s.used_bytes, 4096u);
    EXPECT_LE(s.used_bytes, 4096u + 200);
    EXPECT_EQ(s.evicted, 0u);
    EXPECT_EQ(s.oom_rejections, 1u);
    EXPECT_EQ(put("another").status, Status::out_of_memory);
    EXPECT_EQ(store_->incr_signed("counter", 1).status, Status::out_of_memory);
    EXPECT_EQ(store_->append("k0", kValue, false, false).status, Status::out_of_memory);
    // Reads, deletes and shrinking overwrites still work, and deletes make room.
    EXPECT_EQ(value_of(*store_, "k0"), kValue);
    EXPECT_EQ(store_->set("k1", "small", {}).status, Status::ok);
    EXPECT_TRUE(store_->del("k2"));
    EXPECT_TRUE(store_->del("k3"));
    EXPECT_EQ(put("fresh").status, Status::ok);
}

TEST_F(EvictionTest, AllkeysLruEvictsTheLeastRecentlyUsed) {
    make(EvictionPolicy::allkeys_lru);
    const int n = fill_until_eviction();
    EXPECT_FALSE(store_->exists("k0"));  // the oldest went first
    EXPECT_TRUE(store_->exists("k1"));
    clock_.advance(1000);
    store_->get(
        "k1", [](const ItemView&) {}, CasUse::none);  // k1 is now the most recent
    for (int i = 1; i <= 3; ++i) {
        clock_.advance(1000);
        put(numbered("new", i));
    }
    EXPECT_TRUE(store_->exists("k1"));
    EXPECT_FALSE(store_->exists("k2"));
    EXPECT_FALSE(store_->exists("k3"));
    EXPECT_FALSE(store_->exists("k4"));
    EXPECT_TRUE(store_->exists(numbered("k", n)));
    EXPECT_LE(store_->stats().used_bytes, 4096u);
}

TEST_F(EvictionTest, AllkeysLfuKeepsTheFrequentlyUsed) {
    make(EvictionPolicy::allkeys_lfu);
    const int n = fill_until_eviction();
    // The eviction that ended the fill chose among keys of equal frequency, so it may have
    // taken one of the last few: the hot set is those of them still present.
    std::vector<std::string> hot;
    for (int i = n - 5; i <= n; ++i)
        if (store_->exists(numbered("k", i))) hot.push_back(numbered("k", i));
    ASSERT_GE(hot.size(), 4u);
    for (int hit = 0; hit < 50; ++hit) {
        for (const auto& key : hot)
            store_->get(
                key, [](const ItemView&) {}, CasUse::none);
    }
    for (int i = 0; i < 10; ++i) put(numbered("new", i));
    for (const auto& key : hot) EXPECT_TRUE(store_->exists(key)) << key;
}

TEST_F(EvictionTest, VolatileLruEvictsOnlyKeysWithATtl) {
    make(EvictionPolicy::volatile_lru);
    const int n = fill_until_eviction(3'600'000);  // even keys have a TTL
    EXPECT_FALSE(store_->exists("k0"));
    for (int i = 1; i <= n; i += 2) EXPECT_TRUE(store_->exists(numbered("k", i)));
    // Keep writing persistent keys: the TTL keys go, then writes fail.
    Status last = Status::ok;
    for (int i = 0; i < 100 && last == Status::ok; ++i) last = put(numbered("more", i)).status;
    EXPECT_EQ(last, Status::out_of_memory);
    EXPECT_EQ(store_->stats().keys_with_expiry, 0u);
    for (int i = 1; i <= n; i += 2) EXPECT_TRUE(store_->exists(numbered("k", i)));
}

TEST_F(EvictionTest, VolatileTtlEvictsTheSoonestToExpire) {
    make(EvictionPolicy::volatile_ttl);
    for (int i = 0;; ++i) {
        // Later keys expire sooner.
        put(numbered("k", i), 10'000'000 - i * 1000);
        if (evicted() > 0) {
            EXPECT_FALSE(store_->exists(numbered("k", i - 1)));  // the soonest before k_i
            EXPECT_TRUE(store_->exists("k0"));
            EXPECT_TRUE(store_->exists(numbered("k", i)));
            break;
        }
    }
}

TEST_F(EvictionTest, RandomPoliciesEvictSomethingEligible) {
    make(EvictionPolicy::allkeys_random);
    fill_until_eviction();
    for (int i = 0; i < 50; ++i) ASSERT_EQ(put(numbered("more", i)).status, Status::ok);
    EXPECT_GE(evicted(), 50u);
    EXPECT_LE(store_->stats().used_bytes, 4096u);

    make(EvictionPolicy::volatile_random);
    const int n = fill_until_eviction(3'600'000);
    for (int i = 1; i <= n; i += 2) EXPECT_TRUE(store_->exists(numbered("k", i)));
}

TEST_F(EvictionTest, PolicyAndLimitChangeAtRunTime) {
    make(EvictionPolicy::noeviction);
    int stored = 0;
    while (put(numbered("k", stored)).status == Status::ok) ++stored;
    store_->set_eviction_policy(EvictionPolicy::allkeys_lru);
    EXPECT_EQ(store_->eviction_policy(), EvictionPolicy::allkeys_lru);
    EXPECT_EQ(put("now-fits").status, Status::ok);
    EXPECT_GE(evicted(), 1u);  // the overshoot noeviction allowed, and room for this one
    EXPECT_LE(store_->stats().used_bytes, 4096u);

    // A lower limit is met by the next expiry cycle, even with no writes.
    store_->set_maxmemory(2048);
    EXPECT_EQ(store_->maxmemory(), 2048u);
    store_->active_expire_cycle(0, 1, 1'000'000);
    EXPECT_LE(store_->stats().used_bytes, 2048u);
    // No limit: nothing is evicted any more.
    store_->set_maxmemory(0);
    const uint64_t before = evicted();
    for (int i = 0; i < 200; ++i) put(numbered("unlimited", i));
    EXPECT_EQ(evicted(), before);
}

TEST_F(EvictionTest, AValueLargerThanTheShareIsStoredAndGoesFirst) {
    make(EvictionPolicy::allkeys_lru);
    clock_.advance(1000);
    put("a");
    clock_.advance(1000);
    // Bigger than the whole share: stored, taking the shard over by this one item...
    EXPECT_EQ(store_->set("big", std::string(5000, 'x'), {}).status, Status::ok);
    EXPECT_TRUE(store_->exists("a"));
    EXPECT_GT(store_->stats().used_bytes, 4096u);
    // ...and the next write brings the shard back under, oldest first.
    clock_.advance(1000);
    EXPECT_EQ(put("b").status, Status::ok);
    EXPECT_FALSE(store_->exists("a"));
    EXPECT_FALSE(store_->exists("big"));
    EXPECT_TRUE(store_->exists("b"));
    EXPECT_LE(store_->stats().used_bytes, 4096u);
}

class RecordingSink final : public MutationSink {
  public:
    void on_mutation(uint64_t, size_t, const Mutation& m) override {
        std::lock_guard lock(mutex_);
        if (m.kind == MutationKind::evict) evicted_.emplace_back(m.key);
    }
    std::vector<std::string> evicted() {
        std::lock_guard lock(mutex_);
        return evicted_;
    }

  private:
    std::mutex mutex_;
    std::vector<std::string> evicted_;
};

TEST(Eviction, EvictionsAreReportedAsMutations) {
    RecordingSink sink;
    ManualClock clock;
    Store store(Config{.shard_count = 1,
                       .clock = &clock,
                       .sink = &sink,
                       .maxmemory = 4096,
                       .eviction_policy = EvictionPolicy::allkeys_lru,
                       .maxmemory_samples = 64});
    for (int i = 0; i < 100; ++i) {
        clock.advance(1000);
        store.set(numbered("k", i), kValue, {});
    }
    const std::vector<std::string> evicted = sink.evicted();
    ASSERT_EQ(evicted.size(), store.stats().evicted);
    ASSERT_FALSE(evicted.empty());
    EXPECT_EQ(evicted.front(), "k0");
    for (const std::string& k : evicted) EXPECT_FALSE(store.exists(k));
}

}  // namespace
}  // namespace larder::store::testing
