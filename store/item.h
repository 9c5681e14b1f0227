// The compact item: one allocation holding a packed header, the optional fields the item
// uses, its key and its value. Only shard code and the table see this type; the store's
// callers see ItemView. docs/store.md has the layout diagram and the reasons behind it.
//
//   bytes 0-4   a 40-bit little-endian word:
//                 bits  0-1  kind: 0 string, 1 integer string, 2 collection (hash, list,
//                            set, zset: the value starts with its own type), 3 reserved
//                 bits  2-3  expiry form: 0 none, 1 short (5 bytes), 2 long (8 bytes)
//                 bit   4    has memcached flags
//                 bit   5    has CAS
//                 bits  6-7  length form: 0 tiny, 1 short, 2 long
//                 bits  8-27 access: LRU seconds clock, or LFU minutes << 8 | counter
//                 bits 28-39 tiny form: key length (5 bits, 0-31), value length (7 bits,
//                            0-127); otherwise 0
//   short form: + key length u8, value length u16     (8-byte header)
//   long form:  + key length u32, value length u32    (13-byte header)
//   [expiry]    short: ms since kExpiryEpochMs in 40 bits; long: absolute ms, 8 bytes
//   [flags]     4 bytes, memcached client flags (absent when 0)
//   [cas]       8 bytes (absent until a client needs the item's CAS)
//   key bytes, then value bytes
//
// Nothing is aligned: fields are read and written with memcpy, which compiles to plain
// unaligned loads on x86-64 and arm64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "store/types.h"

namespace larder::store {

class Collection;

// What the value bytes are.
enum class ItemKind : uint8_t {
    string_raw = 0,  // the value bytes as given
    string_int = 1,  // a canonical decimal int64, stored as 1-8 little-endian bytes
    // A hash, list, set or zset: kCollectionValueBytes of value, its ValueType in one byte
    // then a Collection* the item owns (collection_value() builds them).
    collection = 2,
};
inline constexpr size_t kCollectionValueBytes = 1 + sizeof(void*);

namespace item_meta {
inline constexpr uint8_t kKindMask = 0x03;
inline constexpr uint8_t kExpiryShift = 2;
inline constexpr uint8_t kExpiryMask = 0x0C;
inline constexpr uint8_t kExpiryShort = 1;
inline constexpr uint8_t kExpiryLong = 2;
inline constexpr uint8_t kHasFlags = 0x10;
inline constexpr uint8_t kHasCas = 0x20;
inline constexpr uint8_t kLengthShift = 6;
inline constexpr uint8_t kLengthTiny = 0;
inline constexpr uint8_t kLengthShort = 1;
inline constexpr uint8_t kLengthLong = 2;
}  // namespace item_meta

// The fixed part, as a struct only to pin its size; items are read through Item's
// accessors, since the fields are bit-packed.
struct PackedItemHeader {
    uint8_t word[5];  // meta (8 bits), access (20 bits), tiny lengths (12 bits)
};
static_assert(sizeof(PackedItemHeader) == 5 && alignof(PackedItemHeader) == 1);

inline constexpr size_t kTinyHeaderBytes = sizeof(PackedItemHeader);
inline constexpr size_t kShortHeaderBytes = kTinyHeaderBytes + 1 + 2;
inline constexpr size_t kLongHeaderBytes = kTinyHeaderBytes + 4 + 4;
static_assert(kShortHeaderBytes == 8 && kLongHeaderBytes == 13);
inline constexpr size_t kTinyKeyMax = 31;
inline constexpr size_t kTinyValueMax = 127;
inline constexpr size_t kShortKeyMax = 255;
inline constexpr size_t kShortValueMax = 65535;
inline constexpr uint32_t kAccessBits = 20;
// Short expiries count ms from 2020-01-01T00:00:00Z in 40 bits, which reaches into 2054;
// anything outside takes the 8-byte form.
inline constexpr int64_t kExpiryEpochMs = 1'577'836'800'000;
inline constexpr size_t kShortExpiryBytes = 5;
inline constexpr size_t kLongExpiryBytes = 8;
inline constexpr size_t kFlagsBytes = 4;
inline constexpr size_t kCasBytes = 8;

// Everything needed to build an item. The value may come in two pieces (append, prepend),
// which are stored one after the other.
struct ItemSpec {
    std::string_view key{};
    std::string_view value{};
    std::string_view value_tail{};
    ItemKind kind = ItemKind::string_raw;
    int64_t expire_at_ms = 0;  // 0 = none
    uint32_t flags = 0;
    bool has_cas = false;
    uint64_t cas = 0;
    uint32_t access = 0;  // kAccessBits bits
};

// A stored item. Never constructed: an Item* points at a block that build_item() wrote.
class Item {
  public:
    Item() = delete;
    Item(const Item&) = delete;
    Item& operator=(const Item&) = delete;

    uint8_t meta() const { return bytes()[0]; }
    ItemKind kind() const { return static_cast<ItemKind>(meta() & item_meta::kKindMask); }
    ValueType type() const {
        return kind() == ItemKind::collection ? static_cast<ValueType>(stored_value()[0])
                                              : ValueType::string;
    }
    // The value a collection item owns (kind() == collection), else nullptr.
    Collection* collection() const {
        if (kind() != ItemKind::collection) return nullptr;
        Collection* c;
        std::memcpy(&c, stored_value().data() + 1, sizeof c);
        return c;
    }
    bool has_expiry() const { return expiry_form() != 0; }
    bool has_flags() const { return (meta() & item_meta::kHasFlags) != 0; }
    bool has_cas() const { return (meta() & item_meta::kHasCas) != 0; }

    // The 20-bit access field (access_clock.h).
    uint32_t access() const { return static_cast<uint32_t>(word40() >> 8) & kAccessMask; }
    void set_access(uint32_t value) {
        uint64_t w = word40();
        w = (w & ~(uint64_t{kAccessMask} << 8)) | (uint64_t{value & kAccessMask} << 8);
        std::memcpy(mutable_bytes(), &w, 5);
    }

    size_t key_size() const {
        switch (length_form()) {
            case item_meta::kLengthTiny:
                return (word40() >> 28) & 0x1F;
            case item_meta::kLengthShort:
                return bytes()[5];
            default:
                return load32(5);
        }
    }
    // Bytes stored for the value: for string_int the encoded integer, not its text.
    size_t stored_value_size() const {
        switch (length_form()) {
            case item_meta::kLengthTiny:
                return (word40() >> 33) & 0x7F;
            case item_meta::kLengthShort: {
                uint16_t v;
                std::memcpy(&v, bytes() + 6, sizeof v);
                return v;
            }
            default:
                return load32(9);
        }
    }
    std::string_view key() const {
        return {reinterpret_cast<const char*>(bytes()) + key_offset(), key_size()};
    }
    std::string_view stored_value() const {
        return {reinterpret_cast<const char*>(bytes()) + key_offset() + key_size(),
                stored_value_size()};
    }
    char* stored_value_data() {
        return reinterpret_cast<char*>(mutable_bytes()) + key_offset() + key_size();
    }

    int64_t expire_at_ms() const;  // 0 = none
    uint32_t flags() const { return has_flags() ? load32(flags_offset()) : 0; }
    uint64_t cas() const;  // 0 = none stored
    // In place; the item must already have the field, in the width the value needs.
    void set_cas(uint64_t cas);
    void set_expire_at_ms(int64_t expire_at_ms);
    // Whether set_expire_at_ms(e) can work in place.
    bool expiry_fits_in_place(int64_t expire_at_ms) const;

    // Bytes from the start of the block to the end of the value.
    size_t size() const { return key_offset() + key_size() + stored_value_size(); }

    // The value as text: a view of the stored bytes, or of `buffer` (kMaxDecimalLength
    // bytes at least) where the integer was formatted.
    std::string_view value_text(char* buffer) const;
    int64_t int_value() const;  // kind() == string_int only

    // Whether extend_value can grow the value by `extra` bytes without changing the
    // header's length form.
    bool can_extend_in_place(size_t extra) const {
        return length_form() == item_meta::kLengthLong && stored_value_size() + extra <= UINT32_MAX;
    }
    // Grows the stored value in place by `extra` bytes at the end (the block must already
    // be large enough, and can_extend_in_place true), returning where the new bytes go.
    char* extend_value(size_t extra);

  private:
    static constexpr uint32_t kAccessMask = (1u << kAccessBits) - 1;

    const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(this); }
    unsigned char* mutable_bytes() { return reinterpret_cast<unsigned char*>(this); }
    uint64_t word40() const {
        uint64_t w = 0;
        std::memcpy(&w, bytes(), 5);
        return w;
    }
    uint32_t load32(size_t offset) const {
        uint32_t v;
        std::memcpy(&v, bytes() + offset, sizeof v);
        return v;
    }
    uint8_t expiry_form() const {
        return (meta() & item_meta::kExpiryMask) >> item_meta::kExpiryShift;
    }
    uint8_t length_form() const { return meta() >> item_meta::kLengthShift; }
    size_t header_bytes() const {
        switch (length_form()) {
            case item_meta::kLengthTiny:
                return kTinyHeaderBytes;
            case item_meta::kLengthShort:
                return kShortHeaderBytes;
            default:
                return kLongHeaderBytes;
        }
    }
    size_t expiry_offset() const { return header_bytes(); }
    size_t expiry_bytes() const {
        switch (expiry_form()) {
            case 0:
                return 0;
            case item_meta::kExpiryShort:
                return kShortExpiryBytes;
            default:
                return kLongExpiryBytes;
        }
    }
    size_t flags_offset() const { return expiry_offset() + expiry_bytes(); }
    size_t cas_offset() const { return flags_offset() + (has_flags() ? kFlagsBytes : 0); }
    size_t key_offset() const { return cas_offset() + (has_cas() ? kCasBytes : 0); }

    unsigned char meta_;  // the first byte of the block; the rest follows it
};

// The block size build_item needs for spec.
size_t item_size(const ItemSpec& spec);
// Writes spec into block (item_size(spec) bytes) and returns it as an Item.
Item* build_item(void* block, const ItemSpec& spec);

// The kind and stored bytes for a string value: canonical decimal int64 text (the kind
// parse_redis_int64 accepts) becomes string_int in `scratch` (8 bytes), so reading it back
// gives the very same text; anything else stays as given.
struct EncodedValue {
    ItemKind kind;
    std::string_view bytes;
};
EncodedValue encode_string_value(std::string_view text, char* scratch);

// The value bytes of a collection item: `type` and the pointer, in `scratch`
// (kCollectionValueBytes). The item built from them owns `value`.
EncodedValue collection_value(ValueType type, const Collection* value, char* scratch);

}  // namespace larder::store
