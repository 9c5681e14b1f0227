// Store construction, single-key reads and writes, and stats.
#include "store/store.h"

#include <stdexcept>

#include "store/hash.h"
#include "store/shard.h"

namespace larder::store {

Store::Store(Config config)
    : clock_(config.clock != nullptr ? config.clock : &system_clock()),
      max_value_bytes_(config.max_value_bytes),
      shard_mask_(config.shard_count - 1),
      context_(std::make_unique<ShardContext>()),
      shards_(nullptr) {
    const size_t n = config.shard_count;
    if (n == 0 || (n & (n - 1)) != 0) {
        throw std::invalid_argument("store: shard_count must be a power of two");
    }
    context_->sink = config.sink != nullptr ? config.sink : &null_mutation_sink();
    shards_ = std::make_unique<Shard[]>(n);
    for (size_t i = 0; i < n; ++i) shards_[i].attach(i, context_.get());
}

Store::~Store() = default;

size_t Store::shard_of(std::string_view key) const {
    return hash_key(key) & shard_mask_;
}

Shard& Store::shard_for(std::string_view key) const {
    return shards_[shard_of(key)];
}

bool Store::get(std::string_view key, ItemCallback fn) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return false;
    fn(Shard::Locked::view(p));
    return true;
}

bool Store::get_and_touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms,
                          ItemCallback fn) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return false;
    if (mode == ExpiryMode::keep) {
        fn(Shard::Locked::view(p));
        return true;
    }
    const int64_t new_expiry = mode == ExpiryMode::at ? expire_at_ms : 0;
    if (expires_immediately(mode, expire_at_ms, now.get())) {
        ItemView v = Shard::Locked::view(p);
        v.expire_at_ms = new_expiry;
        fn(v);
        Mutation m{.kind = MutationKind::del, .key = p->first, .now_ms = now.get()};
        shard.commit(m, p);
        return true;
    }
    if (Shard::Locked::item(p).expire_at_ms != new_expiry) {
        Mutation m{.kind = MutationKind::touch,
                   .key = p->first,
                   .expire_at_ms = new_expiry,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
    fn(Shard::Locked::view(p));
    return true;
}

SetResult Store::set(std::string_view key, std::string_view value, const SetOptions& options) {
    if (value.size() > max_value_bytes_) return SetResult{.status = Status::too_large};
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    const bool present = shard.found(p);

    SetResult result{.status = Status::ok};
    if (options.return_old && present) {
        const Item& old = Shard::Locked::item(p);
        if (old.type != ValueType::string) return SetResult{.status = Status::wrong_type};
        result.had_old = true;
        result.old_value = old.value;
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
            if (!present) {
                result.status = Status::not_found;
            } else if (Shard::Locked::item(p).cas != options.cas) {
                result.status = Status::exists;
            }
            break;
    }
    if (result.status != Status::ok) return result;

    int64_t expire_at_ms = 0;
    if (options.expiry == ExpiryMode::at) {
        expire_at_ms = options.expire_at_ms;
    } else if (options.expiry == ExpiryMode::keep && present) {
        expire_at_ms = Shard::Locked::item(p).expire_at_ms;
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
    result.cas = shard.commit(m, p);
    return result;
}

bool Store::del(std::string_view key) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return false;
    Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
    shard.commit(m, p);
    return true;
}

bool Store::exists(std::string_view key) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    return shard.found(shard.find(key, now));
}

bool Store::touch(std::string_view key, ExpiryMode mode, int64_t expire_at_ms) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return false;
    if (mode == ExpiryMode::keep) return true;
    if (expires_immediately(mode, expire_at_ms, now.get())) {
        Mutation m{.kind = MutationKind::del, .key = key, .now_ms = now.get()};
        shard.commit(m, p);
        return true;
    }
    const int64_t new_expiry = mode == ExpiryMode::at ? expire_at_ms : 0;
    if (Shard::Locked::item(p).expire_at_ms != new_expiry) {
        Mutation m{.kind = MutationKind::touch,
                   .key = key,
                   .expire_at_ms = new_expiry,
                   .now_ms = now.get()};
        shard.commit(m, p);
    }
    return true;
}

int64_t Store::ttl_ms(std::string_view key) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return -2;
    const int64_t expire_at_ms = Shard::Locked::item(p).expire_at_ms;
    if (expire_at_ms == 0) return -1;
    return expire_at_ms - now.get();
}

std::optional<ValueType> Store::type(std::string_view key) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) return std::nullopt;
    return Shard::Locked::item(p).type;
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
        s.expired += shard.expired();
    }
    return s;
}

}  // namespace larder::store
