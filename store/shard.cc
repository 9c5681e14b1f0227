#include "store/shard.h"

#include <cassert>

namespace larder::store {
namespace {

// A rough per-item cost beyond key and value bytes (map node, Item, string headers), so
// used_bytes tracks growth in item count. Exact accounting comes with compact items.
constexpr uint64_t kItemOverheadBytes = 96;

uint64_t item_bytes(std::string_view key, const Item& item) {
    return kItemOverheadBytes + key.size() + item.value.size();
}

// Counters are written only under the shard lock, so a plain load+store is enough and
// avoids a locked read-modify-write; readers only need some recent value.
void add(std::atomic<uint64_t>& counter, uint64_t delta) {
    counter.store(counter.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
}

void sub(std::atomic<uint64_t>& counter, uint64_t delta) {
    counter.store(counter.load(std::memory_order_relaxed) - delta, std::memory_order_relaxed);
}

}  // namespace

void Shard::attach(size_t index, ShardContext* context) {
    index_ = index;
    context_ = context;
}

bool Shard::Locked::is_dead(const Item& item, LazyNow& now) const {
    if (item.expire_at_ms != 0 && item.expire_at_ms <= now.get()) return true;
    int64_t cutoff = shard_->flushed_before_;
    if (shard_->flush_deadline_ != 0 && now.get() >= shard_->flush_deadline_) {
        cutoff = shard_->flush_deadline_;
    }
    return item.written_ms < cutoff;
}

Shard::Locked::Position Shard::Locked::find(std::string_view key, LazyNow& now) {
    auto it = shard_->table_.find(key);
    if (it == shard_->table_.end() || !is_dead(it->second, now)) return it;
    if (it->second.expire_at_ms != 0 && it->second.expire_at_ms <= now.get()) {
        add(shard_->expired_, 1);
    }
    Mutation m{.kind = MutationKind::expire, .key = it->first, .now_ms = now.get()};
    commit(m, it);
    return shard_->table_.end();
}

ItemView Shard::Locked::view(Position p) {
    const Item& item = p->second;
    return ItemView{.key = p->first,
                    .value = item.value,
                    .flags = item.flags,
                    .cas = item.cas,
                    .expire_at_ms = item.expire_at_ms,
                    .type = item.type};
}

void Shard::Locked::account_insert(std::string_view key, const Item& item) {
    add(shard_->keys_, 1);
    if (item.expire_at_ms != 0) add(shard_->keys_with_expiry_, 1);
    add(shard_->used_bytes_, item_bytes(key, item));
}

void Shard::Locked::account_erase(std::string_view key, const Item& item) {
    sub(shard_->keys_, 1);
    if (item.expire_at_ms != 0) sub(shard_->keys_with_expiry_, 1);
    sub(shard_->used_bytes_, item_bytes(key, item));
}

uint64_t Shard::Locked::commit(Mutation& m, Position p) {
    Shard& s = *shard_;
    // Relaxed is enough: the lock orders this shard's increments, and the counter's single
    // modification order makes every value unique.
    const uint64_t seq = s.context_->next_seq.fetch_add(1, std::memory_order_relaxed);
    switch (m.kind) {
        case MutationKind::set: {
            m.cas = seq;
            if (p == s.table_.end()) {
                p = s.table_.try_emplace(std::string(m.key)).first;
            } else {
                account_erase(p->first, p->second);
            }
            Item& item = p->second;
            item.value.assign(m.data);
            item.cas = seq;
            item.expire_at_ms = m.expire_at_ms;
            item.written_ms = m.now_ms;
            item.flags = m.flags;
            item.type = m.type;
            account_insert(p->first, item);
            break;
        }
        case MutationKind::append:
        case MutationKind::prepend: {
            assert(p != s.table_.end());
            m.cas = seq;
            Item& item = p->second;
            account_erase(p->first, item);
            if (m.kind == MutationKind::append) {
                item.value.append(m.data);
            } else {
                item.value.insert(0, m.data);
            }
            item.cas = seq;
            item.expire_at_ms = m.expire_at_ms;
            item.written_ms = m.now_ms;
            item.flags = m.flags;
            account_insert(p->first, item);
            break;
        }
        case MutationKind::touch: {
            assert(p != s.table_.end());
            Item& item = p->second;
            account_erase(p->first, item);
            item.expire_at_ms = m.expire_at_ms;
            account_insert(p->first, item);
            // memcached keeps the CAS across touch and gat; so do we.
            m.cas = item.cas;
            break;
        }
        case MutationKind::del:
        case MutationKind::expire:
            assert(p != s.table_.end());
            account_erase(p->first, p->second);
            // Report before erasing: m.key may view the table's own copy of the key.
            s.context_->sink->on_mutation(seq, s.index_, m);
            s.table_.erase(p);
            return 0;
        case MutationKind::flush:
            s.table_.clear();
            s.keys_.store(0, std::memory_order_relaxed);
            s.keys_with_expiry_.store(0, std::memory_order_relaxed);
            s.used_bytes_.store(0, std::memory_order_relaxed);
            s.flushed_before_ = 0;
            s.flush_deadline_ = 0;
            break;
        case MutationKind::flush_at:
            // A deadline already passed keeps killing what it covered; the new one replaces
            // only a pending deadline (memcached: the last flush_all wins).
            if (s.flush_deadline_ != 0 && m.now_ms >= s.flush_deadline_) {
                s.flushed_before_ = s.flush_deadline_;
            }
            s.flush_deadline_ = m.expire_at_ms;
            break;
    }
    s.context_->sink->on_mutation(seq, s.index_, m);
    return m.cas;
}

}  // namespace larder::store
