// Choosing what to evict: the eight Redis policies, and the pool of sampled candidates that
// approximates LRU/LFU/TTL order without keeping any per-key list. A shard samples a few
// keys per eviction (maxmemory-samples), offers them to its pool with a score (higher = evict
// sooner), and evicts the best the pool holds, as Redis's eviction pool does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "store/types.h"

namespace larder::store {

class Item;

inline bool evicts_volatile_only(EvictionPolicy p) {
    return p == EvictionPolicy::volatile_lru || p == EvictionPolicy::volatile_lfu ||
           p == EvictionPolicy::volatile_random || p == EvictionPolicy::volatile_ttl;
}
inline bool evicts_randomly(EvictionPolicy p) {
    return p == EvictionPolicy::allkeys_random || p == EvictionPolicy::volatile_random;
}
// Whether the item access field counts LFU (else it is an LRU clock).
inline bool uses_lfu(EvictionPolicy p) {
    return p == EvictionPolicy::allkeys_lfu || p == EvictionPolicy::volatile_lfu;
}

// The best eviction candidates seen so far, kept sorted by score. Holds raw item pointers,
// so the shard must forget() an item before freeing or moving it.
class EvictionPool {
  public:
    static constexpr size_t kSize = 16;

    // Keeps the item if the pool has room or it beats the weakest entry. An item already
    // present gets its new score.
    void offer(Item* item, uint64_t score);
    // Removes and returns the highest-scored item other than `skip`, or nullptr.
    Item* take_best(const Item* skip);
    void forget(const Item* item) {
        if (count_ != 0) forget_slow(item);
    }
    void clear() { count_ = 0; }
    size_t size() const { return count_; }

  private:
    struct Entry {
        Item* item;
        uint64_t score;
    };
    void forget_slow(const Item* item);
    void remove_at(size_t i);

    std::array<Entry, kSize> entries_{};  // [0, count_) ascending by score
    size_t count_ = 0;
};

}  // namespace larder::store
