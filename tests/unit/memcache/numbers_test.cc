// Text-protocol numbers accept exactly what memcached 1.6's strtol-based readers accept.
#include "protocols/memcache/numbers.h"

#include <gtest/gtest.h>

namespace larder::memcache {
namespace {

TEST(Numbers, FlagsU32) {
    EXPECT_EQ(parse_flags_u32("0"), 0u);
    EXPECT_EQ(parse_flags_u32("4294967295"), 4294967295u);
    EXPECT_EQ(parse_flags_u32("4294967296"), 0u);  // low 32 bits of a 64-bit value
    EXPECT_EQ(parse_flags_u32("18446744073709551615"), 4294967295u);
    EXPECT_EQ(parse_flags_u32("-0"), 0u);
    EXPECT_EQ(parse_flags_u32("-18446744073709551615"), 1u);  // strtoul negates
    EXPECT_EQ(parse_flags_u32("+5"), 5u);
    EXPECT_EQ(parse_flags_u32("\t5"), 5u);
    EXPECT_EQ(parse_flags_u32("5\t"), 5u);
    EXPECT_EQ(parse_flags_u32("5\tjunk"), 5u);
    EXPECT_EQ(parse_flags_u32("5\r"), 5u);
    EXPECT_FALSE(parse_flags_u32("-1"));
    EXPECT_FALSE(parse_flags_u32("18446744073709551616"));
    EXPECT_FALSE(parse_flags_u32(""));
    EXPECT_FALSE(parse_flags_u32("+"));
    EXPECT_FALSE(parse_flags_u32("-"));
    EXPECT_FALSE(parse_flags_u32("5x"));
    EXPECT_FALSE(parse_flags_u32("0x5"));
    EXPECT_FALSE(parse_flags_u32("\t"));
}

TEST(Numbers, I32) {
    EXPECT_EQ(parse_i32("0"), 0);
    EXPECT_EQ(parse_i32("-1"), -1);
    EXPECT_EQ(parse_i32("2147483647"), 2147483647);
    EXPECT_EQ(parse_i32("2147483648"), -2147483647 - 1);  // wraps, as memcached stores it
    EXPECT_EQ(parse_i32("4294967297"), 1);
    EXPECT_EQ(parse_i32("9223372036854775807"), -1);
    EXPECT_EQ(parse_i32("-9223372036854775808"), 0);
    EXPECT_FALSE(parse_i32("9223372036854775808"));  // ERANGE
    EXPECT_FALSE(parse_i32("-9223372036854775809"));
    EXPECT_FALSE(parse_i32("99999999999999999999"));
    EXPECT_FALSE(parse_i32("1.5"));
    EXPECT_FALSE(parse_i32(""));
}

TEST(Numbers, U64) {
    EXPECT_EQ(parse_u64("18446744073709551615"), 18446744073709551615u);
    EXPECT_EQ(parse_u64("9223372036854775808"), 9223372036854775808u);
    EXPECT_EQ(parse_u64("-0"), 0u);
    EXPECT_EQ(parse_u64("-9223372036854775809"), 9223372036854775807u);
    EXPECT_FALSE(parse_u64("-9223372036854775808"));
    EXPECT_FALSE(parse_u64("18446744073709551616"));
    EXPECT_FALSE(parse_u64("-1"));
    EXPECT_FALSE(parse_u64("abc"));
}

}  // namespace
}  // namespace larder::memcache
