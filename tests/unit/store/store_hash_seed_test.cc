// The key hash is seeded per store, so which keys share a shard or a bucket cannot be
// predicted from outside (and so cannot be forced); a given seed reproduces a layout.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST(HashSeed, RandomUnlessGiven) {
    Store a(Config{.shard_count = 1024});
    Store b(Config{.shard_count = 1024});
    Store c(Config{.shard_count = 1024, .hash_seed = 42});
    Store d(Config{.shard_count = 1024, .hash_seed = 42});
    int same_ab = 0;
    for (int i = 0; i < 100; ++i) {
        const std::string key = numbered("k", i);
        same_ab += a.shard_of(key) == b.shard_of(key) ? 1 : 0;
        EXPECT_EQ(c.shard_of(key), d.shard_of(key));
        EXPECT_EQ(a.shard_of(key), a.hash_of(key) & 1023);
    }
    EXPECT_LT(same_ab, 10);
}

}  // namespace
}  // namespace larder::store::testing
