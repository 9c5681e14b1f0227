// What every worker shares: the store, the live configuration, counters, and the means to
// ask the whole server to stop. Workers read it concurrently; the comments say how each part
// is protected.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include "src/config.h"
#include "store/store.h"

namespace larder {

// The per-worker counters, declared once; INFO and memcached `stats` read them by name.
#define LARDER_WORKER_COUNTERS(X)                                                             \
    X(connections_total)                                                                      \
    X(connections_current) X(commands) X(get_hits) X(get_misses) X(cmd_get) X(cmd_set)        \
        X(cmd_touch) X(cmd_flush) X(delete_hits) X(delete_misses) X(incr_hits) X(incr_misses) \
            X(decr_hits) X(decr_misses) X(cas_hits) X(cas_misses) X(cas_badval) X(touch_hits) \
                X(touch_misses) X(bytes_read) X(bytes_written) X(protocol_errors)             \
                    X(rejected_connections)

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

class ServerContext {
  public:
    ServerContext(Config config, store::Store& store);

    store::Store& store() { return store_; }

    // The configuration may change at run time (CONFIG SET); readers take a copy or a single
    // field under the lock.
    Config config() const;
    // Validates and applies name/value pairs all or nothing (as Redis CONFIG SET does);
    // returns an error text or nullopt.
    std::optional<std::string> set_config(
        std::span<const std::pair<std::string_view, std::string_view>> pairs);
    std::string get_config_value(const OptionSpec& spec) const;

    // Registered once per worker at start-up, before any worker runs.
    void add_worker_stats(WorkerStats* stats) { worker_stats_.push_back(stats); }
    StatsTotals totals() const;

    uint64_t next_client_id() { return next_client_id_.fetch_add(1, std::memory_order_relaxed); }
    int64_t start_time_ms() const { return start_time_ms_; }
    const std::string& run_id() const { return run_id_; }
    int worker_count() const { return static_cast<int>(worker_stats_.size()); }

    // Asks the server to shut down as on SIGTERM (SHUTDOWN command). Thread-safe.
    void set_shutdown_hook(std::function<void()> hook) { shutdown_hook_ = std::move(hook); }
    void request_shutdown() {
        if (shutdown_hook_) shutdown_hook_();
    }

  private:
    mutable std::mutex config_mutex_;
    Config config_;
    store::Store& store_;
    std::vector<WorkerStats*> worker_stats_;
    std::atomic<uint64_t> next_client_id_{1};
    int64_t start_time_ms_;
    std::string run_id_;
    std::function<void()> shutdown_hook_;
};

}  // namespace larder
