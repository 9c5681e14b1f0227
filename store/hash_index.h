// A shard's key → item index: a BucketTable that grows and shrinks by incremental rehash.
// While a resize runs there are two tables; each operation moves a couple of buckets from
// the old one to the new, so no operation pays for a whole resize. Sizes grow in steps of
// 1.15x-1.3x (not doublings) with some randomness, so tables stay 75-97% full and the
// shards of one store do not all resize at the same moment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "store/bucket_table.h"
#include "store/item.h"

namespace larder::store {

class HashIndex {
  public:
    // Where an item sits: which table, which slot. Valid until the index next changes.
    struct Position {
        BucketTable* table = nullptr;
        BucketTable::Slot slot{};
    };

    // The bounded cuckoo search first fails at 98-99% load; stop short of that.
    static constexpr double kMaxLoad = 0.97;
    static constexpr double kShrinkBelow = 0.2;
    static constexpr double kLoadAfterShrink = 0.6;
    // Buckets an operation moves while a resize runs: a sixteenth of the old table, so a
    // small table's resize ends within ~16 operations on the shard (two tables are
    // allocated only that long), but 8 to 16 buckets (72 to 144 items: each move is about
    // two cache misses, so a step stays well under 100 us even when nothing is cached).
    static constexpr size_t kMigrateMinBuckets = 8;
    static constexpr size_t kMigrateMaxBuckets = 16;
    size_t migrate_step() const {
        const size_t sixteenth = old_.buckets() / 16;
        return sixteenth < kMigrateMinBuckets   ? kMigrateMinBuckets
               : sixteenth > kMigrateMaxBuckets ? kMigrateMaxBuckets
                                                : sixteenth;
    }

    Item* find(std::string_view key, uint64_t hash, Position& where) {
        if (Item* item = current_.find(key, hash, where.slot)) {
            where.table = &current_;
            return item;
        }
        if (old_.buckets() != 0) {
            if (Item* item = old_.find(key, hash, where.slot)) {
                where.table = &old_;
                return item;
            }
        }
        return nullptr;
    }

    size_t size() const { return current_.size() + old_.size(); }
    size_t allocated_bytes() const { return current_.allocated_bytes() + old_.allocated_bytes(); }
    bool resizing() const { return old_.buckets() != 0; }
    size_t capacity() const { return current_.capacity(); }

    // Whether one more key would push the current table past kMaxLoad (and no resize runs).
    bool wants_growth() const {
        return !resizing() &&
               static_cast<double>(current_.size() + 1) > kMaxLoad * current_.capacity();
    }
    // The bucket count a growth would pick, given a random 32-bit number for the step.
    uint32_t growth_buckets(uint32_t random) const;
    bool wants_shrink() const {
        return !resizing() && current_.buckets() > 1 &&
               static_cast<double>(current_.size()) < kShrinkBelow * current_.capacity();
    }
    uint32_t shrink_buckets() const;

    // Starts moving everything into a new table of `buckets` buckets (no resize may be
    // running). The caller has checked the memory limit with BucketTable::bytes_for.
    void start_resize(uint32_t buckets);
    // Moves up to `buckets` old buckets into the current table.
    void migrate(size_t buckets);

    // A free slot in the current table for a key with this hash, or false.
    bool make_room(uint64_t hash, Position& where, bool& in_second);
    void fill(Position where, Item* item, uint64_t hash, bool in_second, bool has_expiry) {
        where.table->fill(where.slot, item, BucketTable::tag_of(hash), in_second, has_expiry);
    }
    void erase(Position where);
    void replace(Position where, Item* item, bool has_expiry) {
        where.table->replace(where.slot, item, has_expiry);
    }

    // Rebuilds everything into one table right now. Only for the case the bounded search
    // cannot handle (a key whose two buckets and their neighbours are all full while a
    // resize still runs), which needs a pathological hash distribution.
    void rebuild_now(uint32_t buckets);

    // The seed the store hashes keys with; moves between tables rehash with it.
    void set_hash_seed(uint64_t seed) { seed_ = seed; }

    // Drops both tables; the caller has freed (or is about to free) every item.
    void release() {
        current_.release();
        old_.release();
        migrate_next_ = 0;
    }

    // Every bucket of both tables, numbered 0..total_buckets()-1, for sampling and scans.
    uint32_t total_buckets() const { return current_.buckets() + old_.buckets(); }
    BucketTable& table_for(uint32_t& bucket) {
        if (bucket < current_.buckets()) return current_;
        bucket -= current_.buckets();
        return old_;
    }

    // Calls fn(Item*, has_expiry) for each item in the two buckets of the current table
    // where a key with this hash may go.
    template <class Fn>
    void for_each_candidate(uint64_t hash, Fn&& fn) {
        if (current_.buckets() == 0) return;
        const uint32_t b1 = current_.first_bucket(hash);
        const uint32_t b2 = current_.other_bucket(b1, BucketTable::tag_of(hash), false);
        for (uint32_t b : {b1, b2}) {
            for (uint32_t m = current_.occupied_mask(b); m != 0; m &= m - 1) {
                const BucketTable::Slot s{b, static_cast<uint32_t>(__builtin_ctz(m))};
                fn(current_.item_at(s), current_.has_expiry_at(s));
            }
            if (b2 == b1) break;
        }
    }

    // Calls fn(Item*) for every item (for flush).
    template <class Fn>
    void for_each(Fn&& fn) {
        for (BucketTable* t : {&current_, &old_}) {
            for (uint32_t b = 0; b < t->buckets(); ++b) {
                for (uint32_t m = t->occupied_mask(b); m != 0; m &= m - 1) {
                    fn(t->item_at({b, static_cast<uint32_t>(__builtin_ctz(m))}));
                }
            }
        }
    }

    // Calls fn(Item*) for every item whose hash's high 32 bits are in [from, to) (to <=
    // 2^32), in both tables, and possibly for some just outside that range (the caller
    // filters by the exact hash). Items moving between buckets or tables cannot escape it.
    template <class Fn>
    void for_each_in_hash_range(uint64_t from, uint64_t to, Fn&& fn) const {
        for (const BucketTable* t : {&current_, &old_}) {
            if (t->buckets() == 0 || from >= to) continue;
            const uint32_t lo = t->first_bucket(from << 32);
            const uint32_t hi = t->first_bucket((to - 1) << 32);
            t->for_each_homed_in(lo, hi, fn);
        }
    }

  private:
    void prefetch_items(uint32_t old_bucket) const;
    void move_bucket(uint32_t b);
    void finish_if_done();

    BucketTable current_;
    BucketTable old_;
    uint32_t migrate_next_ = 0;  // next old bucket to move
    uint64_t seed_ = 0;
};

}  // namespace larder::store
