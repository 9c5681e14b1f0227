// Number syntax of integer and memory options after moving to base/numbers.h: config keeps
// its own, more lenient rules (leading zeros, "-0"), unlike Redis's strict argument parser.
#include <gtest/gtest.h>

#include <string>

#include "src/base/numbers.h"
#include "src/config/config.h"

namespace larder {
namespace {

Config set(std::string_view name, std::string_view value) {
    Config c;
    std::optional<std::string> error = set_option(c, name, value, false);
    EXPECT_EQ(error, std::nullopt) << name << " = " << value;
    return c;
}

TEST(IntegerOptions, LeadingZerosAndMinusZero) {
    EXPECT_EQ(base::parse_int64("007"), std::nullopt);  // Redis's rule refuses these ...
    EXPECT_EQ(base::parse_int64("-0"), std::nullopt);
    EXPECT_EQ(set("threads", "007").threads, 7);  // ... config has always accepted them
    EXPECT_EQ(set("threads", "-0").threads, 0);
    EXPECT_EQ(set("threads", "0000000000000000000000000000004").threads, 4);
    EXPECT_EQ(set("hz", "500").hz, 500);
}

TEST(IntegerOptions, Refused) {
    Config c;
    for (const char* bad : {"", "-", "+1", " 1", "1 ", "1.0", "0x10", "1e3", "--1", "１"}) {
        EXPECT_EQ(set_option(c, "threads", bad, false),
                  "ERR CONFIG SET failed (possibly related to argument 'threads') - argument "
                  "couldn't be parsed into an integer")
            << bad;
    }
    // Well-formed but beyond 64 bits: a range error, not a syntax error.
    EXPECT_EQ(set_option(c, "hz", "-99999999999999999999", false),
              "ERR CONFIG SET failed (possibly related to argument 'hz') - argument must be "
              "between 1 and 500 inclusive");
    EXPECT_EQ(load_config_from_json(R"({"threads": "-9223372036854775808"})", Config{}).error,
              "config: option 'threads' must be between 0 and 1024, got -9223372036854775808");
    EXPECT_EQ(load_config_from_json(R"({"threads": "-9223372036854775809"})", Config{}).error,
              "config: option 'threads' must be between 0 and 1024, got -9223372036854775809");
}

TEST(MemoryOptions, LeadingZeros) {
    EXPECT_EQ(parse_memory("000000000000000000000001kb"), 1024u);
    EXPECT_EQ(parse_memory("00"), 0u);
    EXPECT_EQ(parse_memory("0018446744073709551615"), UINT64_MAX);
    EXPECT_EQ(parse_memory("0018446744073709551616"), std::nullopt);
}

TEST(ListenerPort, SameIntegerSyntax) {
    LoadResult r = load_config_from_json(R"({"listeners": [{"port": "06380"}]})", Config{});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.listeners[0].port, 6380);
    EXPECT_EQ(load_config_from_json(R"({"listeners": [{"port": "+6380"}]})", Config{}).error,
              "config: option 'listeners' entry 0: 'port' expects an integer, got \"+6380\"");
}

}  // namespace
}  // namespace larder
