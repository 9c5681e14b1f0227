// The two per-item bits of memcached's recache protocol that the store does not keep yet:
// "stale" (set by md I and ms I) and "a client has won the recache" (W sent after N, R or a
// stale read; later readers see Z). Each entry belongs to one version of an item, named by
// its CAS: any write gives the item a new CAS and so retires the entry, just as a write
// clears these bits in memcached. Entries exist only for items that a meta command marked,
// so the table stays small; it is bounded anyway. When the compact item header gains flag
// bits (issue 3), these move into the item and this table goes away.
//
// Thread-safe. A meta command that reads or changes these bits holds its key's stripe for
// the whole command (store calls included), so two clients racing for a recache win are
// serialised and exactly one sees W.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace larder::server::memcache_ops {

struct MetaBits {
    bool stale = false;
    bool win_sent = false;
};

class MetaStateTable {
    struct Entry {
        uint64_t cas = 0;
        MetaBits bits;
    };
    // Looks keys up by view, without building a std::string per lookup.
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
    };
    struct Stripe {
        std::mutex mutex;
        std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries;
    };

  public:
    // Holds one key's stripe until destroyed.
    class Locked {
      public:
        // The bits of the item version `cas`; none for any other version.
        MetaBits get(uint64_t cas) const;
        // Records the bits of version `cas` (replacing any other version's).
        void put(uint64_t cas, MetaBits bits);
        // Forgets the key (deleted, or rewritten without the bits).
        void erase();

      private:
        friend class MetaStateTable;
        Locked(MetaStateTable& table, Stripe& stripe, std::string_view key)
            : table_(table), stripe_(stripe), lock_(stripe.mutex), key_(key) {}

        MetaStateTable& table_;
        Stripe& stripe_;
        std::unique_lock<std::mutex> lock_;
        std::string_view key_;
    };

    Locked lock(std::string_view key);
    // False only when no item carries any bit: commands that would merely read the bits may
    // then skip the lock. An entry added after this returned false belongs to a command that
    // finished later, so missing it is a valid ordering.
    bool may_hold_entries() const { return size_.load(std::memory_order_acquire) != 0; }

  private:
    static constexpr size_t kStripes = 64;
    // Per stripe. Beyond it an arbitrary entry is dropped: its item merely loses its marks,
    // which memcached also does when it evicts the item.
    static constexpr size_t kMaxEntriesPerStripe = 4096;

    std::array<Stripe, kStripes> stripes_;
    std::atomic<size_t> size_{0};
};

}  // namespace larder::server::memcache_ops
