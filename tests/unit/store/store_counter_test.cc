// incr_signed (RESP INCRBY) and incr_unsigned (memcached incr/decr).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr uint64_t kUMax = std::numeric_limits<uint64_t>::max();

TEST_F(StoreTest, IncrSignedTreatsMissingAsZero) {
    const CounterResult r = store_.incr_signed("n", 5);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.value, 5);
    EXPECT_NE(r.cas, 0u);
    EXPECT_EQ(value_of(store_, "n"), "5");
    EXPECT_EQ(store_.ttl_ms("n"), -1);
    EXPECT_EQ(store_.incr_signed("n", -12).value, -7);
    EXPECT_EQ(value_of(store_, "n"), "-7");
}

TEST_F(StoreTest, IncrSignedDetectsOverflowBothWays) {
    put("hi", "9223372036854775806");
    EXPECT_EQ(store_.incr_signed("hi", 1).value, kMax);
    EXPECT_EQ(store_.incr_signed("hi", 1).status, Status::overflow);
    EXPECT_EQ(value_of(store_, "hi"), "9223372036854775807");

    put("lo", "-9223372036854775808");
    EXPECT_EQ(store_.incr_signed("lo", 0).value, kMin);
    EXPECT_EQ(store_.incr_signed("lo", -1).status, Status::overflow);
    EXPECT_EQ(store_.incr_signed("lo", kMax).value, -1);
    EXPECT_EQ(store_.incr_signed("missing", kMin).value, kMin);
}

TEST_F(StoreTest, IncrSignedRejectsNonCanonicalNumbers) {
    for (const char* bad :
         {"abc", "", " 1", "1 ", "+1", "01", "-0", "1.5", "9223372036854775808", "12abc"}) {
        put("n", bad);
        EXPECT_EQ(store_.incr_signed("n", 1).status, Status::not_a_number) << '"' << bad << '"';
        EXPECT_EQ(value_of(store_, "n"), bad);
    }
}

TEST_F(StoreTest, IncrSignedKeepsTtlAndFlagsAndRenewsCas) {
    SetOptions options{.expiry = ExpiryMode::at, .expire_at_ms = now() + 1000, .flags = 9};
    const uint64_t cas = put("n", "10", options).cas;
    const CounterResult r = store_.incr_signed("n", 1);
    EXPECT_NE(r.cas, cas);
    const auto seen = read(store_, "n");
    EXPECT_EQ(seen->value, "11");
    EXPECT_EQ(seen->flags, 9u);
    EXPECT_EQ(seen->cas, r.cas);
    EXPECT_EQ(store_.ttl_ms("n"), 1000);
}

TEST_F(StoreTest, IncrUnsignedNeedsAnExistingKey) {
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).status, Status::not_found);
    EXPECT_EQ(store_.incr_unsigned("n", 1, true).status, Status::not_found);
    EXPECT_FALSE(store_.exists("n"));
}

TEST_F(StoreTest, IncrUnsignedCreatesWithInitialValueWhenAsked) {
    CounterCreate create{
        .create = true, .initial = 100, .expiry = ExpiryMode::at, .expire_at_ms = now() + 2000};
    const CounterResult r = store_.incr_unsigned("n", 5, false, create);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.uvalue, 100u);  // the initial value, not initial + delta
    const auto seen = read(store_, "n");
    EXPECT_EQ(seen->value, "100");
    EXPECT_EQ(seen->flags, 0u);
    EXPECT_EQ(seen->cas, r.cas);
    EXPECT_EQ(store_.ttl_ms("n"), 2000);
    EXPECT_EQ(store_.incr_unsigned("n", 5, false, create).uvalue, 105u);

    create.expire_at_ms = now() - 1;
    const CounterResult gone = store_.incr_unsigned("m", 1, false, create);
    EXPECT_EQ(gone.status, Status::ok);
    EXPECT_EQ(gone.uvalue, 100u);
    EXPECT_FALSE(store_.exists("m"));
}

TEST_F(StoreTest, IncrUnsignedWrapsAndDecrFloorsAtZero) {
    put("n", "18446744073709551615");
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).uvalue, 0u);
    EXPECT_EQ(value_of(store_, "n"), "0");
    EXPECT_EQ(store_.incr_unsigned("n", 3, false).uvalue, 3u);
    EXPECT_EQ(store_.incr_unsigned("n", 10, true).uvalue, 0u);
    EXPECT_EQ(store_.incr_unsigned("n", kUMax, false).uvalue, kUMax);
    EXPECT_EQ(store_.incr_unsigned("n", kUMax, true).uvalue, 0u);
}

TEST_F(StoreTest, IncrUnsignedStoresPlainDecimalText) {
    // memcached itself may space-pad a shrinking number in place; we store the exact text.
    put("n", "100");
    EXPECT_EQ(store_.incr_unsigned("n", 91, true).uvalue, 9u);
    EXPECT_EQ(value_of(store_, "n"), "9");
    put("n", "007");
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).uvalue, 8u);
    EXPECT_EQ(value_of(store_, "n"), "8");
    put("n", "  41\r\n");
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).uvalue, 42u);
    EXPECT_EQ(value_of(store_, "n"), "42");
}

TEST_F(StoreTest, IncrUnsignedAcceptsWhatMemcachedAccepts) {
    put("n", "-0");
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).uvalue, 1u);
    put("n", "000000000000000000000000005");
    EXPECT_EQ(store_.incr_unsigned("n", 1, false).uvalue, 6u);
    put("n", "+5");
    EXPECT_EQ(store_.incr_unsigned("n", 1, true).uvalue, 4u);
}

TEST_F(StoreTest, IncrUnsignedRejectsNonNumbers) {
    for (const char* bad : {"", "abc", "-1", "12abc", "1.5", "18446744073709551616"}) {
        put("n", bad);
        EXPECT_EQ(store_.incr_unsigned("n", 1, false).status, Status::not_a_number)
            << '"' << bad << '"';
        EXPECT_EQ(value_of(store_, "n"), bad);
    }
}

TEST_F(StoreTest, IncrUnsignedKeepsFlagsAndTtl) {
    SetOptions options{.expiry = ExpiryMode::at, .expire_at_ms = now() + 750, .flags = 77};
    put("n", "1", options);
    store_.incr_unsigned("n", 1, false);
    const auto seen = read(store_, "n");
    EXPECT_EQ(seen->value, "2");
    EXPECT_EQ(seen->flags, 77u);
    EXPECT_EQ(store_.ttl_ms("n"), 750);
}

TEST_F(StoreTest, IncrUnsignedChecksCasWhenGiven) {
    const uint64_t cas = put("n", "1").cas;
    EXPECT_EQ(store_.incr_unsigned("n", 1, false, {}, cas + 999).status, Status::exists);
    EXPECT_EQ(value_of(store_, "n"), "1");
    const CounterResult r = store_.incr_unsigned("n", 1, false, {}, cas);
    EXPECT_EQ(r.status, Status::ok);
    EXPECT_EQ(r.uvalue, 2u);
    EXPECT_NE(r.cas, cas);
    EXPECT_EQ(store_.incr_unsigned("missing", 1, false, {}, cas).status, Status::not_found);
}

}  // namespace
}  // namespace larder::store::testing
