// set/add/replace/append/prepend/cas: the command line, the data block, and what memcached
// 1.6.18 does with the bytes after each kind of failure.
#include <gtest/gtest.h>

#include <string>

#include "feed.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;
const std::string kBadFormat = "'CLIENT_ERROR bad command line format\\r\\n'";
const std::string kError = "'ERROR\\r\\n'";

TEST(TextStorage, EveryStorageCommand) {
    EXPECT_EQ(text_events("set k 5 10 3\r\nabc\r\n"),
              V{"ok 19 {set keys=[k] flags=5 exptime=10 data=abc}"});
    EXPECT_EQ(text_events("add k 0 0 1\r\nx\r\n"), V{"ok 16 {add keys=[k] data=x}"});
    EXPECT_EQ(text_events("replace k 0 0 1\r\nx\r\n"), V{"ok 20 {replace keys=[k] data=x}"});
    EXPECT_EQ(text_events("append k 0 0 1\r\nx\r\n"), V{"ok 19 {append keys=[k] data=x}"});
    EXPECT_EQ(text_events("prepend k 0 0 1\r\nx\r\n"), V{"ok 20 {prepend keys=[k] data=x}"});
    EXPECT_EQ(text_events("cas k 1 2 1 99\r\nx\r\n"),
              V{"ok 19 {cas keys=[k] flags=1 exptime=2 cas=99 data=x}"});
}

TEST(TextStorage, DataMayHoldAnyBytes) {
    EXPECT_EQ(text_events("set k 0 0 0\r\n\r\n"), V{"ok 15 {set keys=[k] data=}"});
    EXPECT_EQ(text_events("set k 0 0 4\r\na\r\nb\r\n"), V{"ok 19 {set keys=[k] data=a\\r\\nb}"});
    EXPECT_EQ(text_events("set k 0 0 2\r\n\r\n\r\n"), V{"ok 17 {set keys=[k] data=\\r\\n}"});
}

TEST(TextStorage, Noreply) {
    EXPECT_EQ(text_events("set k 0 0 1 noreply\r\nv\r\n"),
              V{"ok 24 {set keys=[k] noreply data=v}"});
    EXPECT_EQ(text_events("cas k 0 0 1 5 noreply\r\nv\r\n"),
              V{"ok 26 {cas keys=[k] cas=5 noreply data=v}"});
    // Only the exact word, only last.
    EXPECT_EQ(text_events("set k 0 0 1 norep\r\nv\r\n"), V{"ok 22 {set keys=[k] data=v}"});
}

TEST(TextStorage, ExtraTokenIsIgnored) {
    EXPECT_EQ(text_events("set k 0 0 1 2\r\nv\r\n"), V{"ok 18 {set keys=[k] data=v}"});
}

TEST(TextStorage, WrongTokenCountIsErrorAndTheDataIsACommand) {
    EXPECT_EQ(text_events("set k 0 0\r\nv\r\n"), (V{"error 11 " + kError, "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 0 0 1 noreply x\r\nv\r\n"),
              (V{"error 23 " + kError, "error 3 " + kError}));
    EXPECT_EQ(text_events("cas k 0 0 1\r\nv\r\n"), (V{"error 13 " + kError, "error 3 " + kError}));
    std::string many = "set k 0 0 1";
    for (int i = 0; i < 20; ++i) many += " x";
    EXPECT_EQ(text_events(many + "\r\nv\r\n"),
              (V{"error " + std::to_string(many.size() + 2) + " " + kError, "error 3 " + kError}));
}

TEST(TextStorage, BadDataChunkReadsExactlyBytesPlusTwo) {
    // memcached reads "abc" for a 1-byte value, rejects it, then parses "\r\n" as a command.
    EXPECT_EQ(text_events("set k 0 0 1\r\nabc\r\n"),
              (V{"error 16 'CLIENT_ERROR bad data chunk\\r\\n'", "error 2 " + kError}));
    // A bare '\n' after the data is not enough: "v\ng" is read, "et k\n" is a bad command.
    EXPECT_EQ(text_events("set k 0 0 1\nv\nget k\n"),
              (V{"error 15 'CLIENT_ERROR bad data chunk\\r\\n'", "error 5 " + kError}));
}

TEST(TextStorage, BareNewlineHeaderWithCrlfData) {
    EXPECT_EQ(text_events("set k 0 0 1\nv\r\nget k\n"),
              (V{"ok 15 {set keys=[k] data=v}", "ok 6 {get keys=[k]}"}));
}

TEST(TextStorage, NoreplySilencesBadDataChunk) {
    EXPECT_EQ(text_events("set k 0 0 1 noreply\r\nabc\r\n"), (V{"error 24", "error 2 " + kError}));
}

TEST(TextStorage, KeyTooLongThenDataIsACommand) {
    std::string k251(251, 'a');
    EXPECT_EQ(text_events("set " + k251 + " 0 0 1\r\nv\r\n"),
              (V{"error 263 " + kBadFormat, "error 3 " + kError}));
}

TEST(TextStorage, FlagsAreReadAsMemcachedReadsThem) {
    EXPECT_EQ(text_events("set k 4294967295 0 1\r\nv\r\n"),
              V{"ok 25 {set keys=[k] flags=4294967295 data=v}"});
    // 64-bit strtoul, truncated to 32 bits.
    EXPECT_EQ(text_events("set k 4294967296 0 1\r\nv\r\n"), V{"ok 25 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k 4294967297 0 1\r\nv\r\n"),
              V{"ok 25 {set keys=[k] flags=1 data=v}"});
    EXPECT_EQ(text_events("set k -0 0 1\r\nv\r\n"), V{"ok 17 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k +1 0 1\r\nv\r\n"), V{"ok 17 {set keys=[k] flags=1 data=v}"});
    EXPECT_EQ(text_events("set k -18446744073709551615 0 1\r\nv\r\n"),
              V{"ok 36 {set keys=[k] flags=1 data=v}"});
    EXPECT_EQ(text_events("set k 1\v 0 1\r\nv\r\n"), V{"ok 17 {set keys=[k] flags=1 data=v}"});
    EXPECT_EQ(text_events("set k -1 0 1\r\nv\r\n"),
              (V{"error 14 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 0x10 0 1\r\nv\r\n"),
              (V{"error 16 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 18446744073709551616 0 1\r\nv\r\n"),
              (V{"error 32 " + kBadFormat, "error 3 " + kError}));
}

TEST(TextStorage, ExptimeIsA32BitSignedValue) {
    EXPECT_EQ(text_events("set k 0 -1 1\r\nv\r\n"), V{"ok 17 {set keys=[k] exptime=-1 data=v}"});
    EXPECT_EQ(text_events("set k 0 2147483648 1\r\nv\r\n"),
              V{"ok 25 {set keys=[k] exptime=-2147483648 data=v}"});
    EXPECT_EQ(text_events("set k 0 4294967297 1\r\nv\r\n"),
              V{"ok 25 {set keys=[k] exptime=1 data=v}"});
    EXPECT_EQ(text_events("set k 0 9223372036854775807 1\r\nv\r\n"),
              V{"ok 34 {set keys=[k] exptime=-1 data=v}"});
    EXPECT_EQ(text_events("set k 0 9223372036854775808 1\r\nv\r\n"),
              (V{"error 31 " + kBadFormat, "error 3 " + kError}));
}

TEST(TextStorage, ByteCounts) {
    EXPECT_EQ(text_events("set k 0 0 -1\r\nv\r\n"),
              (V{"error 14 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 0 0 2147483646\r\n"), V{"error 22 " + kBadFormat});
    EXPECT_EQ(text_events("set k 0 0 2147483647\r\n"), V{"error 22 " + kBadFormat});
    EXPECT_EQ(text_events("set k 0 0 1x\r\nv\r\n"),
              (V{"error 14 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 0 0 +\r\nv\r\n"),
              (V{"error 13 " + kBadFormat, "error 3 " + kError}));
    // Truncated to 32 bits, like flags.
    EXPECT_EQ(text_events("set k 0 0 4294967297\r\nv\r\n"), V{"ok 25 {set keys=[k] data=v}"});
    // Whitespace other than a space ends a number.
    EXPECT_EQ(text_events("set k 0 0 1\t\r\nv\r\n"), V{"ok 17 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k 0 0 1\tx\r\nv\r\n"), V{"ok 18 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k 0 0 \t1\r\nv\r\n"), V{"ok 17 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k 0 0 1\r\r\nv\r\n"), V{"ok 17 {set keys=[k] data=v}"});
    EXPECT_EQ(text_events("set k 0 0 01\r\nv\r\n"), V{"ok 17 {set keys=[k] data=v}"});
}

TEST(TextStorage, NoreplySilencesLineErrors) {
    // "noreply" in the bytes position both sets noreply and fails as a number.
    EXPECT_EQ(text_events("set k 0 0 noreply\r\nv\r\n"), (V{"error 19", "error 3 " + kError}));
    EXPECT_EQ(text_events("set k x 0 1 noreply\r\nv\r\n"), (V{"error 21", "error 3 " + kError}));
    EXPECT_EQ(text_events("set k 0 0 -1 noreply\r\nv\r\n"), (V{"error 22", "error 3 " + kError}));
}

TEST(TextStorage, CasUnique) {
    EXPECT_EQ(text_events("cas k 0 0 1 18446744073709551615\r\nv\r\n"),
              V{"ok 37 {cas keys=[k] cas=18446744073709551615 data=v}"});
    EXPECT_EQ(text_events("cas k 0 0 1 abc\r\nv\r\n"),
              (V{"error 17 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("cas k 0 0 1 -1\r\nv\r\n"),
              (V{"error 16 " + kBadFormat, "error 3 " + kError}));
    EXPECT_EQ(text_events("cas k 0 0 1 18446744073709551616\r\nv\r\n"),
              (V{"error 34 " + kBadFormat, "error 3 " + kError}));
}

// With a 100-byte item limit, key "k" and flags 0 leave room for 40 value bytes: memcached
// charges 59 bytes of overhead per item, plus 4 when flags are non-zero.
Limits small_items() {
    Limits l;
    l.max_item_size = 100;
    return l;
}

TEST(TextStorage, ItemSizeBoundary) {
    std::string v40(40, 'x'), v41(41, 'x'), v36(36, 'x'), v37(37, 'x');
    EXPECT_EQ(text_events("set k 0 0 40\r\n" + v40 + "\r\n", small_items()),
              V{"ok 56 {set keys=[k] data=" + v40 + "}"});
    EXPECT_EQ(text_events("set k 1 0 36\r\n" + v36 + "\r\n", small_items()),
              V{"ok 52 {set keys=[k] flags=1 data=" + v36 + "}"});
    const std::string too_large = "'SERVER_ERROR object too large for cache\\r\\n'";
    EXPECT_EQ(text_events("set k 0 0 41\r\n" + v41 + "\r\n", small_items()),
              V{"error 57 invalidate " + too_large + " {set keys=[k]}"});
    EXPECT_EQ(text_events("set k 1 0 37\r\n" + v37 + "\r\n", small_items()),
              V{"error 53 invalidate " + too_large + " {set keys=[k] flags=1}"});
}

TEST(TextStorage, TooLargeIsSwallowedThenParsingGoesOn) {
    std::string v(60, 'x');
    const std::string too_large = "'SERVER_ERROR object too large for cache\\r\\n'";
    // The swallow is bytes+2 whatever they are; the next line is parsed normally.
    EXPECT_EQ(text_events("set k 0 0 60\r\n" + v + "\r\nget k\r\n", small_items()),
              (V{"error 76 invalidate " + too_large + " {set keys=[k]}", "ok 7 {get keys=[k]}"}));
    EXPECT_EQ(text_events("set k 0 0 60\r\n" + v + "ABget k\r\n", small_items()),
              (V{"error 76 invalidate " + too_large + " {set keys=[k]}", "ok 7 {get keys=[k]}"}));
    // Only set invalidates the old value.
    EXPECT_EQ(text_events("add k 0 0 60\r\n" + v + "\r\n", small_items()),
              V{"error 76 " + too_large});
    EXPECT_EQ(text_events("cas k 0 0 60 1\r\n" + v + "\r\n", small_items()),
              V{"error 78 " + too_large});
    // noreply silences the error but not the swallow.
    EXPECT_EQ(text_events("set k 0 0 60 noreply\r\n" + v + "\r\n", small_items()),
              V{"error 84 invalidate {set keys=[k] noreply}"});
}

TEST(TextStorage, TooLargeWithTheDataStillToCome) {
    // The reply does not wait for the value; the value is dropped as it arrives.
    EXPECT_EQ(
        text_events("set k 0 0 60\r\nxxxx", small_items()),
        V{"error 18 invalidate 'SERVER_ERROR object too large for cache\\r\\n' {set keys=[k]}"});
}

TEST(TextStorage, DefaultItemLimitMatchesMemcached) {
    Limits l;
    EXPECT_FALSE(exceeds_item_size(l, 1, 0, 1048516));
    EXPECT_TRUE(exceeds_item_size(l, 1, 0, 1048517));
    EXPECT_FALSE(exceeds_item_size(l, 1, 1, 1048512));
    EXPECT_TRUE(exceeds_item_size(l, 1, 1, 1048513));
    EXPECT_FALSE(exceeds_item_size(l, 250, 0, 1048516 - 249));
    EXPECT_TRUE(exceeds_item_size(l, 250, 0, 1048516 - 248));
}

TEST(TextStorage, WaitsForTheWholeDataBlock) {
    EXPECT_EQ(text_events("set k 0 0 5\r\nab"), V{"leftover 15"});
    EXPECT_EQ(text_events("set k 0 0 1\r\nv\r"), V{"leftover 15"});
}

}  // namespace
}  // namespace larder::memcache::testing
