// The cuckoo bucket table and the incrementally resized index over it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "store/bucket_table.h"
#include "store/hash.h"
#include "store/hash_index.h"
#include "store/item.h"
#include "test_keys.h"

namespace larder::store::testing {
namespace {

// Items for tests: real blocks, so the table can compare keys.
class Items {
  public:
    Item* make(const std::string& key, bool with_expiry = false) {
        const ItemSpec spec{
            .key = key, .value = "v", .expire_at_ms = with_expiry ? 1'700'000'000'000 : 0};
        void* block = std::malloc(item_size(spec));
        blocks_.emplace_back(block);
        return build_item(block, spec);
    }

  private:
    struct Free {
        void operator()(void* p) const { std::free(p); }
    };
    std::vector<std::unique_ptr<void, Free>> blocks_;
};

TEST(BucketTable, SecondBucketIsReversible) {
    BucketTable t;
    t.allocate(1000);
    for (uint32_t b = 0; b < 1000; b += 7) {
        for (int tag = 1; tag < 256; tag += 5) {
            const uint32_t second = t.other_bucket(b, static_cast<uint8_t>(tag), false);
            EXPECT_NE(second, b);
            EXPECT_LT(second, 1000u);
            EXPECT_EQ(t.other_bucket(second, static_cast<uint8_t>(tag), true), b);
        }
    }
}

TEST(BucketTable, FillsPastNinetyFivePercentAndFindsEverything) {
    Items items;
    BucketTable t;
    t.allocate(200);
    std::vector<std::string> keys;
    for (int i = 0;; ++i) {
        std::string key = numbered("key", i);
        Item* item = items.make(key, i % 3 == 0);
        if (!t.insert(item, hash_key(key), i % 3 == 0)) break;
        keys.push_back(std::move(key));
    }
    EXPECT_GT(static_cast<double>(t.size()) / t.capacity(), 0.95);
    EXPECT_EQ(t.size(), keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        BucketTable::Slot slot;
        Item* found = t.find(keys[i], hash_key(keys[i]), slot);
        ASSERT_NE(found, nullptr) << keys[i];
        EXPECT_EQ(found->key(), keys[i]);
        EXPECT_EQ(t.has_expiry_at(slot), i % 3 == 0);  // the bit moved with the item
    }
    BucketTable::Slot slot;
    EXPECT_EQ(t.find("absent", hash_key("absent"), slot), nullptr);
    // Erase half; the rest stay findable.
    for (size_t i = 0; i < keys.size(); i += 2) {
        ASSERT_NE(t.find(keys[i], hash_key(keys[i]), slot), nullptr);
        t.clear(slot);
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(t.find(keys[i], hash_key(keys[i]), slot) != nullptr, i % 2 == 1);
    }
    t.release();
}

TEST(HashIndex, ResizesIncrementallyWhileStayingFindable) {
    Items items;
    HashIndex index;
    std::mt19937 rng(7);
    std::vector<std::string> keys;
    size_t resizes = 0;
    for (int i = 0; i < 20'000; ++i) {
        index.migrate(index.migrate_step());
        std::string key = numbered("k", i);
        const uint64_t hash = hash_key(key);
        if (index.wants_growth()) {
            index.start_resize(index.growth_buckets(rng()));
            ++resizes;
        }
        HashIndex::Position where;
        bool in_second = false;
        ASSERT_TRUE(index.make_room(hash, where, in_second));
        index.fill(where, items.make(key), hash, in_second, false);
        keys.push_back(std::move(key));
        if (i % 997 == 0) {
            for (const std::string& k : keys) {
                HashIndex::Position at;
                ASSERT_NE(index.find(k, hash_key(k), at), nullptr) << k << " after " << i;
            }
        }
    }
    EXPECT_GT(resizes, 10u);
    EXPECT_EQ(index.size(), keys.size());
    // Loads stay high: the tables are not much bigger than the keys need.
    while (index.resizing()) index.migrate(64);
    EXPECT_GT(static_cast<double>(index.size()) / index.capacity(), 0.7);

    // Deleting most keys shrinks the table, again a step at a time.
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i % 10 == 0) continue;
        index.migrate(index.migrate_step());
        if (index.wants_shrink()) index.start_resize(index.shrink_buckets());
        HashIndex::Position at;
        ASSERT_NE(index.find(keys[i], hash_key(keys[i]), at), nullptr);
        index.erase(at);
    }
    while (index.resizing()) index.migrate(64);
    EXPECT_LT(index.capacity(), keys.size() / 2);
    for (size_t i = 0; i < keys.size(); i += 10) {
        HashIndex::Position at;
        EXPECT_NE(index.find(keys[i], hash_key(keys[i]), at), nullptr);
    }
    index.release();
    EXPECT_EQ(index.allocated_bytes(), 0u);
}

TEST(HashIndex, RebuildNowKeepsEveryItem) {
    Items items;
    HashIndex index;
    index.start_resize(4);
    std::vector<std::string> keys;
    for (int i = 0; i < 30; ++i) {
        std::string key = numbered("r", i);
        HashIndex::Position where;
        bool in_second = false;
        ASSERT_TRUE(index.make_room(hash_key(key), where, in_second));
        index.fill(where, items.make(key), hash_key(key), in_second, false);
        keys.push_back(std::move(key));
    }
    index.start_resize(8);  // a resize is running...
    index.migrate(1);
    index.rebuild_now(2);  // ...and the rescue path moves everything at once, growing as needed
    EXPECT_FALSE(index.resizing());
    for (const std::string& k : keys) {
        HashIndex::Position at;
        EXPECT_NE(index.find(k, hash_key(k), at), nullptr) << k;
    }
    index.release();
}

}  // namespace
}  // namespace larder::store::testing
