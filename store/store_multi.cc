// Operations over many keys or the whole keyspace: MSET, MSETNX, DEL k..., flushes.
#include <numeric>
#include <vector>

#include "store/shard.h"
#include "store/shard_lock_set.h"
#include "store/store.h"

namespace larder::store {
namespace {

template <class Keys, class KeyOf>
std::vector<size_t> shard_indexes(const Store& store, const Keys& keys, KeyOf key_of) {
    std::vector<size_t> indexes;
    indexes.reserve(keys.size());
    for (const auto& k : keys) indexes.push_back(store.shard_of(key_of(k)));
    return indexes;
}

std::string_view key_of_pair(const Store::KeyValue& kv) {
    return kv.key;
}
std::string_view key_of_view(std::string_view key) {
    return key;
}

}  // namespace

void Store::set_many(std::span<const KeyValue> kvs) {
    const std::vector<size_t> indexes = shard_indexes(*this, kvs, key_of_pair);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        const auto p = shard.find(kvs[i].key, now);
        Mutation m{.kind = MutationKind::set,
                   .key = kvs[i].key,
                   .data = kvs[i].value,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
}

bool Store::set_many_if_none_exist(std::span<const KeyValue> kvs) {
    const std::vector<size_t> indexes = shard_indexes(*this, kvs, key_of_pair);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        if (shard.found(shard.find(kvs[i].key, now))) return false;
    }
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        // Found again, since an earlier pair may have written the same key.
        const auto p = shard.find(kvs[i].key, now);
        Mutation m{.kind = MutationKind::set,
                   .key = kvs[i].key,
                   .data = kvs[i].value,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
    return true;
}

size_t Store::del_many(std::span<const std::string_view> keys) {
    const std::vector<size_t> indexes = shard_indexes(*this, keys, key_of_view);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    size_t deleted = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        const auto p = shard.find(keys[i], now);
        if (!shard.found(p)) continue;
        Mutation m{.kind = MutationKind::del, .key = keys[i], .now_ms = now.get()};
        shard.commit(m, p);
        ++deleted;
    }
    return deleted;
}

void Store::flush() {
    std::vector<size_t> all(shard_count());
    std::iota(all.begin(), all.end(), size_t{0});
    ShardLockSet locks(shards_.get(), std::move(all));
    LazyNow now(*clock_);
    for (Shard::Locked& shard : locks.all()) {
        Mutation m{.kind = MutationKind::flush, .now_ms = now.get()};
        shard.commit(m, shard.end());
    }
}

void Store::flush_at(int64_t deadline_ms) {
    const int64_t now_ms = clock_->now_ms();
    if (deadline_ms <= now_ms) {
        flush();
        return;
    }
    std::vector<size_t> all(shard_count());
    std::iota(all.begin(), all.end(), size_t{0});
    ShardLockSet locks(shards_.get(), std::move(all));
    for (Shard::Locked& shard : locks.all()) {
        Mutation m{.kind = MutationKind::flush_at, .expire_at_ms = deadline_ms, .now_ms = now_ms};
        shard.commit(m, shard.end());
    }
}

}  // namespace larder::store
