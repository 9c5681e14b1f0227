// incr/decr, delete, touch, flush_all, verbosity, version, quit, stats and unknown commands,
// with memcached 1.6.18's arity, noreply and argument errors.
#include <gtest/gtest.h>

#include <string>

#include "feed.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;
const std::string kBadFormat = "'CLIENT_ERROR bad command line format\\r\\n'";
const std::string kError = "'ERROR\\r\\n'";
const std::string kBadExptime = "'CLIENT_ERROR invalid exptime argument\\r\\n'";
const std::string kBadDelta = "'CLIENT_ERROR invalid numeric delta argument\\r\\n'";
const std::string kDeleteUsage =
    "'CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\\r\\n'";

TEST(TextArithmetic, IncrDecr) {
    EXPECT_EQ(text_events("incr k 5\r\n"), V{"ok 10 {incr keys=[k] delta=5}"});
    EXPECT_EQ(text_events("decr k 100\r\n"), V{"ok 12 {decr keys=[k] delta=100}"});
    EXPECT_EQ(text_events("incr k 18446744073709551615\r\n"),
              V{"ok 29 {incr keys=[k] delta=18446744073709551615}"});
    EXPECT_EQ(text_events("incr k -0\r\n"), V{"ok 11 {incr keys=[k]}"});
    EXPECT_EQ(text_events("incr k +7\r\n"), V{"ok 11 {incr keys=[k] delta=7}"});
    EXPECT_EQ(text_events("incr k -18446744073709551615\r\n"), V{"ok 30 {incr keys=[k] delta=1}"});
}

TEST(TextArithmetic, BadDelta) {
    EXPECT_EQ(text_events("incr k x\r\n"), V{"error 10 " + kBadDelta});
    EXPECT_EQ(text_events("incr k -1\r\n"), V{"error 11 " + kBadDelta});
    EXPECT_EQ(text_events("incr k 0x5\r\n"), V{"error 12 " + kBadDelta});
    EXPECT_EQ(text_events("incr k 18446744073709551616\r\n"), V{"error 29 " + kBadDelta});
}

TEST(TextArithmetic, NoreplyAndArity) {
    EXPECT_EQ(text_events("incr k 1 noreply\r\n"), V{"ok 18 {incr keys=[k] delta=1 noreply}"});
    EXPECT_EQ(text_events("incr k x noreply\r\n"), V{"error 18"});
    EXPECT_EQ(text_events("incr k\r\n"), V{"error 8 " + kError});
    EXPECT_EQ(text_events("incr k 1 2\r\n"), V{"ok 12 {incr keys=[k] delta=1}"});
    EXPECT_EQ(text_events("incr k 1 2 3\r\n"), V{"error 14 " + kError});
    EXPECT_EQ(text_events("incr " + std::string(251, 'a') + " 1\r\n"),
              V{"error 260 " + kBadFormat});
}

TEST(TextDelete, Forms) {
    EXPECT_EQ(text_events("delete k\r\n"), V{"ok 10 {delete keys=[k]}"});
    EXPECT_EQ(text_events("delete k 0\r\n"), V{"ok 12 {delete keys=[k]}"});
    EXPECT_EQ(text_events("delete k noreply\r\n"), V{"ok 18 {delete keys=[k] noreply}"});
    EXPECT_EQ(text_events("delete k 0 noreply\r\n"), V{"ok 20 {delete keys=[k] noreply}"});
    // With nothing after it, "noreply" is the key.
    EXPECT_EQ(text_events("delete noreply\r\n"), V{"ok 16 {delete keys=[noreply]}"});
}

TEST(TextDelete, OnlyAZeroHoldTime) {
    EXPECT_EQ(text_events("delete k 1\r\n"), V{"error 12 " + kDeleteUsage});
    EXPECT_EQ(text_events("delete k 00\r\n"), V{"error 13 " + kDeleteUsage});
    EXPECT_EQ(text_events("delete k x y\r\n"), V{"error 14 " + kDeleteUsage});
    EXPECT_EQ(text_events("delete k 1 noreply\r\n"), V{"error 20"});
    EXPECT_EQ(text_events("delete k 0 noreply x\r\n"), V{"error 22 " + kError});
    EXPECT_EQ(text_events("delete\r\n"), V{"error 8 " + kError});
    EXPECT_EQ(text_events("delete " + std::string(251, 'a') + "\r\n"),
              V{"error 260 " + kBadFormat});
}

TEST(TextTouch, Forms) {
    EXPECT_EQ(text_events("touch k 10\r\n"), V{"ok 12 {touch keys=[k] exptime=10}"});
    EXPECT_EQ(text_events("touch k 1 2\r\n"), V{"ok 13 {touch keys=[k] exptime=1}"});
    EXPECT_EQ(text_events("touch k 1 noreply\r\n"), V{"ok 19 {touch keys=[k] exptime=1 noreply}"});
    EXPECT_EQ(text_events("touch k x\r\n"), V{"error 11 " + kBadExptime});
    EXPECT_EQ(text_events("touch k x noreply\r\n"), V{"error 19"});
    EXPECT_EQ(text_events("touch k\r\n"), V{"error 9 " + kError});
    EXPECT_EQ(text_events("touch " + std::string(251, 'a') + " 1\r\n"),
              V{"error 261 " + kBadFormat});
}

TEST(TextFlushAll, Forms) {
    EXPECT_EQ(text_events("flush_all\r\n"), V{"ok 11 {flush_all}"});
    EXPECT_EQ(text_events("flush_all 0\r\n"), V{"ok 13 {flush_all args=[0]}"});
    EXPECT_EQ(text_events("flush_all -1\r\n"), V{"ok 14 {flush_all exptime=-1 args=[-1]}"});
    EXPECT_EQ(text_events("flush_all 10 noreply\r\n"),
              V{"ok 22 {flush_all exptime=10 noreply args=[10,noreply]}"});
    EXPECT_EQ(text_events("flush_all noreply\r\n"), V{"ok 19 {flush_all noreply args=[noreply]}"});
    EXPECT_EQ(text_events("flush_all 1 2\r\n"), V{"ok 15 {flush_all exptime=1 args=[1,2]}"});
    EXPECT_EQ(text_events("flush_all x\r\n"), V{"error 13 " + kBadExptime});
    EXPECT_EQ(text_events("flush_all noreply 5\r\n"), V{"error 21 " + kBadExptime});
    EXPECT_EQ(text_events("flush_all 1 2 3\r\n"), V{"error 17 " + kError});
}

TEST(TextVerbosity, Forms) {
    EXPECT_EQ(text_events("verbosity 1\r\n"), V{"ok 13 {verbosity delta=1 args=[1]}"});
    EXPECT_EQ(text_events("verbosity 1 noreply\r\n"),
              V{"ok 21 {verbosity delta=1 noreply args=[1,noreply]}"});
    EXPECT_EQ(text_events("verbosity 1 2\r\n"), V{"ok 15 {verbosity delta=1 args=[1,2]}"});
    EXPECT_EQ(text_events("verbosity\r\n"), V{"error 11 " + kError});
    EXPECT_EQ(text_events("verbosity x\r\n"), V{"error 13 " + kBadFormat});
    EXPECT_EQ(text_events("verbosity noreply\r\n"), V{"error 19"});
    EXPECT_EQ(text_events("verbosity 1 2 3\r\n"), V{"error 17 " + kError});
}

TEST(TextAdmin, VersionQuitStats) {
    EXPECT_EQ(text_events("version\r\n"), V{"ok 9 {version}"});
    EXPECT_EQ(text_events("version x y z\r\n"), V{"ok 15 {version args=[x,y,z]}"});
    EXPECT_EQ(text_events("quit\r\n"), V{"ok 6 close {quit}"});
    EXPECT_EQ(text_events("quit x\r\nversion\r\n"), V{"ok 8 close {quit args=[x]}"});
    EXPECT_EQ(text_events("stats\r\n"), V{"ok 7 {stats}"});
    EXPECT_EQ(text_events("stats  \r\n"), V{"ok 9 {stats}"});
    EXPECT_EQ(text_events("stats items\r\n"), V{"ok 13 {stats args=[items]}"});
    EXPECT_EQ(text_events("stats detail on\r\n"), V{"ok 17 {stats args=[detail,on]}"});
}

TEST(TextShutdown, ParsedForItsRefusal) {
    EXPECT_EQ(text_events("shutdown\r\n"), V{"ok 10 {shutdown}"});
    EXPECT_EQ(text_events("shutdown graceful\r\n"), V{"ok 19 {shutdown args=[graceful]}"});
}

TEST(TextUnknown, AnswersError) {
    EXPECT_EQ(text_events("foo\r\n"), V{"error 5 " + kError});
    EXPECT_EQ(text_events("\r\n"), V{"error 2 " + kError});
    EXPECT_EQ(text_events("\n"), V{"error 1 " + kError});
    EXPECT_EQ(text_events("   \r\n"), V{"error 5 " + kError});
    EXPECT_EQ(text_events("x\r\n"), V{"error 3 " + kError});
    EXPECT_EQ(text_events("g k\r\n"), V{"error 5 " + kError});
    EXPECT_EQ(text_events(std::string_view("\0get k\r\n", 8)), V{"error 8 " + kError});
    // Two-letter m commands other than the six meta commands are unknown.
    EXPECT_EQ(text_events("mx k\r\n"), V{"error 6 " + kError});
    EXPECT_EQ(text_events("m\r\n"), V{"error 3 " + kError});
}

TEST(TextPipeline, SeveralCommandsInOneRead) {
    EXPECT_EQ(text_events("set a 0 0 1\r\n1\r\nget a b\r\nincr a 1\r\ndelete a\r\n"),
              (V{"ok 16 {set keys=[a] data=1}", "ok 9 {get keys=[a,b]}",
                 "ok 10 {incr keys=[a] delta=1}", "ok 10 {delete keys=[a]}"}));
}

}  // namespace
}  // namespace larder::memcache::testing
