#include "store/bucket_table.h"

#include <algorithm>
#include <cassert>
#include <initializer_list>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "store/alloc.h"

namespace larder::store {
namespace {

// Breadth-first search for a cuckoo path: at most this many slots are examined. Two levels
// (18 + 162) finds room in practice up to ~97% load; past that the table grows instead.
constexpr int kMaxSearchNodes = 180;

}  // namespace

BucketTable& BucketTable::operator=(BucketTable&& other) noexcept {
    if (this != &other) {
        release();
        base_ = std::exchange(other.base_, nullptr);
        buckets_ = std::exchange(other.buckets_, 0);
        size_ = std::exchange(other.size_, 0);
        allocated_bytes_ = std::exchange(other.allocated_bytes_, 0);
        released_bytes_ = std::exchange(other.released_bytes_, 0);
        faulted_bytes_ = std::exchange(other.faulted_bytes_, 0);
    }
    return *this;
}

size_t BucketTable::bytes_for(uint32_t buckets) {
    if (buckets == 0) return 0;
    return table_block_size(size_t{buckets} * kBucketBytes);
}

void BucketTable::allocate(uint32_t buckets) {
    assert(size_ == 0);
    release();
    if (buckets == 0) return;
    const size_t bytes = size_t{buckets} * kBucketBytes;
    base_ = static_cast<unsigned char*>(alloc_table_block(bytes));
    buckets_ = buckets;
    allocated_bytes_ = table_block_size(bytes);
}

void BucketTable::release() {
    free_table_block(base_, size_t{buckets_} * kBucketBytes);
    base_ = nullptr;
    buckets_ = 0;
    size_ = 0;
    allocated_bytes_ = 0;
    released_bytes_ = 0;
    faulted_bytes_ = 0;
}

bool BucketTable::fault_in_some() {
    // 8 pages a call: 8 page faults, ~10 us on a quiet machine.
    constexpr size_t kChunk = 8 * 4096;
    const size_t bytes = size_t{buckets_} * kBucketBytes;
    if (bytes < kTablePagesFrom) return true;  // malloc'd and zeroed: already resident
    const size_t upto = std::min(bytes, faulted_bytes_ + kChunk);
    // A write faults the page in; byte 63 of a bucket is unused, so writing 0 there
    // changes nothing.
    for (size_t at = faulted_bytes_; at < upto; at += 4096) base_[at + kBucketBytes - 1] = 0;
    faulted_bytes_ = upto;
    return faulted_bytes_ == bytes;
}

void BucketTable::release_drained(uint32_t end) {
    // 64 KiB at a time: few enough system calls, small enough that each is quick.
    constexpr size_t kChunk = 64 * 1024;
    const size_t bytes = size_t{buckets_} * kBucketBytes;
    if (bytes < kTablePagesFrom) return;
    const size_t upto = size_t{end} * kBucketBytes / kChunk * kChunk;
    if (upto <= released_bytes_) return;
    release_table_pages(base_, bytes, released_bytes_, upto);
    allocated_bytes_ -= upto - released_bytes_;
    released_bytes_ = upto;
}

uint32_t BucketTable::other_bucket(uint32_t b, uint8_t tag, bool in_second) const {
    if (buckets_ < 2) return b;
    // An offset in [1, buckets-1] from the tag alone, so the two buckets always differ.
    const uint32_t spread = tag * 0x9E3779B1u;
    const auto offset = 1 + static_cast<uint32_t>((uint64_t{spread} * (buckets_ - 1)) >> 32);
    if (!in_second) {
        const uint32_t second = b + offset;
        return second >= buckets_ ? second - buckets_ : second;
    }
    return b >= offset ? b - offset : b + buckets_ - offset;
}

uint32_t BucketTable::match(uint32_t b, uint8_t tag) const {
    const unsigned char* p = bucket(b);
#if defined(__SSE2__)
    // Bytes 48-63 hold the last slot word's tail and the nine tags (at positions 6-14).
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(p + 48));
    const __m128i eq = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(tag)));
    return (static_cast<uint32_t>(_mm_movemask_epi8(eq)) >> 6) & kAllSlots;
#else
    uint32_t mask = 0;
    for (int i = 0; i < kSlots; ++i) {
        if (p[kTagOffset + i] == tag) mask |= 1u << i;
    }
    return mask;
#endif
}

int BucketTable::first_free(uint32_t b) const {
    const uint32_t free = match(b, 0);
    return free == 0 ? -1 : __builtin_ctz(free);
}

void BucketTable::set_word(Slot s, uint64_t value) {
    unsigned char* p = bucket(s.bucket) + 6 * s.index;
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    // The top two bytes belong to the next slot word or to the tags; keep them.
    w = (w & ~kWordMask) | (value & kWordMask);
    std::memcpy(p, &w, sizeof w);
}

Item* BucketTable::find(std::string_view key, uint64_t hash, Slot& where) const {
    if (buckets_ == 0) return nullptr;
    const uint8_t tag = tag_of(hash);
    const uint32_t b1 = first_bucket(hash);
    const uint32_t b2 = other_bucket(b1, tag, false);
    prefetch(b2);
    for (uint32_t b : {b1, b2}) {
        for (uint32_t m = match(b, tag); m != 0; m &= m - 1) {
            const Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
            Item* item = item_at(s);
            if (item->key() == key) {
                where = s;
                return item;
            }
        }
        if (b2 == b1) break;
    }
    return nullptr;
}

bool BucketTable::make_room(uint64_t hash, Slot& slot, bool& in_second) {
    if (buckets_ == 0) return false;
    const uint8_t tag = tag_of(hash);
    const uint32_t b1 = first_bucket(hash);
    const uint32_t b2 = other_bucket(b1, tag, false);
    const int f1 = first_free(b1);
    const int f2 = b2 == b1 ? -1 : first_free(b2);
    if (f1 >= 0 || f2 >= 0) {
        // Of two open buckets take the emptier, which keeps fill even and defers the day
        // both of some key's buckets are full.
        bool second = f1 < 0;
        if (f1 >= 0 && f2 >= 0) {
            second = __builtin_popcount(match(b2, 0)) > __builtin_popcount(match(b1, 0));
        }
        slot = second ? Slot{b2, static_cast<uint32_t>(f2)} : Slot{b1, static_cast<uint32_t>(f1)};
        in_second = second;
        return true;
    }
    if (b2 == b1) return false;

    // Both full: breadth-first over "move this item to its other bucket", so the path that
    // frees a slot in b1 or b2 is the shortest one. Each node is one occupied slot.
    struct Node {
        Slot slot;
        int parent;
    };
    Node nodes[kMaxSearchNodes];
    int count = 0;
    for (uint32_t b : {b1, b2}) {
        for (uint32_t i = 0; i < kSlots; ++i) nodes[count++] = Node{{b, i}, -1};
    }
    for (int head = 0; head < count; ++head) {
        const Slot from = nodes[head].slot;
        const uint32_t to = other_bucket(from.bucket, tag_at(from), in_second_at(from));
        const int free = first_free(to);
        if (free >= 0) {
            // Walk the path back: each item moves into the slot its child just vacated.
            Slot hole{to, static_cast<uint32_t>(free)};
            for (int n = head; n >= 0; n = nodes[n].parent) {
                const Slot src = nodes[n].slot;
                const uint64_t w = word(src);
                set_word(hole, w ^ kSecondBit);  // it now sits in its other bucket
                set_tag(hole, tag_at(src));
                set_tag(src, 0);
                set_word(src, 0);
                hole = src;
            }
            slot = hole;
            in_second = hole.bucket == b2;
            return true;
        }
        for (uint32_t i = 0; i < kSlots && count < kMaxSearchNodes; ++i) {
            // A slot already on this path would be moved twice; skip it.
            bool on_path = false;
            for (int n = head; n >= 0 && !on_path; n = nodes[n].parent) {
                on_path = nodes[n].slot.bucket == to && nodes[n].slot.index == i;
            }
            if (!on_path) nodes[count++] = Node{{to, i}, head};
        }
    }
    return false;
}

void BucketTable::fill(Slot slot, Item* item, uint8_t tag, bool in_second, bool has_expiry) {
    assert(!occupied(slot));
    const auto ptr = reinterpret_cast<uint64_t>(item);
    assert((ptr & ~kPointerMask) == 0);
    set_word(slot, ptr | (in_second ? kSecondBit : 0) | (has_expiry ? kExpiryBit : 0));
    set_tag(slot, tag);
    ++size_;
}

bool BucketTable::insert(Item* item, uint64_t hash, bool has_expiry) {
    Slot slot;
    bool in_second = false;
    if (!make_room(hash, slot, in_second)) return false;
    fill(slot, item, tag_of(hash), in_second, has_expiry);
    return true;
}

void BucketTable::clear(Slot slot) {
    assert(occupied(slot));
    set_word(slot, 0);
    set_tag(slot, 0);
    --size_;
}

void BucketTable::replace(Slot s, Item* item, bool has_expiry) {
    const auto ptr = reinterpret_cast<uint64_t>(item);
    assert((ptr & ~kPointerMask) == 0);
    set_word(s, ptr | (word(s) & kSecondBit) | (has_expiry ? kExpiryBit : 0));
}

}  // namespace larder::store
