// get/gets/gat/gats/bget lines, as memcached 1.6.18 reads them.
#include <gtest/gtest.h>

#include <string>

#include "feed.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;

TEST(TextRetrieval, GetOneKey) {
    EXPECT_EQ(text_events("get k\r\n"), V{"ok 7 {get keys=[k]}"});
}

TEST(TextRetrieval, GetManyKeys) {
    EXPECT_EQ(text_events("get a bb ccc\r\n"), V{"ok 14 {get keys=[a,bb,ccc]}"});
}

TEST(TextRetrieval, GetsGatGats) {
    EXPECT_EQ(text_events("gets a b\r\n"), V{"ok 10 {gets keys=[a,b]}"});
    EXPECT_EQ(text_events("gat 100 a b\r\n"), V{"ok 13 {gat keys=[a,b] exptime=100}"});
    EXPECT_EQ(text_events("gats -1 a\r\n"), V{"ok 11 {gats keys=[a] exptime=-1}"});
}

TEST(TextRetrieval, GatWithoutKeysIsAnEmptyMultiget) {
    // memcached answers "gat 10" with END.
    EXPECT_EQ(text_events("gat 10\r\n"), V{"ok 8 {gat exptime=10}"});
}

TEST(TextRetrieval, MissingKeysAreUnknownCommands) {
    EXPECT_EQ(text_events("get\r\n"), V{"error 5 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("get \r\n"), V{"error 6 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("gets\r\n"), V{"error 6 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events("gat\r\n"), V{"error 5 'ERROR\\r\\n'"});
}

TEST(TextRetrieval, BadGatExptime) {
    EXPECT_EQ(text_events("gat x k\r\n"),
              V{"error 9 'CLIENT_ERROR invalid exptime argument\\r\\n'"});
}

TEST(TextRetrieval, BgetIsGet) {
    EXPECT_EQ(text_events("bget k\r\n"), V{"ok 8 {get keys=[k]}"});
}

TEST(TextRetrieval, SpacesAroundTokensAreIgnored) {
    EXPECT_EQ(text_events("  get  k   \r\n"), V{"ok 13 {get keys=[k]}"});
}

TEST(TextRetrieval, OnlySpacesSeparate) {
    // Tabs, and a second '\r', belong to the key.
    EXPECT_EQ(text_events("get k\tk\r\n"), V{"ok 9 {get keys=[k\\x09k]}"});
    EXPECT_EQ(text_events("get k\r\r\n"), V{"ok 8 {get keys=[k\\r]}"});
    EXPECT_EQ(text_events("get k\rx\r\n"), V{"ok 9 {get keys=[k\\rx]}"});
}

TEST(TextRetrieval, BareNewlineEndsALine) {
    EXPECT_EQ(text_events("get k\n"), V{"ok 6 {get keys=[k]}"});
}

TEST(TextRetrieval, NulEndsTheLine) {
    EXPECT_EQ(text_events(std::string_view("get k\0junk\r\n", 12)), V{"ok 12 {get keys=[k]}"});
}

TEST(TextRetrieval, CommandNamesAreCaseSensitive) {
    EXPECT_EQ(text_events("GET k\r\n"), V{"error 7 'ERROR\\r\\n'"});
}

TEST(TextRetrieval, NoreplyIsJustAKey) {
    EXPECT_EQ(text_events("get k noreply\r\n"), V{"ok 15 {get keys=[k,noreply]}"});
}

TEST(TextRetrieval, KeyLengthLimit) {
    std::string k250(250, 'a'), k251(251, 'a');
    EXPECT_EQ(text_events("get " + k250 + "\r\n"), V{"ok 256 {get keys=[" + k250 + "]}"});
    const std::string bad = "'CLIENT_ERROR bad command line format\\r\\n'";
    EXPECT_EQ(text_events("get " + k251 + "\r\n"), V{"error 257 " + bad});
    EXPECT_EQ(text_events("get k " + k251 + " k\r\n"), V{"error 261 " + bad});
    EXPECT_EQ(text_events("gat 0 " + k251 + "\r\n"), V{"error 259 " + bad});
}

TEST(TextRetrieval, MoreThanTwentyThreeTokens) {
    std::string line = "get";
    std::string keys;
    for (int i = 0; i < 30; ++i) {
        line += " k" + std::to_string(i);
        keys += (i ? ",k" : "k") + std::to_string(i);
    }
    line += "\r\n";
    EXPECT_EQ(text_events(line),
              V{"ok " + std::to_string(line.size()) + " {get keys=[" + keys + "]}"});
}

TEST(TextRetrieval, TooManyKeys) {
    Limits limits;
    limits.max_keys_per_get = 3;
    EXPECT_EQ(text_events("get a b c\r\n", limits), V{"ok 11 {get keys=[a,b,c]}"});
    EXPECT_EQ(text_events("get a b c d\r\n", limits),
              V{"error 13 'SERVER_ERROR out of memory writing get response\\r\\n'"});
}

}  // namespace
}  // namespace larder::memcache::testing
