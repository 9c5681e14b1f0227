// A Redis set of binary-safe members. Encodings, converted at Redis 7.2's thresholds:
// "intset" (a sorted array of integers in the narrowest width, 2/4/8 bytes) while every
// member is a canonical int64 and there are at most set-max-intset-entries; "listpack" (one
// PackedList) while at most set-max-listpack-entries members of at most
// set-max-listpack-value bytes; otherwise "hashtable" (an open-addressing table of entries,
// one block per member). Conversions go one way, as in Redis. Integer members are read back
// as their canonical decimal text. Not thread-safe (collection.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/collections/collection.h"
#include "store/function_ref.h"

namespace larder::store {

class SetValue final : public Collection {
  public:
    SetValue();
    ~SetValue() override;

    size_t size() const override;
    std::string_view encoding() const override;
    size_t owned_bytes() const override;
    std::unique_ptr<Collection> clone() const override;

    bool contains(std::string_view member) const;
    bool add(std::string_view member, const CollectionLimits& limits);  // true if new
    bool erase(std::string_view member);                                // true if it was there

    // Every member (views valid only during the call); stop early by returning false.
    void for_each(FunctionRef<bool(std::string_view member)> fn) const;
    // One member chosen at random (SRANDMEMBER); size() > 0.
    void random_member(uint64_t random, FunctionRef<void(std::string_view member)> fn) const;
    // Removes and returns a member chosen at random (SPOP); size() > 0.
    std::string pop_random(uint64_t random);
    // SSCAN; same contract as HashValue::scan.
    uint64_t scan(uint64_t cursor, size_t count,
                  FunctionRef<void(std::string_view member)> fn) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace larder::store
