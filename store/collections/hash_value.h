// A Redis hash: field -> value, both binary-safe. Small: one PackedList of field, value,
// field, value... in insertion order ("listpack"). Past hash-max-listpack-entries fields, or a
// field or value longer than hash-max-listpack-value, it converts for good to an
// open-addressing table of entries, each entry one block holding field and value
// ("hashtable"). Not thread-safe (collection.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "store/collections/collection.h"
#include "store/function_ref.h"

namespace larder::store {

class HashValue final : public Collection {
  public:
    HashValue();
    ~HashValue() override;

    size_t size() const override;
    std::string_view encoding() const override;
    size_t owned_bytes() const override;
    std::unique_ptr<Collection> clone() const override;

    // The field's value; the view is valid until the next change.
    std::optional<std::string_view> get(std::string_view field) const;
    // field = value; true if the field is new. May convert (see above).
    bool set(std::string_view field, std::string_view value, const CollectionLimits& limits);
    bool erase(std::string_view field);  // true if it was there

    // Every pair, in the encoding's order; stop early by returning false.
    void for_each(FunctionRef<bool(std::string_view field, std::string_view value)> fn) const;
    // One pair chosen at random, `random` supplying the randomness (HRANDFIELD). size() > 0.
    void random_entry(uint64_t random,
                      FunctionRef<void(std::string_view field, std::string_view value)> fn) const;
    // HSCAN: visits about `count` pairs from `cursor`, returns the next cursor (0 = done).
    // A pair present for the whole scan is visited at least once, even across a resize.
    // The small encoding visits everything at once and returns 0, as Redis does.
    uint64_t scan(uint64_t cursor, size_t count,
                  FunctionRef<void(std::string_view field, std::string_view value)> fn) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace larder::store
