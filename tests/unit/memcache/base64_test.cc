// Base64 keys with memcached 1.6.18's acceptance rules (checked against it): whole groups of
// four alphabet characters, non-alphabet bytes skipped, decoding ends at a padded group.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "protocols/memcache/base64.h"

namespace larder::memcache {
namespace {

std::optional<std::string> decode(std::string_view in) {
    std::string out;
    if (!base64_decode(in, out)) return std::nullopt;
    return out;
}

std::string encode(std::string_view in) {
    std::string out;
    base64_encode(in, out);
    return out;
}

TEST(Base64, DecodesWholeGroups) {
    EXPECT_EQ(decode("Zm9v"), "foo");
    EXPECT_EQ(decode("Zm9vYg=="), "foob");
    EXPECT_EQ(decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(decode("AAAA"), std::string(3, '\0'));
}

TEST(Base64, RefusesWhatMemcachedRefuses) {
    EXPECT_EQ(decode("Zg"), std::nullopt);
    EXPECT_EQ(decode("Zg="), std::nullopt);
    EXPECT_EQ(decode("Z==="), std::nullopt);
    EXPECT_EQ(decode("===="), std::nullopt);
    EXPECT_EQ(decode("!!!!"), std::nullopt);
    EXPECT_EQ(decode(""), std::nullopt);
    EXPECT_EQ(decode("foo"), std::nullopt);
}

TEST(Base64, AcceptsWhatMemcachedAccepts) {
    // Non-canonical trailing bits, '=' inside a group, bytes outside the alphabet.
    EXPECT_EQ(decode("Zh=="), "f");
    EXPECT_EQ(decode("Zm=v"), "f`");
    EXPECT_EQ(decode("Zm!9v"), "foo");
    // A padded group ends the input.
    EXPECT_EQ(decode("Zg==Zm9v"), "f");
}

TEST(Base64, EncodesWithPadding) {
    EXPECT_EQ(encode(""), "");
    EXPECT_EQ(encode("f"), "Zg==");
    EXPECT_EQ(encode("fo"), "Zm8=");
    EXPECT_EQ(encode("foo"), "Zm9v");
    EXPECT_EQ(encode(std::string("\0\xff", 2)), "AP8=");
}

TEST(Base64, RoundTripsEveryByte) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    for (size_t n = 1; n <= all.size(); n += 37) {
        std::string in = all.substr(0, n);
        EXPECT_EQ(decode(encode(in)), in) << n;
    }
}

}  // namespace
}  // namespace larder::memcache
