// Read-modify-write string operations: the two counter dialects, and append/prepend.
#include <string>

#include "store/hash.h"
#include "store/number.h"
#include "store/shard.h"
#include "store/store.h"

namespace larder::store {
namespace {

// The item's value as a signed Redis integer: integer-encoded items need no parsing.
bool read_signed(const Item& item, int64_t& out) {
    if (item.kind() == ItemKind::string_int) {
        out = item.int_value();
        return true;
    }
    return parse_redis_int64(item.stored_value(), out);
}

// A CAS given by a memcached client matches only an item that keeps that very CAS.
bool cas_matches(const Item& item, uint64_t cas) {
    return cas == 0 || (item.has_cas() && item.cas() == cas);
}

}  // namespace

CounterResult Store::incr_signed(std::string_view key, int64_t delta, CasUse cas_use) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    int64_t current = 0;
    uint32_t flags = 0;
    int64_t expire_at_ms = 0;
    if (shard.found(p)) {
        const Item& item = Shard::Locked::item(p);
        if (item.type() != ValueType::string) return CounterResult{.status = Status::wrong_type};
        if (!read_signed(item, current)) return CounterResult{.status = Status::not_a_number};
        flags = item.flags();
        expire_at_ms = item.expire_at_ms();
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
    if (const Status st = shard.commit(m, p, cas_use); st != Status::ok) {
        return CounterResult{.status = st};
    }
    return CounterResult{.status = Status::ok, .value = next, .uvalue = 0, .cas = m.cas};
}

CounterResult Store::incr_unsigned(std::string_view key, uint64_t delta, bool decrement,
                                   const CounterCreate& create, uint64_t cas, CasUse cas_use) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    char text[kMaxDecimalLength];
    if (!shard.found(p)) {
        if (!create.create) return CounterResult{.status = Status::not_found};
        CounterResult result{.status = Status::ok,
                             .value = static_cast<int64_t>(create.initial),
                             .uvalue = create.initial};
        if (expires_immediately(create.expiry, create.expire_at_ms, now.get())) return result;
        Mutation m{.kind = MutationKind::set,
                   .key = key,
                   .data = std::string_view(text, format_decimal(create.initial, text)),
                   .expire_at_ms = create.expiry == ExpiryMode::at ? create.expire_at_ms : 0,
                   .now_ms = now.get()};
        if (const Status st = shard.commit(m, p, cas_use); st != Status::ok) {
            return CounterResult{.status = st};
        }
        result.cas = m.cas;
        return result;
    }
    const Item& item = Shard::Locked::item(p);
    if (item.type() != ValueType::string) return CounterResult{.status = Status::wrong_type};
    if (!cas_matches(item, cas)) return CounterResult{.status = Status::exists};
    char old_text[kMaxDecimalLength];
    uint64_t value = 0;
    if (!parse_memcached_uint64(item.value_text(old_text), value)) {
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
               .flags = item.flags(),
               .expire_at_ms = item.expire_at_ms(),
               .now_ms = now.get()};
    if (const Status st = shard.commit(m, p, cas_use); st != Status::ok) {
        return CounterResult{.status = st};
    }
    return CounterResult{
        .status = Status::ok, .value = static_cast<int64_t>(value), .uvalue = value, .cas = m.cas};
}

CounterResult Store::append(std::string_view key, std::string_view data, bool prepend,
                            bool create_if_missing, uint64_t cas, CasUse cas_use) {
    const uint64_t hash = hash_of(key);
    Shard::Locked shard = shard_at(hash).lock();
    LazyNow now(*clock_);
    auto p = shard.find(key, hash, now);
    if (!shard.found(p)) {
        if (!create_if_missing || cas != 0) return CounterResult{.status = Status::not_found};
        if (data.size() > max_value_bytes_) return CounterResult{.status = Status::too_large};
        Mutation m{.kind = MutationKind::set, .key = key, .data = data, .now_ms = now.get()};
        if (const Status st = shard.commit(m, p, cas_use); st != Status::ok) {
            return CounterResult{.status = st};
        }
        const auto length = static_cast<uint64_t>(data.size());
        return CounterResult{.status = Status::ok,
                             .value = static_cast<int64_t>(length),
                             .uvalue = length,
                             .cas = m.cas};
    }
    const Item& item = Shard::Locked::item(p);
    if (item.type() != ValueType::string) return CounterResult{.status = Status::wrong_type};
    if (!cas_matches(item, cas)) return CounterResult{.status = Status::exists};
    char old_text[kMaxDecimalLength];
    const size_t old_length = item.value_text(old_text).size();
    if (old_length + data.size() > max_value_bytes_) {
        return CounterResult{.status = Status::too_large};
    }
    Mutation m{.kind = prepend ? MutationKind::prepend : MutationKind::append,
               .key = key,
               .data = data,
               .flags = item.flags(),
               .expire_at_ms = item.expire_at_ms(),
               .now_ms = now.get()};
    if (const Status st = shard.commit(m, p, cas_use); st != Status::ok) {
        return CounterResult{.status = st};
    }
    const auto length = static_cast<uint64_t>(old_length + data.size());
    return CounterResult{.status = Status::ok,
                         .value = static_cast<int64_t>(length),
                         .uvalue = length,
                         .cas = m.cas};
}

}  // namespace larder::store
