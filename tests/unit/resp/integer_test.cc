#include "protocols/resp/integer.h"

#include <gtest/gtest.h>

#include <limits>

namespace larder::resp {
namespace {

TEST(ParseInt64, Accepts) {
    EXPECT_EQ(parse_int64("0"), 0);
    EXPECT_EQ(parse_int64("7"), 7);
    EXPECT_EQ(parse_int64("-7"), -7);
    EXPECT_EQ(parse_int64("1234567890"), 1234567890);
    EXPECT_EQ(parse_int64("9223372036854775807"), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(parse_int64("-9223372036854775808"), std::numeric_limits<int64_t>::min());
}

TEST(ParseInt64, RejectsWhatRedisRejects) {
    for (const char* s : {"", "-", "+1", "01", "-0", "00", " 1", "1 ", "1a", "0x1", "1.0",
                          "9223372036854775808", "-9223372036854775809", "18446744073709551616",
                          "99999999999999999999", "000000000000000000001"}) {
        EXPECT_EQ(parse_int64(s), std::nullopt) << s;
    }
}

}  // namespace
}  // namespace larder::resp
