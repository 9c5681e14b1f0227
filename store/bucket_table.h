// One array of 64-byte buckets holding item pointers: the unit the shard's HashIndex
// grows and shrinks. Each key has two candidate buckets (cuckoo hashing), so a lookup reads
// at most two cache lines, and each slot carries an 8-bit tag from the key's hash, so a
// lookup compares keys (touching an item) only where a tag matches: a miss reads an item
// about once in 30 tries.
//
// Bucket layout (64 bytes, one cache line):
//   bytes  0-53  nine 6-byte slot words: bits 0-47 hold the item pointer, whose low three
//                bits are free (items are 8-byte aligned) and carry: bit 0 "in second
//                bucket", bit 1 "item has an expiry"
//   bytes 54-62  nine tags; 0 = empty slot
//   byte  63     unused
//
// The second bucket is the first plus an offset derived from the tag alone (partial-key
// cuckoo hashing), so moving an item between its buckets never needs its key or hash.
// Bucket counts need not be powers of two, which lets tables grow in small steps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "store/item.h"

namespace larder::store {

class BucketTable {
  public:
    static constexpr int kSlots = 9;
    static constexpr size_t kBucketBytes = 64;

    struct Slot {
        uint32_t bucket = 0;
        uint32_t index = 0;
    };

    BucketTable() = default;
    BucketTable(const BucketTable&) = delete;
    BucketTable& operator=(const BucketTable&) = delete;
    BucketTable(BucketTable&& other) noexcept { *this = std::move(other); }
    BucketTable& operator=(BucketTable&& other) noexcept;
    ~BucketTable() { release(); }

    // Replaces whatever was held (which must be empty) with `buckets` empty buckets.
    void allocate(uint32_t buckets);
    void release();

    uint32_t buckets() const { return buckets_; }
    size_t capacity() const { return size_t{buckets_} * kSlots; }
    size_t size() const { return size_; }
    // The allocator's real size of the bucket array (0 when there is none).
    size_t allocated_bytes() const { return allocated_bytes_; }
    // The real size an array of `buckets` buckets would take.
    static size_t bytes_for(uint32_t buckets);
    // Gives back the memory of buckets [0, end) that are known empty (a resize has moved
    // them out), in chunks, so a big old table shrinks as it drains rather than all at
    // once when the resize ends. Those buckets read as empty afterwards.
    void release_drained(uint32_t end);
    // Faults in the next pages of a paged table (a bounded chunk per call), so a resize's
    // moves later land on resident pages instead of each paying a page fault. Returns true
    // once every page has been touched.
    bool fault_in_some();

    static uint8_t tag_of(uint64_t hash) {
        const auto t = static_cast<uint8_t>(hash >> 24);
        return t == 0 ? 1 : t;
    }
    uint32_t first_bucket(uint64_t hash) const {
        return static_cast<uint32_t>(((hash >> 32) * buckets_) >> 32);
    }
    // Where an item with `tag` goes when it is not in `bucket`; `in_second` says whether
    // it is in its second bucket now.
    uint32_t other_bucket(uint32_t bucket, uint8_t tag, bool in_second) const;

    // The item for key, or nullptr. `hash` is the key's hash (Store::hash_of).
    Item* find(std::string_view key, uint64_t hash, Slot& where) const;

    // Finds a free slot for a key with this hash, moving other items between their two
    // buckets if both of the key's are full (a bounded breadth-first search). False if the
    // search found no room; the table is then unchanged.
    bool make_room(uint64_t hash, Slot& slot, bool& in_second);
    void fill(Slot slot, Item* item, uint8_t tag, bool in_second, bool has_expiry);
    // Inserts an item known to be absent; false if there was no room.
    bool insert(Item* item, uint64_t hash, bool has_expiry);
    void clear(Slot slot);

    bool occupied(Slot s) const { return tag_at(s) != 0; }
    uint8_t tag_at(Slot s) const { return bucket(s.bucket)[kTagOffset + s.index]; }
    Item* item_at(Slot s) const { return reinterpret_cast<Item*>(word(s) & kPointerMask); }
    bool has_expiry_at(Slot s) const { return (word(s) & kExpiryBit) != 0; }
    bool in_second_at(Slot s) const { return (word(s) & kSecondBit) != 0; }
    // Points the slot at a new block for the same key (after a reallocation).
    void replace(Slot s, Item* item, bool has_expiry);
    // Bitmask of occupied slots in a bucket.
    uint32_t occupied_mask(uint32_t b) const { return ~match(b, 0) & kAllSlots; }
    void prefetch(uint32_t b) const { __builtin_prefetch(bucket(b)); }
    // Prefetches both buckets a key with this hash may go to.
    void prefetch_candidates(uint64_t hash) const {
        if (buckets_ == 0) return;
        const uint32_t b1 = first_bucket(hash);
        prefetch(b1);
        prefetch(other_bucket(b1, tag_of(hash), false));
    }

    // Calls fn(Item*) for every item whose first bucket is in [lo, hi] (lo <= hi <
    // buckets()), wherever it sits now: in that bucket, or in its second one. Since
    // first_bucket() is monotonic in the hash, this is every item of a range of hashes,
    // however items moved between their buckets (SCAN relies on it).
    template <class Fn>
    void for_each_homed_in(uint32_t lo, uint32_t hi, Fn&& fn) const {
        const uint64_t span = uint64_t{hi} - lo + 1;
        if (span * 256 >= buckets_) {
            // Wide range: one pass over the table, checking each item's home.
            for (uint32_t b = 0; b < buckets_; ++b) {
                for (uint32_t m = occupied_mask(b); m != 0; m &= m - 1) {
                    const Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
                    const uint32_t home = in_second_at(s) ? other_bucket(b, tag_at(s), true) : b;
                    if (home >= lo && home <= hi) fn(item_at(s));
                }
            }
            return;
        }
        for (uint32_t b = lo; b <= hi; ++b) {
            for (uint32_t m = occupied_mask(b); m != 0; m &= m - 1) {
                const Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
                if (!in_second_at(s)) fn(item_at(s));
            }
        }
        // An item in its second bucket sits at first + offset(tag): probe each tag's place.
        for (unsigned tag = 1; tag <= 255; ++tag) {
            for (uint32_t b = lo; b <= hi; ++b) {
                const uint32_t second = other_bucket(b, static_cast<uint8_t>(tag), false);
                if (second == b) continue;
                for (uint32_t m = match(second, static_cast<uint8_t>(tag)); m != 0; m &= m - 1) {
                    const Slot s{second, static_cast<uint32_t>(__builtin_ctz(m))};
                    if (in_second_at(s)) fn(item_at(s));
                }
            }
        }
    }

  private:
    static constexpr size_t kTagOffset = 54;
    static constexpr uint64_t kWordMask = (uint64_t{1} << 48) - 1;
    static constexpr uint64_t kPointerMask = kWordMask & ~uint64_t{7};
    static constexpr uint64_t kSecondBit = 1;
    static constexpr uint64_t kExpiryBit = 2;
    static constexpr uint32_t kAllSlots = (1u << kSlots) - 1;

    unsigned char* bucket(uint32_t b) const { return base_ + size_t{b} * kBucketBytes; }
    uint64_t word(Slot s) const {
        uint64_t w;
        std::memcpy(&w, bucket(s.bucket) + 6 * s.index, sizeof w);
        return w & kWordMask;
    }
    void set_word(Slot s, uint64_t value);
    void set_tag(Slot s, uint8_t tag) { bucket(s.bucket)[kTagOffset + s.index] = tag; }
    // Bitmask of the slots of bucket b whose tag equals `tag`.
    uint32_t match(uint32_t b, uint8_t tag) const;
    int first_free(uint32_t b) const;

    unsigned char* base_ = nullptr;
    uint32_t buckets_ = 0;
    size_t size_ = 0;
    size_t allocated_bytes_ = 0;
    size_t released_bytes_ = 0;  // prefix already given back by release_drained
    size_t faulted_bytes_ = 0;   // prefix already touched by fault_in_some
};

}  // namespace larder::store
