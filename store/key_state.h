// What a KeyRef stands for, inside the store: the key, its locked shard, and its position
// there, found again whenever the shard changed since (several KeyRefs may share a shard).
// Internal to store/; lives on the stack of Store::with_key / with_keys.
#pragma once

#include <memory>
#include <string_view>

#include "store/key_ref.h"
#include "store/shard.h"

namespace larder::store {

struct KeyState {
    KeyState(Shard::Locked& shard, std::string_view key, uint64_t hash, LazyNow& now)
        : shard(&shard), key(key), hash(hash), now(&now) {}

    // The key's current position (found again if the shard changed).
    Shard::Locked::Position& position();
    const Item* item() { return position().item; }
    // Commits a pending in-place edit or creation (KeyRef::edit/create); called before any
    // other change through this key and when the callback returns.
    void settle();

    Shard::Locked* shard;
    std::string_view key;
    uint64_t hash;
    LazyNow* now;
    Shard::Locked::Position pos{};
    uint64_t epoch = ~uint64_t{0};        // the shard epoch `pos` was found in; ~0 = never found
    Collection* edited = nullptr;         // changed in place, not yet committed
    size_t owned_before = 0;              // edited->owned_bytes() before the change
    std::unique_ptr<Collection> created;  // made by create(), not yet stored
};

}  // namespace larder::store
