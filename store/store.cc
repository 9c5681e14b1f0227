// Store construction, single-key reads and writes, and stats.
#include "store/store.h"

#include <random>
#include <stdexcept>

#include "store/alloc.h"
#include "store/hash.h"
#include "store/number.h"
#include "store/shard.h"

namespace larder::store {

Store::Store(Config config)
    : clock_(config.clock != nullptr ? config.clock : &system_clock()),
      max_value_bytes_(config.max_value_bytes),
      shard_mask_(config.shard_count - 1),
      context_(std::make_unique<ShardContext>()),
      shards_(nullptr),
      expire_cursors_(std::make_unique<std::atomic<uint32_t>[]>(kExpireCursors)) {
    const size_t n = config.shard_count;
    if (n == 0 || (n & (n - 1)) != 0) {
        throw std::invalid_argument("store: shard_count must be a power of two");
    }
    context_->sink = config.sink != nullptr ? config.sink : &null_mutation_sink();
    context_->hash_seed = config.hash_seed
                              ? *config.hash_seed
                              : (uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    shards_ = std::make_unique<Shard[]>(n);
    for (size_t i = 0; i < n; ++i) shards_[i].attach(i, context_.get());
    set_maxmemory(config.maxmemory);
    set_eviction_policy(config.eviction_policy);
    set_maxmemory_samples(config.maxmemory_samples);
    set_lfu_log_factor(config.lfu_log_factor);
    set_lfu_decay_time(config.lfu_decay_time);
}

Store::~Store() = default;

size_t Store::shard_of(std::string_view key) const {
    return hash_of(key) & shard_mask_;
}

uint64_t Store::hash_of(std::string_view key) const {
    return hash_key(key, context_->hash_seed);
}

Shard& Store::shard_at(uint64_t hash) const {
    return shards_[hash & shard_mask_];
}

bool Store::get(std::string_view key, ItemCallback fn, CasUse cas_use) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return false;
    shard.note_access(p, now);
    if (cas_use == CasUse::need) shard.ensure_cas(p, now);
    char buffer[kMaxDecimalLength];
    fn(Shard::Locked::view(p, buffer));
    return true;
}

bool Store::get_and_touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms,
                          ItemCallback fn, CasUse cas_use) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return false;
    shard.note_access(p, now);
    if (cas_use == CasUse::need) shard.ensure_cas(p, now);
    char buffer[kMaxDecimalLength];
    if (mode == ExpiryMode::keep) {
        fn(Shard::Locked::view(p, buffer));
        return true;
    }
    const int64_t new_expiry = mode == ExpiryMode::at ? expire_at_ms : 0;
    if (expires_immediately(mode, expire_at_ms, now.get())) {
        ItemView v = Shard::Locked::view(p, buffer);
        v.expire_at_ms = new_expiry;
        fn(v);
        Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
        shard.commit(m, p);
        return true;
    }
    if (Shard::Locked::item(p).expire_at_ms() != new_expiry) {
        Mutation m{.kind = MutationKind::touch,
                   .key = key,
                   .expire_at_ms = new_expiry,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
    fn(Shard::Locked::view(p, buffer));
    return true;
}

std::optional<ItemFacts> Store::inspect(std::string_view key) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return std::nullopt;
    const Item& item = Shard::Locked::item(p);
    char buffer[kMaxDecimalLength];
    const LfuSettings lfu{
        .log_factor = context_->lfu_log_factor.load(std::memory_order_relaxed),
        .decay_minutes = context_->lfu_decay_minutes.load(std::memory_order_relaxed)};
    return ItemFacts{.int_encoded = item.kind() == ItemKind::string_int,
                     .value_size = item.value_text(buffer).size(),
                     .block_bytes = block_size(&item, item.size()),
                     .idle_ms = lru_idle_ms(item.access(), now.get()),
                     .lfu_counter = lfu_decayed_counter(item.access(), now.get(), lfu)};
}

SetResult Store::set(std::string_view key, std::string_view value, const SetOptions& options) {
    if (value.size() > max_value_bytes_) return SetResult{.status = Status::too_large};
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    const bool present = shard.found(p);

    SetResult result{.status = Status::ok};
    if (options.return_old && present) {
        const Item& old = Shard::Locked::item(p);
        if (old.type() != ValueType::string) return SetResult{.status = Status::wrong_type};
        char buffer[kMaxDecimalLength];
        result.had_old = true;
        result.old_value = old.value_text(buffer);
    }
    switch (options.condition) {
        case SetCondition::always:
            break;
        case SetCondition::if_absent:
            if (present) result.status = Status::not_stored;
            break;
        case SetCondition::if_present:
            if (!present) result.status = Status::not_stored;
            break;
        case SetCondition::if_cas:
            // An item without a stored CAS has never shown one to anybody, so no CAS a
            // client holds can match it.
            if (!present) {
                result.status = Status::not_found;
            } else if (!Shard::Locked::item(p).has_cas() ||
                       Shard::Locked::item(p).cas() != options.cas) {
                result.status = Status::exists;
            }
            break;
    }
    if (result.status != Status::ok) return result;

    int64_t expire_at_ms = 0;
    if (options.expiry == ExpiryMode::at) {
        expire_at_ms = options.expire_at_ms;
    } else if (options.expiry == ExpiryMode::keep && present) {
        expire_at_ms = Shard::Locked::item(p).expire_at_ms();
    }
    if (expires_immediately(options.expiry, options.expire_at_ms, now.get())) {
        if (present) {
            Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
            shard.commit(m, p);
        }
        return result;
    }
    Mutation m{.kind = MutationKind::set,
               .key = key,
               .data = value,
               .flags = options.flags,
               .expire_at_ms = expire_at_ms,
               .now_ms = now.get()};
    result.status = shard.commit(m, p, options.cas_use);
    result.cas = m.cas;
    return result;
}

bool Store::del(std::string_view key) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return false;
    Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
    shard.commit(m, p);
    return true;
}

Status Store::del_if_cas(std::string_view key, uint64_t cas) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return Status::not_found;
    // An item that keeps no CAS has never shown one, so no client CAS can match it.
    const Item& item = Shard::Locked::item(p);
    if (cas != 0 && (!item.has_cas() || item.cas() != cas)) return Status::exists;
    Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
    shard.commit(m, p);
    return Status::ok;
}

bool Store::exists(std::string_view key) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    return shard.found(shard.find(key, hash, now));
}

bool Store::touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return false;
    if (mode == ExpiryMode::keep) return true;
    if (expires_immediately(mode, expire_at_ms, now.get())) {
        Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
        shard.commit(m, p);
        return true;
    }
    const int64_t new_expiry = mode == ExpiryMode::at ? expire_at_ms : 0;
    if (Shard::Locked::item(p).expire_at_ms() != new_expiry) {
        Mutation m{.kind = MutationKind::touch,
                   .key = key,
                   .expire_at_ms = new_expiry,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
    return true;
}

int64_t Store::ttl_ms(std::string_view key) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return -2;
    const int64_t expire_at_ms = Shard::Locked::item(p).expire_at_ms();
    if (expire_at_ms == 0) return -1;
    return expire_at_ms - now.get();
}

std::optional<ValueType> Store::type(std::string_view key) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, hash, now);
    if (!shard.found(p)) return std::nullopt;
    return Shard::Locked::item(p).type();
}

uint64_t Store::size() const {
    uint64_t keys = 0;
    for (size_t i = 0; i <= shard_mask_; ++i) keys += shards_[i].keys();
    return keys;
}

Stats Store::stats() const {
    Stats s;
    for (size_t i = 0; i <= shard_mask_; ++i) {
        const Shard& shard = shards_[i];
        s.keys += shard.keys();
        s.keys_with_expiry += shard.keys_with_expiry();
        s.used_bytes += shard.used_bytes();
        s.table_bytes += shard.table_bytes();
        s.expired += shard.expired();
        s.evicted += shard.evicted();
        s.oom_rejections += shard.oom_rejections();
    }
    s.maxmemory = maxmemory();
    return s;
}

}  // namespace larder::store
