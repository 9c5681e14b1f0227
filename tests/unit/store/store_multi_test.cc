// MSET, MSETNX, DEL with many keys, and flush.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

// Enough keys that a multi-key call spans many shards.
std::vector<std::string> many_keys(size_t n) {
    std::vector<std::string> keys;
    for (size_t i = 0; i < n; ++i) keys.push_back(numbered("key:", i));
    return keys;
}

TEST_F(StoreTest, SetManyWritesEveryPairAsAPlainSet) {
    put("k0", "old", SetOptions{.expiry = ExpiryMode::at, .expire_at_ms = now() + 10, .flags = 3});
    const auto keys = many_keys(200);
    std::vector<std::string> values;
    for (const auto& k : keys) values.push_back("v-" + k);
    std::vector<Store::KeyValue> kvs;
    for (size_t i = 0; i < keys.size(); ++i) kvs.push_back({keys[i], values[i]});
    kvs.push_back({"k0", "new"});
    store_.set_many(kvs);
    for (const auto& k : keys) EXPECT_EQ(value_of(store_, k), "v-" + k);
    std::set<size_t> shards;
    for (const auto& k : keys) shards.insert(store_.shard_of(k));
    EXPECT_GT(shards.size(), 32u);
    const auto seen = read(store_, "k0");
    EXPECT_EQ(seen->value, "new");
    EXPECT_EQ(seen->flags, 0u);
    EXPECT_EQ(store_.ttl_ms("k0"), -1);
}

TEST_F(StoreTest, SetManyRepeatedKeyEndsWithTheLastValue) {
    const Store::KeyValue kvs[] = {{"a", "1"}, {"b", "2"}, {"a", "3"}};
    store_.set_many(kvs);
    EXPECT_EQ(value_of(store_, "a"), "3");
    EXPECT_EQ(store_.size(), 2u);
}

TEST_F(StoreTest, SetManyIfNoneExistIsAllOrNothing) {
    const Store::KeyValue first[] = {{"a", "1"}, {"b", "2"}};
    EXPECT_TRUE(store_.set_many_if_none_exist(first));
    const Store::KeyValue second[] = {{"c", "3"}, {"b", "changed"}};
    EXPECT_FALSE(store_.set_many_if_none_exist(second));
    EXPECT_FALSE(store_.exists("c"));
    EXPECT_EQ(value_of(store_, "b"), "2");
}

TEST_F(StoreTest, SetManyIfNoneExistIgnoresExpiredKeys) {
    put_until("a", "stale", now() + 1);
    clock_.advance(1);
    const Store::KeyValue kvs[] = {{"a", "1"}, {"a", "2"}};
    EXPECT_TRUE(store_.set_many_if_none_exist(kvs));
    EXPECT_EQ(value_of(store_, "a"), "2");
}

TEST_F(StoreTest, DelManyCountsLiveKeysOnce) {
    const auto keys = many_keys(100);
    for (const auto& k : keys) put(k, "v");
    put_until("expired", "v", now() + 1);
    clock_.advance(1);
    std::vector<std::string_view> doomed(keys.begin(), keys.end());
    doomed.push_back(keys[0]);  // repeated
    doomed.push_back("missing");
    doomed.push_back("expired");
    EXPECT_EQ(store_.del_many(doomed), 100u);
    EXPECT_EQ(store_.size(), 0u);
    EXPECT_EQ(store_.del_many(std::span<const std::string_view>()), 0u);
}

TEST_F(StoreTest, FlushEmptiesEveryShard) {
    for (const auto& k : many_keys(500)) put(k, "v");
    put_until("ttl", "v", now() + 100);
    store_.flush();
    EXPECT_EQ(store_.size(), 0u);
    const Stats s = store_.stats();
    EXPECT_EQ(s.keys_with_expiry, 0u);
    EXPECT_EQ(s.used_bytes, 0u);
    EXPECT_FALSE(store_.exists("key:1"));
    put("after", "v");
    EXPECT_TRUE(store_.exists("after"));
}

}  // namespace
}  // namespace larder::store::testing
