// get/set operations per second on the store alone, at 1 and 2 threads (Google Benchmark).
// Keys are memory.sh's shape over a 1M keyspace, preloaded; each thread walks its own
// pseudo-random sequence. Reported items_per_second is per thread.
//
//   store_throughput [--benchmark_repetitions=5 --benchmark_report_aggregates_only=true]
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/store/bench_util.h"
#include "store/store.h"

namespace larder::store::bench {
namespace {

constexpr uint64_t kKeys = 1'000'000;

Store& shared_store() {
    static Store* store = [] {
        auto* s = new Store(Config{
            .shard_count = 256, .maxmemory = 0, .eviction_policy = EvictionPolicy::allkeys_lru});
        char buffer[32];
        for (uint64_t i = 0; i < kKeys; ++i) {
            s->set(memory_sh_key(i, buffer), memory_sh_value(i),
                   SetOptions{.cas_use = CasUse::none});
        }
        return s;
    }();
    return *store;
}

// A cheap per-thread key sequence (xorshift), so threads do not walk in step.
struct KeyWalk {
    uint64_t state;
    explicit KeyWalk(int thread) : state(0x9E3779B97F4A7C15ULL * (thread + 1)) {}
    uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % kKeys;
    }
};

void BM_Get(benchmark::State& state) {
    Store& store = shared_store();
    KeyWalk walk(state.thread_index());
    char buffer[32];
    uint64_t hits = 0;
    for (auto _ : state) {
        hits += store.get(
            memory_sh_key(walk.next(), buffer),
            [](const ItemView& v) { benchmark::DoNotOptimize(v.value.data()); }, CasUse::none);
    }
    benchmark::DoNotOptimize(hits);
    state.SetItemsProcessed(state.iterations());
}

void BM_Set(benchmark::State& state) {
    Store& store = shared_store();
    KeyWalk walk(state.thread_index() + 100);
    char buffer[32];
    for (auto _ : state) {
        const uint64_t i = walk.next();
        store.set(memory_sh_key(i, buffer), memory_sh_value(i),
                  SetOptions{.cas_use = CasUse::none});
    }
    state.SetItemsProcessed(state.iterations());
}

// Inserting fresh keys: every set creates, so tables grow and resize as they go.
void BM_SetNewKeys(benchmark::State& state) {
    auto store = std::make_unique<Store>(Config{.shard_count = 256});
    char buffer[32];
    uint64_t i = 0;
    for (auto _ : state) {
        store->set(memory_sh_key(i, buffer), memory_sh_value(i),
                   SetOptions{.cas_use = CasUse::none});
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Get)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Set)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_SetNewKeys)->Iterations(2'000'000);

}  // namespace
}  // namespace larder::store::bench

BENCHMARK_MAIN();
