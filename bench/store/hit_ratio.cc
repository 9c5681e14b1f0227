// Hit ratio of the store's sampled eviction against exact LRU on the same trace. A cache-
// aside client replays the trace: GET, and on a miss SET. The trace is Zipf(0.99) over 10M
// keys, alone and with 20% of requests taken from a sequential scan instead; the store's
// maxmemory is set so that about 1M items fit, and exact LRU is simulated with room for
// exactly as many items as the store holds at the end of the warm-up. Bars: allkeys-lru
// within 2 points of exact LRU; allkeys-lfu at or above exact LRU on the scan mix.
//
// Time is simulated at 100K requests/s (a ManualClock), so the LRU clock's 1 s resolution
// and the LFU decay (1 minute) act as they would on a busy server.
//
//   store_hit_ratio [--keys N] [--requests N] [--cache N] [--scan-percent P] [--seed S]
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "bench/store/bench_util.h"
#include "store/store.h"

using namespace larder::store;
using namespace larder::store::bench;

namespace {

// Zipf over [0, n) by Gray et al.'s method (as YCSB uses): one O(n) setup, O(1) per draw.
class Zipf {
  public:
    Zipf(uint64_t n, double theta) : n_(n), theta_(theta) {
        for (uint64_t i = 1; i <= n; ++i) zeta_n_ += 1.0 / std::pow(static_cast<double>(i), theta);
        const double zeta2 = 1.0 + 1.0 / std::pow(2.0, theta);
        alpha_ = 1.0 / (1.0 - theta);
        eta_ =
            (1.0 - std::pow(2.0 / static_cast<double>(n), 1.0 - theta)) / (1.0 - zeta2 / zeta_n_);
        half_pow_ = 1.0 + std::pow(0.5, theta);
    }
    uint64_t next(std::mt19937_64& rng) {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
        const double uz = u * zeta_n_;
        if (uz < 1.0) return 0;
        if (uz < half_pow_) return 1;
        const auto v = static_cast<uint64_t>(static_cast<double>(n_) *
                                             std::pow(eta_ * u - eta_ + 1.0, alpha_));
        return v < n_ ? v : n_ - 1;
    }

  private:
    uint64_t n_;
    double theta_;
    double zeta_n_ = 0;
    double alpha_ = 0;
    double eta_ = 0;
    double half_pow_ = 0;
};

// Rank r of the Zipf draw is a key id; a fixed permutation spreads the hot ranks over the
// id space, so the scan passes hot and cold keys alike.
uint32_t key_of_rank(uint64_t rank, uint64_t keys) {
    return static_cast<uint32_t>((rank * 0x9E3779B97F4A7C15ULL) % keys);
}

std::vector<uint32_t> make_trace(uint64_t keys, uint64_t requests, int scan_percent,
                                 uint64_t seed) {
    std::mt19937_64 rng(seed);
    Zipf zipf(keys, 0.99);
    std::vector<uint32_t> trace(requests);
    uint64_t scan = 0;
    for (uint64_t i = 0; i < requests; ++i) {
        if (scan_percent > 0 && rng() % 100 < static_cast<uint64_t>(scan_percent)) {
            trace[i] = static_cast<uint32_t>(scan++ % keys);
        } else {
            trace[i] = key_of_rank(zipf.next(rng), keys);
        }
    }
    return trace;
}

// Exact LRU over key ids, with an intrusive list in arrays (ids are dense).
double exact_lru(const std::vector<uint32_t>& trace, uint64_t keys, uint64_t capacity,
                 uint64_t warmup) {
    constexpr uint32_t kNone = UINT32_MAX;
    std::vector<uint32_t> prev(keys, kNone), next(keys, kNone);
    std::vector<bool> cached(keys, false);
    uint32_t head = kNone, tail = kNone;  // head = most recent
    uint64_t size = 0, hits = 0;
    auto unlink = [&](uint32_t k) {
        if (prev[k] != kNone)
            next[prev[k]] = next[k];
        else
            head = next[k];
        if (next[k] != kNone)
            prev[next[k]] = prev[k];
        else
            tail = prev[k];
    };
    auto push_front = [&](uint32_t k) {
        prev[k] = kNone;
        next[k] = head;
        if (head != kNone) prev[head] = k;
        head = k;
        if (tail == kNone) tail = k;
    };
    for (uint64_t i = 0; i < trace.size(); ++i) {
        const uint32_t k = trace[i];
        if (cached[k]) {
            if (i >= warmup) ++hits;
            unlink(k);
            push_front(k);
            continue;
        }
        if (size == capacity) {
            const uint32_t victim = tail;
            unlink(victim);
            cached[victim] = false;
            --size;
        }
        cached[k] = true;
        push_front(k);
        ++size;
    }
    return static_cast<double>(hits) / static_cast<double>(trace.size() - warmup);
}

struct StoreRun {
    double hit_ratio;
    uint64_t keys_held;
    uint64_t evicted;
};

StoreRun replay(const std::vector<uint32_t>& trace, EvictionPolicy policy, uint64_t maxmemory,
                uint64_t warmup, uint64_t& held_after_warmup) {
    ManualClock clock;
    Store store(Config{
        .shard_count = 256, .clock = &clock, .maxmemory = maxmemory, .eviction_policy = policy});
    char buffer[32];
    const std::string value(24, 'v');
    uint64_t hits = 0;
    for (uint64_t i = 0; i < trace.size(); ++i) {
        if (i % 100 == 0) clock.advance(1);  // 100 requests per ms
        if (i == warmup) held_after_warmup = store.size();
        const std::string_view key = memory_sh_key(trace[i], buffer);
        if (store.get(
                key, [](const ItemView&) {}, CasUse::none)) {
            if (i >= warmup) ++hits;
        } else {
            store.set(key, value, SetOptions{.cas_use = CasUse::none});
        }
    }
    return StoreRun{static_cast<double>(hits) / static_cast<double>(trace.size() - warmup),
                    store.size(), store.stats().evicted};
}

// used_bytes of a store holding `items` distinct keys of this trace's shape: the maxmemory
// that lets about that many fit.
uint64_t memory_for(uint64_t items) {
    Store store(Config{.shard_count = 256});
    char buffer[32];
    const std::string value(24, 'v');
    for (uint64_t i = 0; i < items; ++i) {
        store.set(memory_sh_key(i, buffer), value, SetOptions{.cas_use = CasUse::none});
    }
    return store.stats().used_bytes;
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t keys = 10'000'000;
    uint64_t requests = 30'000'000;
    uint64_t cache = 1'000'000;
    int only_scan_percent = -1;
    uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        auto arg = [&](const char* name) {
            return std::strcmp(argv[i], name) == 0 && i + 1 < argc;
        };
        if (arg("--keys")) {
            keys = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg("--requests")) {
            requests = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg("--cache")) {
            cache = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg("--scan-percent")) {
            only_scan_percent = std::atoi(argv[++i]);
        } else if (arg("--seed")) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr,
                         "usage: %s [--keys N] [--requests N] [--cache N] "
                         "[--scan-percent P] [--seed S]\n",
                         argv[0]);
            return 2;
        }
    }
    const uint64_t warmup = requests / 3;
    const uint64_t maxmemory = memory_for(cache);
    bool ok = true;
    for (const int scan_percent : {0, 20}) {
        if (only_scan_percent >= 0 && scan_percent != only_scan_percent) continue;
        const std::vector<uint32_t> trace = make_trace(keys, requests, scan_percent, seed);
        uint64_t held_lru = 0, held_lfu = 0;
        const StoreRun lru =
            replay(trace, EvictionPolicy::allkeys_lru, maxmemory, warmup, held_lru);
        const StoreRun lfu =
            replay(trace, EvictionPolicy::allkeys_lfu, maxmemory, warmup, held_lfu);
        // Exact LRU gets room for as many items as the store actually held.
        const double exact = exact_lru(trace, keys, held_lru, warmup);
        const double lru_gap = (exact - lru.hit_ratio) * 100.0;
        const bool lru_ok = lru_gap <= 2.0;
        const bool lfu_ok = scan_percent == 0 || lfu.hit_ratio >= exact;
        ok = ok && lru_ok && lfu_ok;
        std::printf(
            "hit_ratio trace=zipf0.99%s keys=%llu requests=%llu items_held=%llu "
            "exact_lru=%.4f allkeys-lru=%.4f (%.2f points below exact, bar <=2: %s) "
            "allkeys-lfu=%.4f (%s exact%s)\n",
            scan_percent != 0 ? "+20%scan" : "", static_cast<unsigned long long>(keys),
            static_cast<unsigned long long>(requests), static_cast<unsigned long long>(held_lru),
            exact, lru.hit_ratio, lru_gap, lru_ok ? "met" : "NOT met", lfu.hit_ratio,
            lfu.hit_ratio >= exact ? ">=" : "<",
            scan_percent != 0 ? (lfu_ok ? ", bar met" : ", bar NOT met") : "");
        std::fflush(stdout);
    }
    return ok ? 0 : 1;
}
