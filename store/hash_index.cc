#include "store/hash_index.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "store/alloc.h"
#include "store/hash.h"

namespace larder::store {

namespace {

// Table sizes: below a page only 1 or 8 buckets, so that across all shards just two small
// size classes ever hold freed tables (each distinct size would leave its own cache of
// freed blocks in malloc); from a page up, whole pages (see alloc.h), so no part of a page
// is wasted.
constexpr uint32_t kBucketsPerPage = 4096 / BucketTable::kBucketBytes;

uint32_t round_up_size(uint32_t buckets) {
    if (buckets <= 1) return 1;
    if (buckets <= 8) return 8;
    return (buckets + kBucketsPerPage - 1) / kBucketsPerPage * kBucketsPerPage;
}

}  // namespace

uint32_t HashIndex::growth_buckets(uint32_t random) const {
    // A step of 1.15x to 1.3x: small steps keep the table full on average (the resize-time
    // copy costs a few moves per key, which prefetching makes cheap), and the jitter
    // spreads the shards' resize points, so total memory grows smoothly.
    const double factor = 1.15 + 0.15 * (random / 4294967296.0);
    const double wanted =
        static_cast<double>(current_.size() + 1) * factor / (kMaxLoad * BucketTable::kSlots);
    const uint32_t now = current_.buckets();
    if (wanted < kBucketsPerPage)
        return round_up_size(std::max<uint32_t>(now + 1, static_cast<uint32_t>(std::ceil(wanted))));
    // Paged tables grow by whole pages, to the nearest page (rounding up every time would
    // make a 7-page table grow by at least 2 pages, 28%), but by one page at least.
    const auto pages = static_cast<uint32_t>(std::lround(wanted / kBucketsPerPage));
    return std::max(pages * kBucketsPerPage, round_up_size(now + 1));
}

uint32_t HashIndex::shrink_buckets() const {
    const double wanted =
        std::ceil(static_cast<double>(current_.size()) / (kLoadAfterShrink * BucketTable::kSlots));
    return round_up_size(std::max<uint32_t>(1, static_cast<uint32_t>(wanted)));
}

void HashIndex::start_resize(uint32_t buckets) {
    assert(!resizing());
    if (current_.size() == 0) {
        // Nothing to move: swap in the new table at once.
        current_.release();
        current_.allocate(buckets);
        return;
    }
    old_ = std::move(current_);
    current_.allocate(buckets);
    migrate_next_ = 0;
}

void HashIndex::prefetch_items(uint32_t b) const {
    if (b >= old_.buckets()) return;
    for (uint32_t m = old_.occupied_mask(b); m != 0; m &= m - 1) {
        __builtin_prefetch(old_.item_at({b, static_cast<uint32_t>(__builtin_ctz(m))}));
    }
}

void HashIndex::move_bucket(uint32_t b) {
    // Each move reads the item (for its key's hash) and writes a bucket of the new table,
    // both likely cache misses in a big store. The caller prefetched this bucket's items a
    // bucket ago; here all hashes are computed and all destination buckets prefetched
    // before the first insert, so the misses overlap instead of queueing.
    prefetch_items(b + 1);
    const uint32_t mask = old_.occupied_mask(b);
    uint64_t hashes[BucketTable::kSlots];
    for (uint32_t m = mask; m != 0; m &= m - 1) {
        const uint32_t i = static_cast<uint32_t>(__builtin_ctz(m));
        hashes[i] = hash_key(old_.item_at({b, i})->key(), seed_);
        current_.prefetch_candidates(hashes[i]);
    }
    for (uint32_t m = mask; m != 0; m &= m - 1) {
        const BucketTable::Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
        if (!current_.insert(old_.item_at(s), hashes[s.index], old_.has_expiry_at(s))) {
            // See rebuild_now: moves everything, including this bucket's rest.
            rebuild_now(static_cast<uint32_t>(
                std::ceil(static_cast<double>(size()) * 1.5 / (kMaxLoad * BucketTable::kSlots))));
            return;
        }
        old_.clear(s);
    }
}

void HashIndex::finish_if_done() {
    if (old_.buckets() != 0 && (old_.size() == 0 || migrate_next_ >= old_.buckets())) {
        assert(old_.size() == 0);
        old_.release();
        migrate_next_ = 0;
    }
}

void HashIndex::migrate(size_t buckets) {
    // First page in the new table (new keys already go there); moving old buckets into
    // pages not yet resident would cost a page fault per item moved.
    if (resizing() && !current_.fault_in_some()) return;
    prefetch_items(migrate_next_);
    for (size_t i = 0; i < buckets && resizing(); ++i) {
        move_bucket(migrate_next_++);
        finish_if_done();
    }
    if (resizing()) old_.release_drained(migrate_next_);
}

bool HashIndex::make_room(uint64_t hash, Position& where, bool& in_second) {
    where.table = &current_;
    return current_.make_room(hash, where.slot, in_second);
}

void HashIndex::erase(Position where) {
    where.table->clear(where.slot);
    if (where.table == &old_) finish_if_done();
}

void HashIndex::rebuild_now(uint32_t buckets) {
    BucketTable fresh;
    for (;;) {
        fresh.allocate(buckets);
        bool ok = true;
        for (BucketTable* t : {&current_, &old_}) {
            for (uint32_t b = 0; b < t->buckets() && ok; ++b) {
                for (uint32_t m = t->occupied_mask(b); m != 0 && ok; m &= m - 1) {
                    const BucketTable::Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
                    Item* item = t->item_at(s);
                    ok = fresh.insert(item, hash_key(item->key(), seed_), t->has_expiry_at(s));
                }
            }
        }
        if (ok) break;
        // Items are still in the old tables; drop the partial copy and try bigger.
        while (fresh.size() != 0) {
            for (uint32_t b = 0; b < fresh.buckets(); ++b) {
                for (uint32_t m = fresh.occupied_mask(b); m != 0; m &= m - 1) {
                    fresh.clear({b, static_cast<uint32_t>(__builtin_ctz(m))});
                }
            }
        }
        fresh.release();
        buckets = buckets + buckets / 2 + 1;
    }
    // Every item now lives in `fresh`; empty the old tables' slots before releasing them.
    for (BucketTable* t : {&current_, &old_}) {
        for (uint32_t b = 0; b < t->buckets(); ++b) {
            for (uint32_t m = t->occupied_mask(b); m != 0; m &= m - 1) {
                t->clear({b, static_cast<uint32_t>(__builtin_ctz(m))});
            }
        }
        t->release();
    }
    current_ = std::move(fresh);
    migrate_next_ = 0;
}

}  // namespace larder::store
