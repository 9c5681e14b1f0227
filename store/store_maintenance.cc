// Run-time settings (maxmemory and the eviction knobs) and the active expiry cycle.
#include <algorithm>
#include <chrono>

#include "store/shard.h"
#include "store/store.h"

namespace larder::store {
namespace {

// Keys with a TTL sampled per step, and the expired fraction above which a shard is
// sampled again at once (Redis: 20 keys, 10%).
constexpr size_t kSamplesPerStep = 20;
constexpr uint64_t kRepeatAbovePercent = 10;

}  // namespace

void Store::set_maxmemory(uint64_t bytes) {
    maxmemory_.store(bytes, std::memory_order_relaxed);
    // Each shard enforces an equal share. A limit below one byte per shard still means
    // "limited", so round a non-zero share up to 1.
    const uint64_t share = bytes == 0 ? 0 : std::max<uint64_t>(1, bytes / shard_count());
    context_->shard_limit.store(share, std::memory_order_relaxed);
}

uint64_t Store::maxmemory() const {
    return maxmemory_.load(std::memory_order_relaxed);
}

void Store::set_eviction_policy(EvictionPolicy policy) {
    context_->policy.store(policy, std::memory_order_relaxed);
}

EvictionPolicy Store::eviction_policy() const {
    return context_->policy.load(std::memory_order_relaxed);
}

void Store::set_maxmemory_samples(uint32_t samples) {
    context_->samples.store(std::clamp<uint32_t>(samples, 1, 64), std::memory_order_relaxed);
}

void Store::set_lfu_log_factor(int factor) {
    context_->lfu_log_factor.store(std::max(0, factor), std::memory_order_relaxed);
}

void Store::set_lfu_decay_time(int minutes) {
    context_->lfu_decay_minutes.store(std::max(0, minutes), std::memory_order_relaxed);
}

ExpireCycleStats Store::active_expire_cycle(size_t worker_index, size_t worker_count,
                                            uint64_t time_budget_us) {
    using SteadyClock = std::chrono::steady_clock;
    const auto deadline = SteadyClock::now() + std::chrono::microseconds(time_budget_us);
    ExpireCycleStats stats;
    if (worker_count == 0) worker_count = 1;
    const size_t shards = shard_count();
    if (worker_index >= shards || worker_index >= worker_count) return stats;
    // This worker's shards are worker_index, worker_index + worker_count, ...
    const size_t owned = (shards - worker_index + worker_count - 1) / worker_count;
    std::atomic<uint32_t>& cursor = expire_cursors_[worker_index % kExpireCursors];
    size_t at = cursor.load(std::memory_order_relaxed) % owned;
    for (size_t visited = 0; visited < owned; ++visited, at = at + 1 == owned ? 0 : at + 1) {
        Shard& shard = shards_[worker_index + at * worker_count];
        ++stats.shards_visited;
        for (;;) {
            Shard::Locked::ExpireStep step;
            {
                // Locked per step, so a shard with many expired keys never holds its lock
                // for more than one step's work.
                Shard::Locked locked = shard.lock();
                LazyNow now(*clock_);
                step = locked.active_expire_step(now, kSamplesPerStep);
            }
            stats.sampled += step.sampled;
            stats.expired += step.expired;
            const bool hot =
                step.sampled != 0 && step.expired * 100 > step.sampled * kRepeatAbovePercent;
            if (SteadyClock::now() >= deadline) {
                // Resume on this shard if it still had expired keys to give, else the next.
                const size_t resume = hot ? at : (at + 1 == owned ? 0 : at + 1);
                stats.out_of_time = hot || visited + 1 < owned;
                cursor.store(static_cast<uint32_t>(resume), std::memory_order_relaxed);
                return stats;
            }
            if (!hot) break;
        }
    }
    const size_t next = at;
    cursor.store(static_cast<uint32_t>(next), std::memory_order_relaxed);
    return stats;
}

}  // namespace larder::store
