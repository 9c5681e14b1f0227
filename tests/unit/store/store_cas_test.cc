// CAS only where needed: writes that do not return their CAS store none, the first reader
// that needs one gets a fresh value, and compare-and-swap stays exact throughout.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

uint64_t cas_of(Store& store, std::string_view key, CasUse use) {
    uint64_t cas = 0;
    store.get(
        key, [&](const ItemView& v) { cas = v.cas; }, use);
    return cas;
}

TEST_F(StoreTest, WritesWithoutCasKeepNoneUntilAReaderNeedsOne) {
    const SetResult r = put("k", "v", SetOptions{.cas_use = CasUse::none});
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.cas, 0u);
    const uint64_t without = store_.stats().used_bytes;
    EXPECT_EQ(cas_of(store_, "k", CasUse::none), 0u);  // RESP GET: no CAS, no cost
    EXPECT_EQ(store_.stats().used_bytes, without);
    const uint64_t first = cas_of(store_, "k", CasUse::need);  // memcached gets
    EXPECT_NE(first, 0u);
    EXPECT_GE(store_.stats().used_bytes, without);        // 8 bytes more, if the block had no room
    EXPECT_EQ(cas_of(store_, "k", CasUse::need), first);  // stable across reads
    EXPECT_EQ(cas_of(store_, "k", CasUse::none), first);  // and shown once it exists
    SetOptions swap{.condition = SetCondition::if_cas, .cas = first};
    EXPECT_EQ(put("k", "w", swap).status, Status::ok);
}

TEST_F(StoreTest, ACasSeenBeforeAnOverwriteNeverMatchesAfterIt) {
    put("k", "v1", SetOptions{.cas_use = CasUse::none});
    const uint64_t seen = cas_of(store_, "k", CasUse::need);
    put("k", "v2", SetOptions{.cas_use = CasUse::none});  // e.g. a RESP SET
    SetOptions swap{.condition = SetCondition::if_cas, .cas = seen};
    EXPECT_EQ(put("k", "v3", swap).status, Status::exists);
    EXPECT_EQ(store_.incr_unsigned("k", 1, false, {}, seen).status, Status::exists);
    EXPECT_EQ(store_.append("k", "x", false, false, seen).status, Status::exists);
    const uint64_t fresh = cas_of(store_, "k", CasUse::need);
    EXPECT_GT(fresh, seen);
}

TEST_F(StoreTest, MultiKeySetsKeepNoCas) {
    const Store::KeyValue kvs[] = {{"a", "1"}, {"b", "2"}};
    EXPECT_EQ(store_.set_many(kvs), Status::ok);
    EXPECT_EQ(cas_of(store_, "a", CasUse::none), 0u);
    EXPECT_NE(cas_of(store_, "a", CasUse::need), 0u);
}

TEST_F(StoreTest, GetAndTouchCanAssignACas) {
    put("k", "v", SetOptions{.cas_use = CasUse::none});
    uint64_t cas = 0;
    store_.get_and_touch(
        "k", ExpiryMode::at, now() + 100, [&](const ItemView& v) { cas = v.cas; }, CasUse::need);
    EXPECT_NE(cas, 0u);
    EXPECT_EQ(cas_of(store_, "k", CasUse::none), cas);
    EXPECT_EQ(store_.ttl_ms("k"), 100);
}

TEST_F(StoreTest, DeleteWithCasChecksIt) {
    EXPECT_EQ(store_.del_if_cas("k", 5), Status::not_found);
    const uint64_t cas = put("k", "v").cas;
    EXPECT_EQ(store_.del_if_cas("k", cas + 1), Status::exists);
    EXPECT_TRUE(store_.exists("k"));
    EXPECT_EQ(store_.del_if_cas("k", cas), Status::ok);
    EXPECT_FALSE(store_.exists("k"));
    put("k", "v", SetOptions{.cas_use = CasUse::none});
    EXPECT_EQ(store_.del_if_cas("k", cas), Status::exists);  // it keeps no CAS to match
    EXPECT_EQ(store_.del_if_cas("k", 0), Status::ok);        // 0: no check
}

}  // namespace
}  // namespace larder::store::testing
