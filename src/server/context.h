// What every worker shares: the store and its clock, the live configuration, counters, the
// memcached-side state, and the means to ask the whole server to stop. Workers read it
// concurrently; the comments say how each part is protected. One per server, made by main()
// before the workers start and destroyed after they stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "src/config/config.h"
#include "src/server/memcache_state.h"
#include "src/server/worker_stats.h"
#include "store/store.h"

namespace larder::server {

class ServerContext {
  public:
    ServerContext(Config config, store::Store& store);

    store::Store& store() { return store_; }
    // The one clock of the server: the store measures expiry against it, and handlers take
    // "now" from it, so tests that move it move both.
    const store::Clock& clock() const { return store_.clock(); }
    int64_t now_ms() const { return clock().now_ms(); }
    // memcached state that lives outside the store (stats conns, detail, login table).
    memcache_ops::MemcacheShared& memcache() { return memcache_; }

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
    // maxclients, exactly, across every worker and listener: takes a slot when one is free.
    // Thread-safe; each successful call is paired with one release_client_slot().
    bool try_take_client_slot();
    void release_client_slot() { open_clients_.fetch_sub(1, std::memory_order_relaxed); }
    int64_t start_time_ms() const { return start_time_ms_; }
    const std::string& run_id() const { return run_id_; }
    int worker_count() const { return static_cast<int>(worker_stats_.size()); }

    // SIGHUP: reopens what can be reopened (the memcache-auth-file). Thread-safe.
    void reload();

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
    std::atomic<int64_t> open_clients_{0};
    int64_t start_time_ms_;
    std::string run_id_;
    std::function<void()> shutdown_hook_;
    memcache_ops::MemcacheShared memcache_;
};

}  // namespace larder::server
