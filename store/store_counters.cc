// Read-modify-write string operations: the two counter dialects, and append/prepend.
#include <string>

#include "store/number.h"
#include "store/shard.h"
#include "store/store.h"

namespace larder::store {

CounterResult Store::incr_signed(std::string_view key, int64_t delta) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    int64_t current = 0;
    uint32_t flags = 0;
    int64_t expire_at_ms = 0;
    if (shard.found(p)) {
        const Item& item = Shard::Locked::item(p);
        if (item.type != ValueType::string) return CounterResult{.status = Status::wrong_type};
        if (!parse_redis_int64(item.value, current)) {
            return CounterResult{.status = Status::not_a_number};
        }
        flags = item.flags;
        expire_at_ms = item.expire_at_ms;
    }
    int64_t next = 0;
    if (__builtin_add_overflow(current, delta, &next)) {
        return CounterResult{.status = Status::overflow};
    }
    char text[kMaxDecimalLength];
    Mutation m{.kind = MutationKind::set,
               .key = key,
               .data = std::string_view(text, format_decimal(next, text)),
               .flags = flags,
               .expire_at_ms = expire_at_ms,
               .now_ms = now.get()};
    const uint64_t cas = shard.commit(m, p);
    return CounterResult{.status = Status::ok, .value = next, .uvalue = 0, .cas = cas};
}

CounterResult Store::incr_unsigned(std::string_view key, uint64_t delta, bool decrement,
                                   const CounterCreate& create, uint64_t cas) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    char text[kMaxDecimalLength];
    if (!shard.found(p)) {
        if (!create.create) return CounterResult{.status = Status::not_found};
        const CounterResult created{.status = Status::ok,
                                    .value = static_cast<int64_t>(create.initial),
                                    .uvalue = create.initial};
        if (expires_immediately(create.expiry, create.expire_at_ms, now.get())) return created;
        Mutation m{.kind = MutationKind::set,
                   .key = key,
                   .data = std::string_view(text, format_decimal(create.initial, text)),
                   .expire_at_ms = create.expiry == ExpiryMode::at ? create.expire_at_ms : 0,
                   .now_ms = now.get()};
        CounterResult result = created;
        result.cas = shard.commit(m, p);
        return result;
    }
    const Item& item = Shard::Locked::item(p);
    if (item.type != ValueType::string) return CounterResult{.status = Status::wrong_type};
    if (cas != 0 && item.cas != cas) return CounterResult{.status = Status::exists};
    uint64_t value = 0;
    if (!parse_memcached_uint64(item.value, value)) {
        return CounterResult{.status = Status::not_a_number};
    }
    if (!decrement) {
        value += delta;  // wraps modulo 2^64, as memcached does
    } else {
        value = delta > value ? 0 : value - delta;
    }
    Mutation m{.kind = MutationKind::set,
               .key = key,
               .data = std::string_view(text, format_decimal(value, text)),
               .flags = item.flags,
               .expire_at_ms = item.expire_at_ms,
               .now_ms = now.get()};
    const uint64_t new_cas = shard.commit(m, p);
    return CounterResult{.status = Status::ok,
                         .value = static_cast<int64_t>(value),
                         .uvalue = value,
                         .cas = new_cas};
}

CounterResult Store::append(std::string_view key, std::string_view data, bool prepend,
                            bool create_if_missing, uint64_t cas) {
    Shard::Locked shard = shard_for(key).lock();
    LazyNow now(*clock_);
    const auto p = shard.find(key, now);
    if (!shard.found(p)) {
        if (!create_if_missing || cas != 0) return CounterResult{.status = Status::not_found};
        if (data.size() > max_value_bytes_) return CounterResult{.status = Status::too_large};
        Mutation m{.kind = MutationKind::set, .key = key, .data = data, .now_ms = now.get()};
        const uint64_t new_cas = shard.commit(m, p);
        const auto length = static_cast<uint64_t>(data.size());
        return CounterResult{.status = Status::ok,
                             .value = static_cast<int64_t>(length),
                             .uvalue = length,
                             .cas = new_cas};
    }
    const Item& item = Shard::Locked::item(p);
    if (item.type != ValueType::string) return CounterResult{.status = Status::wrong_type};
    if (cas != 0 && item.cas != cas) return CounterResult{.status = Status::exists};
    if (item.value.size() + data.size() > max_value_bytes_) {
        return CounterResult{.status = Status::too_large};
    }
    Mutation m{.kind = prepend ? MutationKind::prepend : MutationKind::append,
               .key = key,
               .data = data,
               .flags = item.flags,
               .expire_at_ms = item.expire_at_ms,
               .now_ms = now.get()};
    const uint64_t new_cas = shard.commit(m, p);
    const auto length = static_cast<uint64_t>(item.value.size());
    return CounterResult{.status = Status::ok,
                         .value = static_cast<int64_t>(length),
                         .uvalue = length,
                         .cas = new_cas};
}

}  // namespace larder::store
