// Holds the locks of every shard a multi-key operation touches, taken in ascending shard
// order so that two multi-key operations can never wait on each other in a cycle.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "store/shard.h"

namespace larder::store {

class ShardLockSet {
  public:
    // `indexes` may repeat and be in any order.
    ShardLockSet(Shard* shards, std::vector<size_t> indexes) : indexes_(std::move(indexes)) {
        std::sort(indexes_.begin(), indexes_.end());
        indexes_.erase(std::unique(indexes_.begin(), indexes_.end()), indexes_.end());
        locked_.reserve(indexes_.size());
        for (size_t i : indexes_) locked_.push_back(shards[i].lock());
    }

    // The held lock of shard `index`, which must be one of those passed in.
    Shard::Locked& at(size_t index) {
        const auto it = std::lower_bound(indexes_.begin(), indexes_.end(), index);
        return locked_[static_cast<size_t>(it - indexes_.begin())];
    }

    std::vector<Shard::Locked>& all() { return locked_; }

  private:
    std::vector<size_t> indexes_;
    std::vector<Shard::Locked> locked_;
};

}  // namespace larder::store
