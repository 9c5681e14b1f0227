#include "store/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "test_keys.h"

namespace larder::store {
namespace {

using larder::store::testing::numbered;

TEST(HashKey, IsDeterministicAndSeeded) {
    EXPECT_EQ(hash_key("hello"), hash_key("hello"));
    EXPECT_NE(hash_key("hello"), hash_key("hellp"));
    EXPECT_NE(hash_key("hello", 1), hash_key("hello", 2));
}

TEST(HashKey, EveryPrefixLengthHashesDistinctly) {
    // Walks every tail-length branch (0, 1..3, 4..8, 9..16, and the 16-byte loop).
    const std::string text(80, 'a');
    std::set<uint64_t> seen;
    for (size_t n = 0; n <= text.size(); ++n)
        seen.insert(hash_key(std::string_view(text).substr(0, n)));
    EXPECT_EQ(seen.size(), text.size() + 1);
}

TEST(HashKey, SingleByteChangesAnywhereChangeTheHash) {
    std::string key(40, 'k');
    const uint64_t base = hash_key(key);
    for (size_t i = 0; i < key.size(); ++i) {
        std::string changed = key;
        changed[i] ^= 1;
        EXPECT_NE(hash_key(changed), base) << "byte " << i;
    }
}

TEST(HashKey, LowBitsSpreadSequentialKeysEvenly) {
    // Shards come from the low bits, and real keys are often "prefix:N".
    constexpr size_t kBuckets = 64;
    constexpr size_t kKeys = 64 * 1000;
    std::vector<size_t> counts(kBuckets);
    for (size_t i = 0; i < kKeys; ++i) ++counts[hash_key(numbered("user:", i)) % kBuckets];
    for (size_t c : counts) {
        EXPECT_GT(c, 850u);
        EXPECT_LT(c, 1150u);
    }
}

}  // namespace
}  // namespace larder::store
