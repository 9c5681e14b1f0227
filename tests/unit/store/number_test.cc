#include "store/number.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace larder::store {
namespace {

std::optional<int64_t> redis(std::string_view text) {
    int64_t v = 0;
    if (!parse_redis_int64(text, v)) return std::nullopt;
    return v;
}

std::optional<uint64_t> memcached(std::string_view text) {
    uint64_t v = 0;
    if (!parse_memcached_uint64(text, v)) return std::nullopt;
    return v;
}

TEST(RedisInt64, AcceptsCanonicalIntegers) {
    EXPECT_EQ(redis("0"), 0);
    EXPECT_EQ(redis("7"), 7);
    EXPECT_EQ(redis("-7"), -7);
    EXPECT_EQ(redis("1234567890"), 1234567890);
    EXPECT_EQ(redis("9223372036854775807"), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(redis("-9223372036854775808"), std::numeric_limits<int64_t>::min());
}

TEST(RedisInt64, RejectsWhatString2llRejects) {
    for (std::string_view bad : {"", "-", "+1", " 1", "1 ", "01", "00", "-0", "-01", "1a", "abc",
                                 "1.5", "0x10", "9223372036854775808", "-9223372036854775809",
                                 "18446744073709551616", "123456789012345678901"}) {
        EXPECT_FALSE(redis(bad).has_value()) << '"' << bad << '"';
    }
    EXPECT_FALSE(redis(std::string_view("1\0", 2)).has_value());
}

TEST(MemcachedUint64, AcceptsDigitsWithStrtoullLeniency) {
    EXPECT_EQ(memcached("0"), 0u);
    EXPECT_EQ(memcached("42"), 42u);
    EXPECT_EQ(memcached("007"), 7u);
    EXPECT_EQ(memcached("18446744073709551615"), std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(memcached("000000000000000000000000001"), 1u);  // leading zeros: no length cap
    EXPECT_EQ(memcached("  12"), 12u);
    EXPECT_EQ(memcached("+5"), 5u);
    EXPECT_EQ(memcached("12 "), 12u);
    EXPECT_EQ(memcached("12\r\n"), 12u);
    EXPECT_EQ(memcached("12 trailing words"), 12u);  // memcached checks only the next byte
    EXPECT_EQ(memcached(std::string_view("12\0x", 4)), 12u);
    EXPECT_EQ(memcached("9223372036854775808"), 9223372036854775808u);
}

TEST(MemcachedUint64, SignQuirksMatchSafeStrtoull) {
    EXPECT_EQ(memcached("-0"), 0u);
    EXPECT_FALSE(memcached("-1").has_value());
    // strtoull negates modulo 2^64; safe_strtoull only objects when bit 63 ends up set.
    EXPECT_EQ(memcached("-18446744073709551615"), 1u);
    EXPECT_FALSE(memcached("9223372036854775808 -").has_value());
}

TEST(MemcachedUint64, RejectsNonNumbers) {
    for (std::string_view bad : {"", " ", "-", "+", "abc", "12abc", "1.5", "0x10",
                                 "18446744073709551616", "99999999999999999999"}) {
        EXPECT_FALSE(memcached(bad).has_value()) << '"' << bad << '"';
    }
}

TEST(FormatDecimal, ExtremesFitTheBuffer) {
    char buf[kMaxDecimalLength];
    EXPECT_EQ(std::string_view(buf, format_decimal(std::numeric_limits<int64_t>::min(), buf)),
              "-9223372036854775808");
    EXPECT_EQ(std::string_view(buf, format_decimal(std::numeric_limits<uint64_t>::max(), buf)),
              "18446744073709551615");
    EXPECT_EQ(std::string_view(buf, format_decimal(int64_t{0}, buf)), "0");
}

}  // namespace
}  // namespace larder::store
