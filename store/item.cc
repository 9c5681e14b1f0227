#include "store/item.h"

#include <cassert>

#include "store/number.h"

namespace larder::store {
namespace {

bool short_expiry_fits(int64_t expire_at_ms) {
    const int64_t since = expire_at_ms - kExpiryEpochMs;
    return since >= 0 && since < (int64_t{1} << 40);
}

void store32(unsigned char* p, uint32_t v) {
    std::memcpy(p, &v, sizeof v);
}

void write_expiry(unsigned char* p, int64_t expire_at_ms, bool long_form) {
    if (long_form) {
        std::memcpy(p, &expire_at_ms, sizeof expire_at_ms);
        return;
    }
    const auto since = static_cast<uint64_t>(expire_at_ms - kExpiryEpochMs);
    std::memcpy(p, &since, kShortExpiryBytes);  // the low 5 bytes, little-endian
}

}  // namespace

int64_t Item::expire_at_ms() const {
    const unsigned char* p = bytes() + expiry_offset();
    switch (expiry_form()) {
        case 0:
            return 0;
        case item_meta::kExpiryShort: {
            uint64_t since = 0;
            std::memcpy(&since, p, kShortExpiryBytes);  // little-endian
            return kExpiryEpochMs + static_cast<int64_t>(since);
        }
        default: {
            int64_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        }
    }
}

bool Item::expiry_fits_in_place(int64_t expire_at_ms) const {
    if (!has_expiry() || expire_at_ms == 0) return false;
    return (expiry_form() == item_meta::kExpiryShort) == short_expiry_fits(expire_at_ms);
}

void Item::set_expire_at_ms(int64_t expire_at_ms) {
    assert(expiry_fits_in_place(expire_at_ms));
    write_expiry(mutable_bytes() + expiry_offset(), expire_at_ms,
                 expiry_form() == item_meta::kExpiryLong);
}

uint64_t Item::cas() const {
    if (!has_cas()) return 0;
    uint64_t v;
    std::memcpy(&v, bytes() + cas_offset(), sizeof v);
    return v;
}

void Item::set_cas(uint64_t cas) {
    assert(has_cas());
    std::memcpy(mutable_bytes() + cas_offset(), &cas, sizeof cas);
}

int64_t Item::int_value() const {
    assert(kind() == ItemKind::string_int);
    const std::string_view v = stored_value();
    uint64_t bits = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        bits |= uint64_t{static_cast<unsigned char>(v[i])} << (8 * i);
    }
    // Sign-extend from the top stored byte.
    const unsigned shift = static_cast<unsigned>(64 - 8 * v.size());
    return static_cast<int64_t>(bits << shift) >> shift;
}

std::string_view Item::value_text(char* buffer) const {
    if (kind() != ItemKind::string_int) return stored_value();
    return {buffer, format_decimal(int_value(), buffer)};
}

char* Item::extend_value(size_t extra) {
    assert(can_extend_in_place(extra));
    char* end = stored_value_data() + stored_value_size();
    store32(mutable_bytes() + 9, static_cast<uint32_t>(stored_value_size() + extra));
    return end;
}

namespace {

uint8_t length_form_for(size_t key_size, size_t value_size) {
    if (key_size <= kTinyKeyMax && value_size <= kTinyValueMax) return item_meta::kLengthTiny;
    if (key_size <= kShortKeyMax && value_size <= kShortValueMax) return item_meta::kLengthShort;
    return item_meta::kLengthLong;
}

size_t header_bytes_for(uint8_t length_form) {
    switch (length_form) {
        case item_meta::kLengthTiny:
            return kTinyHeaderBytes;
        case item_meta::kLengthShort:
            return kShortHeaderBytes;
        default:
            return kLongHeaderBytes;
    }
}

}  // namespace

size_t item_size(const ItemSpec& spec) {
    const size_t value_size = spec.value.size() + spec.value_tail.size();
    size_t n = header_bytes_for(length_form_for(spec.key.size(), value_size));
    if (spec.expire_at_ms != 0) {
        n += short_expiry_fits(spec.expire_at_ms) ? kShortExpiryBytes : kLongExpiryBytes;
    }
    if (spec.flags != 0) n += kFlagsBytes;
    if (spec.has_cas) n += kCasBytes;
    return n + spec.key.size() + value_size;
}

Item* build_item(void* block, const ItemSpec& spec) {
    auto* p = static_cast<unsigned char*>(block);
    const size_t value_size = spec.value.size() + spec.value_tail.size();
    const uint8_t length_form = length_form_for(spec.key.size(), value_size);
    const bool long_expiry = spec.expire_at_ms != 0 && !short_expiry_fits(spec.expire_at_ms);
    uint8_t meta = static_cast<uint8_t>(spec.kind) & item_meta::kKindMask;
    if (spec.expire_at_ms != 0) {
        meta |= (long_expiry ? item_meta::kExpiryLong : item_meta::kExpiryShort)
                << item_meta::kExpiryShift;
    }
    if (spec.flags != 0) meta |= item_meta::kHasFlags;
    if (spec.has_cas) meta |= item_meta::kHasCas;
    meta |= length_form << item_meta::kLengthShift;
    uint64_t word = meta | (uint64_t{spec.access & ((1u << kAccessBits) - 1)} << 8);
    if (length_form == item_meta::kLengthTiny) {
        word |= (uint64_t{spec.key.size()} << 28) | (uint64_t{value_size} << 33);
    }
    std::memcpy(p, &word, kTinyHeaderBytes);
    size_t at = kTinyHeaderBytes;
    if (length_form == item_meta::kLengthShort) {
        p[at] = static_cast<unsigned char>(spec.key.size());
        const auto v = static_cast<uint16_t>(value_size);
        std::memcpy(p + at + 1, &v, sizeof v);
        at = kShortHeaderBytes;
    } else if (length_form == item_meta::kLengthLong) {
        store32(p + at, static_cast<uint32_t>(spec.key.size()));
        store32(p + at + 4, static_cast<uint32_t>(value_size));
        at = kLongHeaderBytes;
    }
    if (spec.expire_at_ms != 0) {
        write_expiry(p + at, spec.expire_at_ms, long_expiry);
        at += long_expiry ? kLongExpiryBytes : kShortExpiryBytes;
    }
    if (spec.flags != 0) {
        store32(p + at, spec.flags);
        at += kFlagsBytes;
    }
    if (spec.has_cas) {
        std::memcpy(p + at, &spec.cas, sizeof spec.cas);
        at += kCasBytes;
    }
    // Empty views may carry a null data(); memcpy must not see it.
    if (!spec.key.empty()) std::memcpy(p + at, spec.key.data(), spec.key.size());
    at += spec.key.size();
    if (!spec.value.empty()) std::memcpy(p + at, spec.value.data(), spec.value.size());
    at += spec.value.size();
    if (!spec.value_tail.empty()) {
        std::memcpy(p + at, spec.value_tail.data(), spec.value_tail.size());
    }
    return reinterpret_cast<Item*>(block);
}

EncodedValue encode_string_value(std::string_view text, char* scratch) {
    int64_t n = 0;
    if (text.size() > kMaxDecimalLength || !parse_redis_int64(text, n)) {
        return {ItemKind::string_raw, text};
    }
    // The fewest bytes that sign-extend back to n.
    size_t bytes = 1;
    while (bytes < 8) {
        const unsigned shift = static_cast<unsigned>(64 - 8 * bytes);
        if ((static_cast<int64_t>(static_cast<uint64_t>(n) << shift) >> shift) == n) break;
        ++bytes;
    }
    const auto bits = static_cast<uint64_t>(n);
    for (size_t i = 0; i < bytes; ++i) scratch[i] = static_cast<char>(bits >> (8 * i));
    return {ItemKind::string_int, std::string_view(scratch, bytes)};
}

EncodedValue collection_value(ValueType type, const Collection* value, char* scratch) {
    scratch[0] = static_cast<char>(type);
    std::memcpy(scratch + 1, &value, sizeof value);
    return {ItemKind::collection, std::string_view(scratch, kCollectionValueBytes)};
}

}  // namespace larder::store
