// A Redis sorted set: members (binary-safe, unique) ordered by (score, member bytes).
// Small: one PackedList of member, score-text pairs in that order ("listpack"), while at
// most zset-max-listpack-entries members of at most zset-max-listpack-value bytes. Otherwise
// a member -> entry table plus an ordered structure with rank (a B+tree with subtree counts
// or a skiplist with spans), reporting "skiplist". Scores are doubles, never NaN (callers
// refuse NaN). Ranks are 0-based in ascending order. Not thread-safe (collection.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "store/collections/collection.h"
#include "store/function_ref.h"

namespace larder::store {

class ZSetValue final : public Collection {
  public:
    ZSetValue();
    ~ZSetValue() override;

    size_t size() const override;
    std::string_view encoding() const override;
    size_t owned_bytes() const override;
    std::unique_ptr<Collection> clone() const override;

    std::optional<double> score(std::string_view member) const;
    // Inserts or moves member to `score`; true if the member is new.
    bool set(std::string_view member, double score, const CollectionLimits& limits);
    bool erase(std::string_view member);  // true if it was there
    std::optional<size_t> rank(std::string_view member) const;

    // The rank of the first element whose score is >= score, or > score when `exclusive`
    // (so size() when there is none): ZRANGEBYSCORE and ZCOUNT bounds.
    size_t lower_bound_score(double score, bool exclusive) const;
    // The same by member bytes, for BYLEX (meaningful when all scores are equal).
    size_t lower_bound_lex(std::string_view member, bool exclusive) const;

    // Visits ranks first..last inclusive (first <= last < size()) in ascending order, or
    // from last down to first when `reverse`; stop early by returning false.
    void range(size_t first, size_t last, bool reverse,
               FunctionRef<bool(std::string_view member, double score)> fn) const;
    // One element chosen at random (ZRANDMEMBER); size() > 0.
    void random_entry(uint64_t random,
                      FunctionRef<void(std::string_view member, double score)> fn) const;
    // ZSCAN; same contract as HashValue::scan.
    uint64_t scan(uint64_t cursor, size_t count,
                  FunctionRef<void(std::string_view member, double score)> fn) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace larder::store
