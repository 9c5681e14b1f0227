#include "src/server/context.h"

#include <random>

#include "src/base/log.h"

namespace larder::server {

namespace {

std::string make_run_id() {
    std::random_device rd;
    std::mt19937_64 rng((static_cast<uint64_t>(rd()) << 32) ^ rd());
    static const char hex[] = "0123456789abcdef";
    std::string id(40, '0');
    for (char& c : id) c = hex[rng() % 16];
    return id;
}

}  // namespace

ServerContext::ServerContext(Config config, store::Store& store)
    : config_(std::move(config)),
      store_(store),
      start_time_ms_(store.clock().now_ms()),
      run_id_(make_run_id()) {
    if (!config_.memcache_auth_file.empty()) memcache_.auth.load(config_.memcache_auth_file);
}

void ServerContext::reload() {
    std::string auth_file = config().memcache_auth_file;
    if (!auth_file.empty()) memcache_.auth.load(auth_file);
}

Config ServerContext::config() const {
    std::lock_guard lock(config_mutex_);
    return config_;
}

std::optional<std::string> ServerContext::set_config(
    std::span<const std::pair<std::string_view, std::string_view>> pairs) {
    std::lock_guard lock(config_mutex_);
    Config changed = config_;
    for (const auto& [name, value] : pairs) {
        if (auto err = set_option(changed, name, value, /*runtime=*/true)) return err;
    }
    config_ = std::move(changed);
    store_.set_maxmemory(config_.maxmemory);
    if (auto policy = store::parse_eviction_policy(config_.maxmemory_policy))
        store_.set_eviction_policy(*policy);
    // Options with an effect outside the Config copy take it here.
    log::set_level(config_.loglevel);
    return std::nullopt;
}

std::string ServerContext::get_config_value(const OptionSpec& spec) const {
    std::lock_guard lock(config_mutex_);
    return option_value(config_, spec);
}

bool ServerContext::try_take_client_slot() {
    int64_t limit = config().maxclients;
    int64_t open = open_clients_.load(std::memory_order_relaxed);
    do {
        if (open >= limit) return false;
    } while (!open_clients_.compare_exchange_weak(open, open + 1, std::memory_order_relaxed));
    return true;
}

StatsTotals ServerContext::totals() const {
    StatsTotals t;
    auto r = [](const std::atomic<uint64_t>& a) { return a.load(std::memory_order_relaxed); };
    for (const WorkerStats* s : worker_stats_) {
#define LARDER_ADD_COUNTER(name) t.name += r(s->name);
        LARDER_WORKER_COUNTERS(LARDER_ADD_COUNTER)
#undef LARDER_ADD_COUNTER
    }
    return t;
}

}  // namespace larder::server
