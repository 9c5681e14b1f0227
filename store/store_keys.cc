// The locked-key primitive: Store::with_key and Store::with_keys (key_ref.h).
#include <algorithm>
#include <vector>

#include "store/key_state.h"
#include "store/shard_lock_set.h"
#include "store/store.h"

namespace larder::store {

void Store::with_key(std::string_view key, KeyFunction fn) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    KeyState state(shard, key, hash, now);
    if (auto& p = state.position(); Shard::Locked::found(p)) shard.note_access(p, now);
    KeyRef ref(state);
    fn(ref);
    state.settle();
}

void Store::with_keys(std::span<const std::string_view> keys, KeysFunction fn) {
    std::vector<uint64_t> hashes;
    std::vector<size_t> indexes;
    hashes.reserve(keys.size());
    indexes.reserve(keys.size());
    for (std::string_view key : keys) {
        hashes.push_back(hash_of(key));
        indexes.push_back(hashes.back() & shard_mask_);
    }
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    // One state per distinct key; a repeated key's KeyRef is the first one's.
    std::vector<KeyState> states;
    std::vector<size_t> state_of(keys.size());
    states.reserve(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto same = std::find_if(states.begin(), states.end(),
                                       [&](const KeyState& s) { return s.key == keys[i]; });
        if (same != states.end()) {
            state_of[i] = static_cast<size_t>(same - states.begin());
            continue;
        }
        state_of[i] = states.size();
        states.emplace_back(locks.at(indexes[i]), keys[i], hashes[i], now);
        if (auto& p = states.back().position(); Shard::Locked::found(p)) {
            states.back().shard->note_access(p, now);
        }
    }
    std::vector<KeyRef> refs;
    refs.reserve(states.size());
    for (KeyState& s : states) refs.emplace_back(s);
    std::vector<KeyRef*> by_position(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) by_position[i] = &refs[state_of[i]];
    fn(std::span<KeyRef* const>(by_position));
    for (KeyState& s : states) s.settle();
}

void Store::set_collection_limits(const CollectionLimits& limits) {
    constexpr auto relaxed = std::memory_order_relaxed;
    ShardContext& c = *context_;
    c.hash_max_listpack_entries.store(limits.hash_max_listpack_entries, relaxed);
    c.hash_max_listpack_value.store(limits.hash_max_listpack_value, relaxed);
    c.set_max_intset_entries.store(limits.set_max_intset_entries, relaxed);
    c.set_max_listpack_entries.store(limits.set_max_listpack_entries, relaxed);
    c.set_max_listpack_value.store(limits.set_max_listpack_value, relaxed);
    c.zset_max_listpack_entries.store(limits.zset_max_listpack_entries, relaxed);
    c.zset_max_listpack_value.store(limits.zset_max_listpack_value, relaxed);
    c.list_max_listpack_size.store(limits.list_max_listpack_size, relaxed);
}

}  // namespace larder::store
