// Active expiry with no traffic: 1M keys with TTLs spread over 1-5 s, then nothing but the
// workers' 10 Hz timers calling Store::active_expire_cycle, as larder-server's workers do.
// Reports how long after the last key's expiry the store's used memory is back to that of
// the empty store (0 bytes: every item and table block returned), and the process RSS.
// Bar: back within 10% of empty within 10 s of the last expiry.
//
//   store_expiry [--keys N] [--workers W] [--budget-us B]   (B per worker per 100 ms tick)
#if LARDER_BENCH_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "bench/store/bench_util.h"
#include "store/store.h"

using namespace larder::store;
using namespace larder::store::bench;

int main(int argc, char** argv) {
    uint64_t keys = 1'000'000;
    size_t workers = 2;
    uint64_t budget_us = 0;  // 0: 25 ms per tick shared by the workers, as recommended
    for (int i = 1; i < argc; ++i) {
        auto arg = [&](const char* name) {
            return std::strcmp(argv[i], name) == 0 && i + 1 < argc;
        };
        if (arg("--keys")) {
            keys = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg("--workers")) {
            workers = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg("--budget-us")) {
            budget_us = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: %s [--keys N] [--workers W] [--budget-us B]\n", argv[0]);
            return 2;
        }
    }
    if (budget_us == 0) budget_us = 25'000 / workers;
    Store store(Config{.shard_count = 256});
    const uint64_t rss_empty = rss_bytes();

    std::mt19937_64 rng(1);
    char buffer[32];
    int64_t last_expiry = 0;
    for (uint64_t i = 0; i < keys; ++i) {
        const int64_t at = system_clock().now_ms() + 1000 + static_cast<int64_t>(rng() % 4001);
        last_expiry = std::max(last_expiry, at);
        store.set(
            memory_sh_key(i, buffer), memory_sh_value(i),
            SetOptions{.expiry = ExpiryMode::at, .expire_at_ms = at, .cas_use = CasUse::none});
    }
    const uint64_t used_loaded = store.stats().used_bytes;
    const uint64_t rss_loaded = rss_bytes();

    std::atomic<bool> stop{false};
    std::vector<std::thread> timers;
    for (size_t w = 0; w < workers; ++w) {
        timers.emplace_back([&, w] {
            // A 10 Hz timer: one cycle, then sleep out the rest of the 100 ms.
            while (!stop.load(std::memory_order_relaxed)) {
                const int64_t start = monotonic_ns();
                store.active_expire_cycle(w, workers, budget_us);
                const int64_t spent_us = (monotonic_ns() - start) / 1000;
                std::this_thread::sleep_for(
                    std::chrono::microseconds(std::max<int64_t>(0, 100'000 - spent_us)));
            }
        });
    }
    int64_t reclaimed_at = -1;
    while (system_clock().now_ms() < last_expiry + 10'000) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const Stats s = store.stats();
        if (s.keys == 0 && s.used_bytes == 0 && reclaimed_at < 0) {
            reclaimed_at = system_clock().now_ms();
            break;
        }
    }
    stop = true;
    for (auto& t : timers) t.join();
    const Stats s = store.stats();
    const uint64_t rss_after = rss_bytes();
#if LARDER_BENCH_TCMALLOC
    // What tcmalloc would return to the system over time anyway, done at once.
    MallocExtension::instance()->ReleaseFreeMemory();
#endif
    const uint64_t rss_released = rss_bytes();
    const double mb = 1024.0 * 1024.0;
    std::printf(
        "expiry keys=%llu ttl=1-5s workers=%zu budget_us_per_tick=%llu used_loaded_mb=%.1f "
        "used_after_mb=%.3f reclaimed_all_ms_after_last_expiry=%lld (bar <=10000: %s) "
        "expired=%llu rss_empty_mb=%.1f rss_loaded_mb=%.1f rss_after_mb=%.1f "
        "rss_after_tcmalloc_release_mb=%.1f\n",
        static_cast<unsigned long long>(keys), workers, static_cast<unsigned long long>(budget_us),
        static_cast<double>(used_loaded) / mb, static_cast<double>(s.used_bytes) / mb,
        reclaimed_at < 0 ? -1LL : static_cast<long long>(reclaimed_at - last_expiry),
        reclaimed_at >= 0 ? "met" : "NOT met", static_cast<unsigned long long>(s.expired),
        static_cast<double>(rss_empty) / mb, static_cast<double>(rss_loaded) / mb,
        static_cast<double>(rss_after) / mb, static_cast<double>(rss_released) / mb);
    return reclaimed_at >= 0 ? 0 : 1;
}
