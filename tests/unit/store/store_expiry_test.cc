// TTLs: lazy deletion, ttl_ms, expiry in the past, KEEPTTL, touch and get_and_touch.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST_F(StoreTest, KeyLivesUntilItsExpiryTime) {
    put_until("k", "v", now() + 100);
    clock_.advance(99);
    EXPECT_EQ(value_of(store_, "k"), "v");
    clock_.advance(1);  // expire_at == now: gone
    EXPECT_FALSE(store_.exists("k"));
}

TEST_F(StoreTest, ExpiredKeysAreReclaimedLazilyWhenFound) {
    put_until("k", "v", now() + 10);
    put("other", "v");
    clock_.advance(10);
    EXPECT_EQ(store_.size(), 2u);  // nothing has looked at "k" yet
    EXPECT_EQ(store_.stats().expired, 0u);
    EXPECT_FALSE(store_.get("k", [](const ItemView&) { FAIL() << "expired item shown"; }));
    EXPECT_EQ(store_.size(), 1u);
    const Stats s = store_.stats();
    EXPECT_EQ(s.expired, 1u);
    EXPECT_EQ(s.keys_with_expiry, 0u);
}

TEST_F(StoreTest, TtlReportsMissingPersistentAndRemaining) {
    EXPECT_EQ(store_.ttl_ms("missing"), -2);
    put("forever", "v");
    EXPECT_EQ(store_.ttl_ms("forever"), -1);
    put_until("k", "v", now() + 5000);
    EXPECT_EQ(store_.ttl_ms("k"), 5000);
    clock_.advance(4999);
    EXPECT_EQ(store_.ttl_ms("k"), 1);
    clock_.advance(1);
    EXPECT_EQ(store_.ttl_ms("k"), -2);
}

TEST_F(StoreTest, ExpiryInThePastSucceedsAndRemovesTheKey) {
    put("k", "old");
    const SetResult r = put_until("k", "new", now() - 1);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.cas, 0u);
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(store_.size(), 0u);
    EXPECT_EQ(put_until("fresh", "v", now()).status, Status::ok);
    EXPECT_FALSE(store_.exists("fresh"));
}

TEST_F(StoreTest, PastExpiryStillHonoursTheCondition) {
    SetOptions xx{
        .condition = SetCondition::if_present, .expiry = ExpiryMode::at, .expire_at_ms = now() - 1};
    EXPECT_EQ(put("k", "v", xx).status, Status::not_stored);
    put("k", "v");
    SetOptions nx = xx;
    nx.condition = SetCondition::if_absent;
    EXPECT_EQ(put("k", "v2", nx).status, Status::not_stored);
    EXPECT_EQ(value_of(store_, "k"), "v");
}

TEST_F(StoreTest, ExpiredKeyIsAbsentForConditions) {
    put_until("k", "v", now() + 1);
    clock_.advance(1);
    SetOptions xx{.condition = SetCondition::if_present};
    EXPECT_EQ(put("k", "v", xx).status, Status::not_stored);
    SetOptions nx{.condition = SetCondition::if_absent};
    EXPECT_EQ(put("k", "v2", nx).status, Status::ok);
    EXPECT_EQ(store_.ttl_ms("k"), -1);
}

TEST_F(StoreTest, SetClearsTtlUnlessKeepTtl) {
    put_until("k", "v", now() + 1000);
    SetOptions keep{.expiry = ExpiryMode::keep};
    put("k", "v2", keep);
    EXPECT_EQ(store_.ttl_ms("k"), 1000);
    put("k", "v3");
    EXPECT_EQ(store_.ttl_ms("k"), -1);
    put("new", "v", keep);  // KEEPTTL on a missing key: no TTL
    EXPECT_EQ(store_.ttl_ms("new"), -1);
}

TEST_F(StoreTest, TouchSetsClearsAndKeepsExpiry) {
    EXPECT_FALSE(store_.touch("missing", ExpiryMode::at, now() + 10));
    const uint64_t cas = put("k", "v").cas;
    EXPECT_TRUE(store_.touch("k", ExpiryMode::at, now() + 10));
    EXPECT_EQ(store_.ttl_ms("k"), 10);
    EXPECT_TRUE(store_.touch("k", ExpiryMode::keep, 0));
    EXPECT_EQ(store_.ttl_ms("k"), 10);
    EXPECT_EQ(store_.stats().keys_with_expiry, 1u);
    EXPECT_TRUE(store_.touch("k", ExpiryMode::clear, 0));
    EXPECT_EQ(store_.ttl_ms("k"), -1);
    EXPECT_EQ(store_.stats().keys_with_expiry, 0u);
    EXPECT_EQ(read(store_, "k")->cas, cas);  // memcached touch keeps the CAS
}

TEST_F(StoreTest, TouchIntoThePastDeletes) {
    put("k", "v");
    EXPECT_TRUE(store_.touch("k", ExpiryMode::at, now() - 5));
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(store_.size(), 0u);
}

TEST_F(StoreTest, TouchOfExpiredKeyFails) {
    put_until("k", "v", now() + 1);
    clock_.advance(1);
    EXPECT_FALSE(store_.touch("k", ExpiryMode::at, now() + 1000));
}

TEST_F(StoreTest, GetAndTouchShowsTheNewExpiry) {
    EXPECT_FALSE(store_.get_and_touch("missing", ExpiryMode::at, now() + 1,
                                      [](const ItemView&) { FAIL(); }));
    const uint64_t cas = put("k", "v").cas;
    int64_t seen_expiry = -1;
    uint64_t seen_cas = 0;
    EXPECT_TRUE(store_.get_and_touch("k", ExpiryMode::at, now() + 500, [&](const ItemView& v) {
        EXPECT_EQ(v.value, "v");
        seen_expiry = v.expire_at_ms;
        seen_cas = v.cas;
    }));
    EXPECT_EQ(seen_expiry, now() + 500);
    EXPECT_EQ(seen_cas, cas);
    EXPECT_EQ(store_.ttl_ms("k"), 500);

    EXPECT_TRUE(store_.get_and_touch("k", ExpiryMode::keep, 0,
                                     [&](const ItemView& v) { seen_expiry = v.expire_at_ms; }));
    EXPECT_EQ(seen_expiry, now() + 500);
    EXPECT_TRUE(store_.get_and_touch("k", ExpiryMode::clear, 0,
                                     [&](const ItemView& v) { seen_expiry = v.expire_at_ms; }));
    EXPECT_EQ(seen_expiry, 0);
    EXPECT_EQ(store_.ttl_ms("k"), -1);
}

TEST_F(StoreTest, GetAndTouchIntoThePastReturnsThenDeletes) {
    put("k", "v");
    std::string seen;
    EXPECT_TRUE(store_.get_and_touch("k", ExpiryMode::at, now() - 1,
                                     [&](const ItemView& v) { seen = v.value; }));
    EXPECT_EQ(seen, "v");
    EXPECT_FALSE(store_.exists("k"));
}

TEST_F(StoreTest, CountersAndAppendTreatExpiredKeysAsMissing) {
    put_until("n", "41", now() + 1);
    put_until("s", "abc", now() + 1);
    clock_.advance(1);
    EXPECT_EQ(store_.incr_signed("n", 1).value, 1);
    EXPECT_EQ(store_.append("s", "x", false, false).status, Status::not_found);
    EXPECT_EQ(store_.incr_unsigned("s", 1, false).status, Status::not_found);
}

}  // namespace
}  // namespace larder::store::testing
