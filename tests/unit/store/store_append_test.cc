// append / prepend: RESP APPEND and memcached append/prepend.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST_F(StoreTest, AppendAndPrependReturnTheNewLength) {
    put("k", "mid");
    CounterResult r = store_.append("k", "-end", false, false);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.value, 7);
    EXPECT_EQ(r.uvalue, 7u);
    r = store_.append("k", "start-", true, false);
    EXPECT_EQ(r.value, 13);
    EXPECT_EQ(value_of(store_, "k"), "start-mid-end");
    EXPECT_EQ(read(store_, "k")->cas, r.cas);
}

TEST_F(StoreTest, AppendKeepsFlagsAndTtl) {
    put("k", "a", SetOptions{.expiry = ExpiryMode::at, .expire_at_ms = now() + 300, .flags = 5});
    store_.append("k", "b", false, false);
    store_.append("k", "z", true, false);
    const auto seen = read(store_, "k");
    EXPECT_EQ(seen->value, "zab");
    EXPECT_EQ(seen->flags, 5u);
    EXPECT_EQ(store_.ttl_ms("k"), 300);
}

TEST_F(StoreTest, AppendToMissingKeyCreatesOnlyWhenAsked) {
    EXPECT_EQ(store_.append("k", "x", false, false).status, Status::not_found);
    EXPECT_EQ(store_.append("k", "x", true, false).status, Status::not_found);
    EXPECT_FALSE(store_.exists("k"));
    const CounterResult r = store_.append("k", "hello", false, true);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.value, 5);
    const auto seen = read(store_, "k");
    EXPECT_EQ(seen->value, "hello");
    EXPECT_EQ(seen->flags, 0u);
    EXPECT_EQ(store_.ttl_ms("k"), -1);
}

TEST_F(StoreTest, AppendChecksCasWhenGiven) {
    const uint64_t cas = put("k", "a").cas;
    EXPECT_EQ(store_.append("k", "b", false, false, cas + 1).status, Status::exists);
    EXPECT_EQ(value_of(store_, "k"), "a");
    EXPECT_EQ(store_.append("k", "b", false, false, cas).status, Status::ok);
    EXPECT_EQ(store_.append("k", "c", false, false, cas).status, Status::exists);
    EXPECT_EQ(store_.append("missing", "c", false, true, cas).status, Status::not_found);
    EXPECT_FALSE(store_.exists("missing"));
}

TEST_F(StoreTest, AppendingNothingStillRenewsCas) {
    const uint64_t cas = put("k", "a").cas;
    const CounterResult r = store_.append("k", "", false, false);
    EXPECT_EQ(r.value, 1);
    EXPECT_NE(r.cas, cas);
}

}  // namespace
}  // namespace larder::store::testing
