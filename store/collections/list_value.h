// A Redis list of binary-safe entries. Small: one PackedList ("listpack", Redis 7.2's name)
// while within list-max-listpack-size; past it, a chain of PackedList nodes each within
// that cap ("quicklist"), converting back to one node when the list shrinks to half the cap,
// as Redis 7.2 does. Indexes are 0-based from the head; callers turn negative Redis indexes
// into these. Not thread-safe (collection.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/collections/collection.h"
#include "store/function_ref.h"

namespace larder::store {

class ListValue final : public Collection {
  public:
    ListValue();
    ~ListValue() override;

    size_t size() const override;
    std::string_view encoding() const override;
    size_t owned_bytes() const override;
    std::unique_ptr<Collection> clone() const override;

    void push_front(std::string_view value, const CollectionLimits& limits);
    void push_back(std::string_view value, const CollectionLimits& limits);
    std::optional<std::string> pop_front(const CollectionLimits& limits);
    std::optional<std::string> pop_back(const CollectionLimits& limits);

    // The entry at index (< size()); the view is valid until the next change.
    std::string_view at(size_t index) const;
    void set(size_t index, std::string_view value, const CollectionLimits& limits);
    // LINSERT: puts value before (or after) the first entry equal to pivot; false if none.
    bool insert_at_pivot(std::string_view pivot, std::string_view value, bool after,
                         const CollectionLimits& limits);
    // LREM: removes entries equal to value, `count` > 0 from the head, < 0 from the tail,
    // 0 all of them; returns how many.
    size_t remove(std::string_view value, int64_t count, const CollectionLimits& limits);
    // LTRIM: keeps first..last inclusive (first <= last < size()).
    void trim(size_t first, size_t last, const CollectionLimits& limits);
    // Visits first..last inclusive (first <= last < size()) in order, or last down to first
    // when `reverse`; stop early by returning false. Views valid only during the call.
    void range(size_t first, size_t last, bool reverse,
               FunctionRef<bool(size_t index, std::string_view value)> fn) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace larder::store
