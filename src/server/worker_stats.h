// The per-worker counters, declared once; INFO and memcached `stats` read them by name.
#pragma once

#include <atomic>
#include <cstdint>

namespace larder::server {

// The per-worker counters, declared once; INFO and memcached `stats` read them by name.
#define LARDER_WORKER_COUNTERS(X)                                                               \
    X(connections_total)                                                                        \
    X(connections_current)                                                                      \
    X(commands) X(get_hits) X(get_misses) X(cmd_get) X(cmd_set) X(cmd_touch) X(cmd_flush)       \
        X(delete_hits) X(delete_misses) X(incr_hits) X(incr_misses) X(decr_hits) X(decr_misses) \
            X(cas_hits) X(cas_misses) X(cas_badval) X(touch_hits) X(touch_misses) X(bytes_read) \
                X(bytes_written) X(protocol_errors) X(rejected_connections)

// Counters of one worker. Written only by that worker's thread (relaxed atomics, so a reader
// on another thread sees a recent, untorn value); merged on read for INFO and stats.
struct WorkerStats {
#define LARDER_DECLARE_ATOMIC(name) std::atomic<uint64_t> name{0};
    LARDER_WORKER_COUNTERS(LARDER_DECLARE_ATOMIC)
#undef LARDER_DECLARE_ATOMIC

    static void bump(std::atomic<uint64_t>& c, uint64_t n = 1) {
        c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
    static void drop(std::atomic<uint64_t>& c) {
        c.store(c.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
    }
};

// The same counters summed over all workers.
struct StatsTotals {
#define LARDER_DECLARE_TOTAL(name) uint64_t name = 0;
    LARDER_WORKER_COUNTERS(LARDER_DECLARE_TOTAL)
#undef LARDER_DECLARE_TOTAL
};

}  // namespace larder::server
