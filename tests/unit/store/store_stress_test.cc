// Many threads on one store, as the daemon's workers use it: private keys checked exactly
// against a per-thread model, shared keys hammered by everyone, active expiry cycles, table
// resizes, eviction under maxmemory and settings changed mid-flight. Built to run under
// ThreadSanitizer (-DLARDER_TSAN=ON); without it, it is a quick smoke test.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

#if defined(__SANITIZE_THREAD__)
constexpr int kOps = 15'000;
#else
constexpr int kOps = 60'000;
#endif
constexpr int kThreads = 4;

TEST(StoreStress, PrivateKeysStayExactWhileEverythingElseRuns) {
    ManualClock clock;
    Store store(Config{.shard_count = 16, .clock = &clock});
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937_64 rng(t + 1);
            std::map<std::string, std::string>
                mine;  // this thread's keys, which no one else writes
            const std::string prefix = numbered("t", t) + ":";
            for (int i = 0; i < kOps && !failed; ++i) {
                const std::string own = prefix + std::to_string(rng() % 500);
                const std::string shared = numbered("shared", rng() % 200);
                switch (rng() % 10) {
                    case 0:
                    case 1: {
                        const std::string v = std::to_string(rng() % 100'000);
                        store.set(own, v,
                                  SetOptions{.cas_use = rng() % 2 ? CasUse::need : CasUse::none});
                        mine[own] = v;
                        break;
                    }
                    case 2: {
                        std::string seen;
                        const bool hit = store.get(
                            own, [&](const ItemView& v) { seen = v.value; },
                            rng() % 2 ? CasUse::need : CasUse::none);
                        const auto it = mine.find(own);
                        if (hit != (it != mine.end()) || (hit && seen != it->second)) failed = true;
                        break;
                    }
                    case 3:
                        if (store.del(own) != (mine.erase(own) == 1)) failed = true;
                        break;
                    case 4: {
                        const CounterResult r = store.append(own, "x", false, true);
                        mine[own] += "x";
                        if (r.uvalue != mine[own].size()) failed = true;
                        break;
                    }
                    case 5:
                        store.set(shared, std::string(rng() % 300, 's'),
                                  SetOptions{.expiry = ExpiryMode::at,
                                             .expire_at_ms = clock.now_ms() + 1 +
                                                             static_cast<int64_t>(rng() % 50)});
                        break;
                    case 6:
                        store.incr_signed(shared, 1);
                        store.get(shared, [](const ItemView&) {});
                        break;
                    case 7: {
                        const std::string other = numbered("shared", rng() % 200);
                        const Store::KeyValue kvs[] = {{shared, "a"}, {other, "b"}, {own, "c"}};
                        store.set_many(kvs);
                        mine[own] = "c";
                        break;
                    }
                    case 8:
                        store.active_expire_cycle(t, kThreads, 200);
                        break;
                    case 9:
                        if (t == 0) clock.advance(1 + rng() % 20);
                        (void)store.stats();
                        break;
                }
            }
            for (const auto& [k, v] : mine) {
                if (value_of(store, k) != v) failed = true;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_FALSE(failed.load());
}

TEST(StoreStress, EvictionAndSettingsChangesUnderLoad) {
    ManualClock clock;
    constexpr uint64_t kMax = 256 * 1024;
    constexpr size_t kShards = 8;
    Store store(Config{.shard_count = kShards,
                       .clock = &clock,
                       .maxmemory = kMax,
                       .eviction_policy = EvictionPolicy::allkeys_lru});
    std::atomic<bool> stop{false};
    std::thread settings([&] {
        const EvictionPolicy cycle[] = {EvictionPolicy::allkeys_lru, EvictionPolicy::allkeys_lfu,
                                        EvictionPolicy::allkeys_random,
                                        EvictionPolicy::volatile_ttl, EvictionPolicy::volatile_lru};
        for (int i = 0; !stop; ++i) {
            store.set_eviction_policy(cycle[i % 5]);
            store.set_maxmemory(i % 3 == 0 ? kMax / 2 : kMax);
            store.set_maxmemory_samples(3 + i % 10);
            store.set_lfu_log_factor(i % 20);
            store.set_lfu_decay_time(i % 3);
            clock.advance(1000);
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937_64 rng(100 + t);
            for (int i = 0; i < kOps; ++i) {
                const std::string key = numbered("k", rng() % 5000);
                switch (rng() % 6) {
                    case 0:
                    case 1:
                        store.set(
                            key, std::string(rng() % 200, 'v'),
                            SetOptions{.expiry = rng() % 2 ? ExpiryMode::at : ExpiryMode::clear,
                                       .expire_at_ms = clock.now_ms() + 1000 +
                                                       static_cast<int64_t>(rng() % 100000)});
                        break;
                    case 2:
                        store.get(
                            key, [](const ItemView&) {}, rng() % 2 ? CasUse::need : CasUse::none);
                        break;
                    case 3:
                        store.append(key, "tail", false, true);
                        break;
                    case 4:
                        store.del(key);
                        break;
                    case 5:
                        store.active_expire_cycle(t, kThreads, 100);
                        break;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    stop = true;
    settings.join();
    store.set_maxmemory(kMax);
    store.set_eviction_policy(EvictionPolicy::allkeys_lru);
    store.active_expire_cycle(0, 1, 10'000'000);
    const Stats s = store.stats();
    EXPECT_GT(s.evicted, 0u);
    EXPECT_LE(s.used_bytes, kMax + kShards * 512);
    EXPECT_EQ(s.keys, store.size());
}

}  // namespace
}  // namespace larder::store::testing
