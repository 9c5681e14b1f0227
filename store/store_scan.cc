// Walks over the keyspace: SCAN's cursor, KEYS, RANDOMKEY.
//
// SCAN's order is by shard, then by the high 32 bits of the key's hash. A key's hash never
// changes, and HashIndex::for_each_in_hash_range finds every item of a hash range however
// the cuckoo table moved it or resized, so a cursor that only moves forward in that order
// visits every key present for the whole scan at least once.
#include "store/shard.h"
#include "store/store.h"

namespace larder::store {
namespace {

constexpr unsigned kHashBits = 33;  // the cursor's low bits: a position in [0, 2^32]
constexpr uint64_t kHashEnd = uint64_t{1} << 32;

}  // namespace

const Item* Shard::Locked::random_item(LazyNow& now) {
    HashIndex& index = shard_->index_;
    const uint32_t total = index.total_buckets();
    if (index.size() == 0 || total == 0) return nullptr;
    // Random buckets until one holds a live item; a bounded number of tries, since a
    // sparse table may take a few.
    for (int attempt = 0; attempt < 64; ++attempt) {
        uint32_t b = next_random() % total;
        BucketTable& t = index.table_for(b);
        const uint32_t occupied = t.occupied_mask(b);
        if (occupied == 0) continue;
        const int n = __builtin_popcount(occupied);
        uint32_t m = occupied;
        for (int skip = static_cast<int>(next_random() % static_cast<uint32_t>(n)); skip > 0;
             --skip) {
            m &= m - 1;
        }
        const Item* item = t.item_at({b, static_cast<uint32_t>(__builtin_ctz(m))});
        if (item->has_expiry() && item->expire_at_ms() <= now.get()) continue;
        return item;
    }
    return nullptr;
}

uint64_t Store::scan(uint64_t cursor, size_t count, KeyVisitor fn) {
    size_t shard_index = cursor >> kHashBits;
    uint64_t from = cursor & ((uint64_t{1} << kHashBits) - 1);
    if (shard_index > shard_mask_ || from > kHashEnd) return 0;  // not a cursor we made
    if (count == 0) count = 1;
    size_t visited = 0;
    LazyNow now(*clock_);
    while (shard_index <= shard_mask_) {
        {
            Shard::Locked shard = shards_[shard_index].lock();
            const size_t keys = shard.size();
            // A width that holds about `count` keys, the hashes being uniform.
            const uint64_t width =
                keys == 0
                    ? kHashEnd
                    : std::max<uint64_t>(1, (count - std::min(count, visited)) * kHashEnd / keys);
            const uint64_t to = std::min(kHashEnd, from + width);
            shard.for_each_in_hash_range(from, to, [&](const Item& item) {
                if (item.has_expiry() && item.expire_at_ms() <= now.get()) return;
                ++visited;
                fn(item.key(), item.type());
            });
            from = to;
        }
        if (from >= kHashEnd) {
            ++shard_index;
            from = 0;
        }
        if (visited >= count) break;
    }
    if (shard_index > shard_mask_) return 0;
    return (uint64_t{shard_index} << kHashBits) | from;
}

void Store::for_each_key(KeyVisitor fn) {
    LazyNow now(*clock_);
    for (size_t i = 0; i <= shard_mask_; ++i) {
        Shard::Locked shard = shards_[i].lock();
        shard.for_each_item([&](const Item& item) {
            if (item.has_expiry() && item.expire_at_ms() <= now.get()) return;
            fn(item.key(), item.type());
        });
    }
}

std::optional<std::string> Store::random_key() {
    LazyNow now(*clock_);
    const size_t shards = shard_mask_ + 1;
    // Start at a random shard and take the first that yields a key.
    const size_t start = static_cast<size_t>(hash_of(std::to_string(now.get())) % shards);
    for (size_t i = 0; i < shards; ++i) {
        Shard::Locked shard = shards_[(start + i) & shard_mask_].lock();
        if (const Item* item = shard.random_item(now); item != nullptr) {
            return std::string(item->key());
        }
    }
    return std::nullopt;
}

}  // namespace larder::store
