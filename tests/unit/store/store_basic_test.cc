// get / set / del / exists / type, the set conditions, CAS and flags.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST_F(StoreTest, GetOfMissingKeyDoesNotCallBack) {
    bool called = false;
    EXPECT_FALSE(store_.get("nope", [&](const ItemView&) { called = true; }));
    EXPECT_FALSE(called);
}

TEST_F(StoreTest, SetThenGetShowsValueAndMetadata) {
    SetOptions options;
    options.flags = 0xdeadbeef;
    const SetResult r = put("k", "v", options);
    ASSERT_EQ(r.status, Status::ok);
    EXPECT_NE(r.cas, 0u);
    bool called = false;
    EXPECT_TRUE(store_.get("k", [&](const ItemView& v) {
        called = true;
        EXPECT_EQ(v.key, "k");
        EXPECT_EQ(v.value, "v");
        EXPECT_EQ(v.flags, 0xdeadbeefu);
        EXPECT_EQ(v.cas, r.cas);
        EXPECT_EQ(v.expire_at_ms, 0);
        EXPECT_EQ(v.type, ValueType::string);
    }));
    EXPECT_TRUE(called);
}

TEST_F(StoreTest, BinarySafeKeysAndValues) {
    const std::string key("a\0b", 3);
    const std::string value("\0\r\n\xff", 4);
    put(key, value);
    EXPECT_EQ(value_of(store_, key), value);
    EXPECT_FALSE(store_.exists(std::string_view("a", 1)));
    put("", "empty key is a key");
    EXPECT_EQ(value_of(store_, ""), "empty key is a key");
}

TEST_F(StoreTest, OverwriteReplacesValueFlagsAndCas) {
    SetOptions with_flags;
    with_flags.flags = 7;
    const uint64_t first = put("k", "one", with_flags).cas;
    const uint64_t second = put("k", "two").cas;  // RESP SET: a new value, flags 0
    EXPECT_NE(first, second);
    const auto seen = read(store_, "k");
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->value, "two");
    EXPECT_EQ(seen->flags, 0u);
    EXPECT_EQ(seen->cas, second);
    EXPECT_EQ(store_.size(), 1u);
}

TEST_F(StoreTest, IfAbsentStoresOnlyNewKeys) {
    SetOptions nx;
    nx.condition = SetCondition::if_absent;
    EXPECT_EQ(put("k", "first", nx).status, Status::ok);
    EXPECT_EQ(put("k", "second", nx).status, Status::not_stored);
    EXPECT_EQ(value_of(store_, "k"), "first");
}

TEST_F(StoreTest, IfPresentStoresOnlyExistingKeys) {
    SetOptions xx;
    xx.condition = SetCondition::if_present;
    EXPECT_EQ(put("k", "v", xx).status, Status::not_stored);
    EXPECT_FALSE(store_.exists("k"));
    put("k", "old");
    EXPECT_EQ(put("k", "new", xx).status, Status::ok);
    EXPECT_EQ(value_of(store_, "k"), "new");
}

TEST_F(StoreTest, IfCasDistinguishesMissingMismatchAndMatch) {
    SetOptions cas;
    cas.condition = SetCondition::if_cas;
    cas.cas = 12345;
    EXPECT_EQ(put("k", "v", cas).status, Status::not_found);
    EXPECT_FALSE(store_.exists("k"));

    const uint64_t current = put("k", "v1").cas;
    cas.cas = current + 1000;
    EXPECT_EQ(put("k", "v2", cas).status, Status::exists);
    EXPECT_EQ(value_of(store_, "k"), "v1");

    cas.cas = current;
    cas.flags = 3;
    const SetResult r = put("k", "v2", cas);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_NE(r.cas, current);
    // The old CAS is now stale.
    EXPECT_EQ(put("k", "v3", cas).status, Status::exists);
    const auto seen = read(store_, "k");
    EXPECT_EQ(seen->value, "v2");
    EXPECT_EQ(seen->flags, 3u);
}

TEST_F(StoreTest, ReturnOldReportsPreviousValue) {
    SetOptions get;
    get.return_old = true;
    SetResult r = put("k", "one", get);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_FALSE(r.had_old);
    r = put("k", "two", get);
    EXPECT_TRUE(r.had_old);
    EXPECT_EQ(r.old_value, "one");
    EXPECT_EQ(value_of(store_, "k"), "two");
}

TEST_F(StoreTest, ReturnOldWithFailedConditionStillReportsOldValue) {
    // SET k v NX GET on an existing key: not stored, and the reply is the current value.
    put("k", "kept");
    SetOptions nx_get;
    nx_get.condition = SetCondition::if_absent;
    nx_get.return_old = true;
    const SetResult r = put("k", "ignored", nx_get);
    EXPECT_EQ(r.status, Status::not_stored);
    EXPECT_TRUE(r.had_old);
    EXPECT_EQ(r.old_value, "kept");
    EXPECT_EQ(value_of(store_, "k"), "kept");
}

TEST_F(StoreTest, DelExistsAndType) {
    EXPECT_FALSE(store_.del("k"));
    EXPECT_EQ(store_.type("k"), std::nullopt);
    put("k", "v");
    EXPECT_TRUE(store_.exists("k"));
    EXPECT_EQ(store_.type("k"), ValueType::string);
    EXPECT_TRUE(store_.del("k"));
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_FALSE(store_.del("k"));
    EXPECT_EQ(store_.size(), 0u);
}

TEST_F(StoreTest, EverySuccessfulWriteGetsAFreshCas) {
    std::set<uint64_t> seen;
    for (int i = 0; i < 100; ++i) {
        const uint64_t cas = put(numbered("k", i % 10), "v").cas;
        EXPECT_TRUE(seen.insert(cas).second);
    }
    EXPECT_TRUE(seen.insert(store_.incr_signed("n", 1).cas).second);
    EXPECT_TRUE(seen.insert(store_.incr_unsigned("n", 1, false).cas).second);
    EXPECT_TRUE(seen.insert(store_.append("n", "0", false, false).cas).second);
    EXPECT_FALSE(seen.contains(0));
}

TEST_F(StoreTest, FlagsSurviveEverythingButANewSet) {
    SetOptions flagged;
    flagged.flags = 42;
    put("n", "10", flagged);
    store_.incr_signed("n", 1);
    store_.incr_unsigned("n", 1, false);
    store_.incr_unsigned("n", 1, true);
    store_.append("n", "0", false, false);
    store_.append("n", "1", true, false);
    store_.touch("n", ExpiryMode::at, now() + 1000);
    store_.get_and_touch("n", ExpiryMode::clear, 0, [](const ItemView&) {});
    auto seen = read(store_, "n");
    EXPECT_EQ(seen->value, "1110");
    EXPECT_EQ(seen->flags, 42u);
    put("n", "fresh");
    EXPECT_EQ(read(store_, "n")->flags, 0u);
}

TEST_F(StoreTest, StatsCountKeysAndBytes) {
    put("a", "1");
    put_until("b", "2", now() + 1000);
    Stats s = store_.stats();
    EXPECT_EQ(s.keys, 2u);
    EXPECT_EQ(s.keys_with_expiry, 1u);
    EXPECT_GT(s.used_bytes, 4u);
    EXPECT_EQ(s.evicted, 0u);
    // used_bytes counts the allocator's real block sizes (items and tables), so a value
    // 999 bytes longer costs at least 999 more, and at most one size-class step beyond.
    const uint64_t before = s.used_bytes;
    put("a", std::string(1000, 'x'));
    EXPECT_GE(store_.stats().used_bytes, before + 999);
    EXPECT_LE(store_.stats().used_bytes, before + 999 + 128);
    store_.del("a");
    store_.del("b");
    s = store_.stats();
    EXPECT_EQ(s.keys, 0u);
    EXPECT_EQ(s.keys_with_expiry, 0u);
    EXPECT_EQ(s.used_bytes, 0u);
}

TEST(StoreConfig, ShardCountMustBeAPowerOfTwo) {
    EXPECT_THROW(Store(Config{.shard_count = 0}), std::invalid_argument);
    EXPECT_THROW(Store(Config{.shard_count = 48}), std::invalid_argument);
    Store one(Config{.shard_count = 1});
    EXPECT_EQ(one.shard_of("anything"), 0u);
    Store many(Config{.shard_count = 256});
    EXPECT_EQ(many.shard_count(), 256u);
    std::set<size_t> used;
    for (int i = 0; i < 10000; ++i) {
        const size_t s = many.shard_of(numbered("key", i));
        ASSERT_LT(s, 256u);
        used.insert(s);
    }
    EXPECT_EQ(used.size(), 256u);
}

TEST(StoreConfig, ValuesOverTheLimitAreTooLarge) {
    ManualClock clock;
    Store store(Config{.shard_count = 4, .clock = &clock, .max_value_bytes = 8});
    EXPECT_EQ(store.set("k", "12345678", {}).status, Status::ok);
    EXPECT_EQ(store.set("k", "123456789", {}).status, Status::too_large);
    EXPECT_EQ(value_of(store, "k"), "12345678");
    EXPECT_EQ(store.append("k", "9", false, false).status, Status::too_large);
    EXPECT_EQ(store.append("new", "123456789", false, true).status, Status::too_large);
    EXPECT_FALSE(store.exists("new"));
}

TEST(StoreConfig, DefaultsToTheSystemClock) {
    Store store;
    store.set(
        "k", "v",
        SetOptions{.expiry = ExpiryMode::at, .expire_at_ms = system_clock().now_ms() + 60'000});
    const int64_t ttl = store.ttl_ms("k");
    EXPECT_GT(ttl, 50'000);
    EXPECT_LE(ttl, 60'000);
}

}  // namespace
}  // namespace larder::store::testing
