#include "store/key_ref.h"

#include <cassert>

#include "store/key_state.h"

namespace larder::store {

Shard::Locked::Position& KeyState::position() {
    if (epoch != shard->epoch()) {
        pos = shard->find(key, hash, *now);
        epoch = shard->epoch();
    }
    return pos;
}

void KeyState::settle() {
    if (created != nullptr) {
        std::unique_ptr<Collection> value = std::move(created);
        if (value->size() == 0) return;
        Mutation m{.kind = MutationKind::store_collection,
                   .key = key,
                   .now_ms = now->get(),
                   .type = value->type(),
                   .collection = value.get()};
        // Refused under maxmemory: the new key is dropped (the command checked reserve()
        // first, so this is a key that alone outgrew what was left).
        (void)shard->commit_collection(m, position(), value);
        epoch = shard->epoch();
        return;
    }
    if (edited == nullptr) return;
    Collection* value = edited;
    edited = nullptr;
    auto& p = position();
    assert(Shard::Locked::found(p) && p.item->collection() == value);
    if (value->size() == 0) {
        // An emptied collection is deleted with its key, as Redis does.
        shard->count_edit(*value, owned_before);
        Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now->get()};
        shard->commit(m, p);
    } else {
        Mutation m{.kind = MutationKind::store_collection,
                   .key = key,
                   .expire_at_ms = p.item->expire_at_ms(),
                   .now_ms = now->get(),
                   .type = value->type(),
                   .collection = value};
        std::unique_ptr<Collection> none;
        shard->commit_collection(m, p, none, owned_before);
    }
    epoch = shard->epoch();
}

std::string_view KeyRef::key() const {
    return state_->key;
}

bool KeyRef::exists() const {
    return state_->created != nullptr || state_->item() != nullptr;
}

ValueType KeyRef::type() const {
    if (state_->created != nullptr) return state_->created->type();
    return state_->item()->type();
}

int64_t KeyRef::expire_at_ms() const {
    const Item* item = state_->item();
    return item != nullptr ? item->expire_at_ms() : 0;
}

uint32_t KeyRef::flags() const {
    const Item* item = state_->item();
    return item != nullptr ? item->flags() : 0;
}

std::string_view KeyRef::string_value(char* buffer) const {
    const Item* item = state_->item();
    assert(item != nullptr && item->type() == ValueType::string);
    return item->value_text(buffer);
}

const Collection* KeyRef::collection_of(ValueType type) const {
    if (state_->created != nullptr) {
        return state_->created->type() == type ? state_->created.get() : nullptr;
    }
    const Item* item = state_->item();
    if (item == nullptr) return nullptr;
    const Collection* value = item->collection();
    return value != nullptr && value->type() == type ? value : nullptr;
}

Collection* KeyRef::edit_collection(ValueType type) {
    KeyState& s = *state_;
    if (s.created != nullptr) return s.created->type() == type ? s.created.get() : nullptr;
    if (s.edited != nullptr) return s.edited->type() == type ? s.edited : nullptr;
    const Item* item = s.item();
    if (item == nullptr) return nullptr;
    Collection* value = item->collection();
    if (value == nullptr || value->type() != type) return nullptr;
    s.edited = value;
    s.owned_before = value->owned_bytes();
    return value;
}

Collection& KeyRef::create_collection(std::unique_ptr<Collection> value) {
    KeyState& s = *state_;
    assert(!exists());
    s.created = std::move(value);
    return *s.created;
}

Status KeyRef::reserve(size_t bytes) {
    return state_->shard->reserve_for_write(bytes, *state_->now, state_->position());
}

Status KeyRef::set_string(std::string_view value, int64_t expire_at_ms, uint32_t flags) {
    KeyState& s = *state_;
    s.settle();
    if (expire_at_ms != 0 && expire_at_ms <= s.now->get()) {
        erase();
        return Status::ok;
    }
    Mutation m{.kind = MutationKind::set,
               .key = s.key,
               .data = value,
               .flags = flags,
               .expire_at_ms = expire_at_ms,
               .now_ms = s.now->get()};
    const Status st = s.shard->commit(m, s.position(), CasUse::none);
    s.epoch = s.shard->epoch();
    return st;
}

Status KeyRef::store(std::unique_ptr<Collection> value, int64_t expire_at_ms) {
    KeyState& s = *state_;
    s.settle();
    if (value == nullptr || value->size() == 0 ||
        (expire_at_ms != 0 && expire_at_ms <= s.now->get())) {
        erase();
        return Status::ok;
    }
    Mutation m{.kind = MutationKind::store_collection,
               .key = s.key,
               .expire_at_ms = expire_at_ms,
               .now_ms = s.now->get(),
               .type = value->type(),
               .collection = value.get()};
    const Status st = s.shard->commit_collection(m, s.position(), value);
    s.epoch = s.shard->epoch();
    return st;
}

bool KeyRef::erase() {
    KeyState& s = *state_;
    s.settle();
    auto& p = s.position();
    if (!Shard::Locked::found(p)) return false;
    Mutation m{.kind = MutationKind::del, .key = s.key, .now_ms = s.now->get()};
    s.shard->commit(m, p);
    s.epoch = s.shard->epoch();
    return true;
}

std::unique_ptr<Collection> KeyRef::take() {
    KeyState& s = *state_;
    s.settle();
    auto& p = s.position();
    if (!Shard::Locked::found(p) || p.item->collection() == nullptr) return nullptr;
    std::unique_ptr<Collection> value = s.shard->release_collection(p, *s.now);
    s.epoch = s.shard->epoch();
    return value;
}

void KeyRef::set_expiry(int64_t expire_at_ms) {
    KeyState& s = *state_;
    s.settle();
    auto& p = s.position();
    if (!Shard::Locked::found(p)) return;
    if (expire_at_ms != 0 && expire_at_ms <= s.now->get()) {
        erase();
        return;
    }
    if (p.item->expire_at_ms() == expire_at_ms) return;
    Mutation m{.kind = MutationKind::touch,
               .key = s.key,
               .expire_at_ms = expire_at_ms,
               .now_ms = s.now->get()};
    s.shard->commit(m, p);
    s.epoch = s.shard->epoch();
}

int64_t KeyRef::now_ms() const {
    return state_->now->get();
}

CollectionLimits KeyRef::limits() const {
    const ShardContext& c = state_->shard->context();
    constexpr auto relaxed = std::memory_order_relaxed;
    return CollectionLimits{
        .hash_max_listpack_entries = c.hash_max_listpack_entries.load(relaxed),
        .hash_max_listpack_value = c.hash_max_listpack_value.load(relaxed),
        .set_max_intset_entries = c.set_max_intset_entries.load(relaxed),
        .set_max_listpack_entries = c.set_max_listpack_entries.load(relaxed),
        .set_max_listpack_value = c.set_max_listpack_value.load(relaxed),
        .zset_max_listpack_entries = c.zset_max_listpack_entries.load(relaxed),
        .zset_max_listpack_value = c.zset_max_listpack_value.load(relaxed),
        .list_max_listpack_size = c.list_max_listpack_size.load(relaxed),
    };
}

uint64_t KeyRef::random() {
    return state_->shard->random();
}

}  // namespace larder::store
