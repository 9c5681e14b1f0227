// A smoke test for the locking: threads hammer overlapping keys, and counters must come out
// exact. Its real value is under -DLARDER_TSAN=ON.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST(StoreConcurrency, OverlappingWritersKeepCountersExact) {
    constexpr int kThreads = 4;
    constexpr int kIterations = 20'000;
    ManualClock clock;
    Store store(Config{.shard_count = 16, .clock = &clock});
    store.set("ucounter", "0", {});

    std::atomic<uint64_t> reads_seen{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kIterations; ++i) {
                const std::string key = numbered("k", (i + t) % 32);
                switch (i % 5) {
                    case 0:
                        store.set(key, std::to_string(i), {});
                        break;
                    case 1:
                        store.get(key, [&](const ItemView& v) {
                            if (!v.value.empty()) reads_seen.fetch_add(1);
                        });
                        break;
                    case 2:
                        store.del(key);
                        break;
                    case 3:
                        store.append(key, "x", false, true);
                        break;
                    case 4: {
                        const std::string other = numbered("k", i % 7);
                        const std::string_view pair[] = {key, other};
                        store.del_many(pair);
                        break;
                    }
                }
                store.incr_signed("counter", 1);
                store.incr_signed(numbered("counter", t), 2);
                store.incr_unsigned("ucounter", 3, false);
                store.append("log", "x", false, true);
                if (i % 100 == 0) clock.advance(1);
            }
        });
    }
    for (auto& th : threads) th.join();

    EXPECT_EQ(value_of(store, "counter"), std::to_string(kThreads * kIterations));
    for (int t = 0; t < kThreads; ++t) {
        EXPECT_EQ(value_of(store, numbered("counter", t)), std::to_string(2 * kIterations));
    }
    EXPECT_EQ(value_of(store, "ucounter"), std::to_string(3ull * kThreads * kIterations));
    EXPECT_EQ(value_of(store, "log")->size(), static_cast<size_t>(kThreads * kIterations));
    EXPECT_GT(reads_seen.load(), 0u);
}

TEST(StoreConcurrency, MultiKeyWritesNeverDeadlock) {
    // Opposite key orders would deadlock if locks were taken in argument order.
    ManualClock clock;
    Store store(Config{.shard_count = 8, .clock = &clock});
    std::vector<std::string> keys;
    for (int i = 0; i < 16; ++i) keys.push_back(numbered("m", i));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::vector<Store::KeyValue> kvs;
            for (const auto& k : keys) kvs.push_back({k, "v"});
            if (t % 2 == 1) std::reverse(kvs.begin(), kvs.end());
            for (int i = 0; i < 2000; ++i) {
                store.set_many(kvs);
                store.set_many_if_none_exist(kvs);
                if (i % 10 == 0) store.flush();
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(store.size(), keys.size());
}

}  // namespace
}  // namespace larder::store::testing
