// Operations over many keys or the whole keyspace: MSET, MSETNX, DEL k..., flushes.
#include <numeric>
#include <vector>

#include "store/hash.h"
#include "store/shard.h"
#include "store/shard_lock_set.h"
#include "store/store.h"

namespace larder::store {
namespace {

// Each key's hash, and the shard indexes to lock (hash & mask, as Store::shard_of).
template <class Keys, class KeyOf>
std::vector<size_t> shard_indexes(const Store& store, const Keys& keys, KeyOf key_of,
                                  std::vector<uint64_t>& hashes) {
    std::vector<size_t> indexes;
    indexes.reserve(keys.size());
    hashes.reserve(keys.size());
    for (const auto& k : keys) {
        hashes.push_back(store.hash_of(key_of(k)));
        indexes.push_back(hashes.back() & (store.shard_count() - 1));
    }
    return indexes;
}

std::string_view key_of_pair(const Store::KeyValue& kv) {
    return kv.key;
}
std::string_view key_of_view(std::string_view key) {
    return key;
}

}  // namespace

Status Store::set_many(std::span<const KeyValue> kvs) {
    std::vector<uint64_t> hashes;
    const std::vector<size_t> indexes = shard_indexes(*this, kvs, key_of_pair, hashes);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        auto p = shard.find(kvs[i].key, hashes[i], now);
        Mutation m{.kind = MutationKind::set,
                   .key = kvs[i].key,
                   .data = kvs[i].value,
                   .now_ms = now.get()};
        if (const Status st = shard.commit(m, p, CasUse::none); st != Status::ok) return st;
    }
    return Status::ok;
}

bool Store::set_many_if_none_exist(std::span<const KeyValue> kvs) {
    std::vector<uint64_t> hashes;
    const std::vector<size_t> indexes = shard_indexes(*this, kvs, key_of_pair, hashes);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        if (shard.found(shard.find(kvs[i].key, hashes[i], now))) return false;
    }
    for (size_t i = 0; i < kvs.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        // Found again, since an earlier pair may have written the same key.
        auto p = shard.find(kvs[i].key, hashes[i], now);
        Mutation m{.kind = MutationKind::set,
                   .key = kvs[i].key,
                   .data = kvs[i].value,
                   .now_ms = now.get()};
        // Under maxmemory a pair may find no room; MSETNX has no way to say so but 0.
        if (shard.commit(m, p, CasUse::none) != Status::ok) return false;
    }
    return true;
}

size_t Store::del_many(std::span<const std::string_view> keys) {
    std::vector<uint64_t> hashes;
    const std::vector<size_t> indexes = shard_indexes(*this, keys, key_of_view, hashes);
    ShardLockSet locks(shards_.get(), indexes);
    LazyNow now(*clock_);
    size_t deleted = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        Shard::Locked& shard = locks.at(indexes[i]);
        auto p = shard.find(keys[i], hashes[i], now);
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
        auto none = Shard::Locked::end();
        shard.commit(m, none);
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
        auto none = Shard::Locked::end();
        shard.commit(m, none);
    }
}

}  // namespace larder::store
