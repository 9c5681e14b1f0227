// The store's 64-bit key hash. Its low bits pick the shard, so they must be as well mixed as
// the high ones. Not a defence against hash flooding by itself: each Store passes a random
// seed (Config::hash_seed), so colliding keys cannot be chosen from outside.
#pragma once

#include <cstdint>
#include <string_view>

namespace larder::store {

uint64_t hash_key(std::string_view key, uint64_t seed = 0);

}  // namespace larder::store
