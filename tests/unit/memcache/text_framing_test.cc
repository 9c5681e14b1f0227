// Line framing and limits of the text parser: over-long lines, multiget exemptions, values
// arriving in many reads, and the calling contract.
#include <gtest/gtest.h>

#include <string>

#include "feed.h"

namespace larder::memcache::testing {
namespace {

using V = std::vector<std::string>;

TEST(TextFraming, LongLineWithoutNewlineClosesSilently) {
    // memcached closes once 2049 bytes sit in its buffer without a newline.
    EXPECT_EQ(text_events(std::string(2049, 'x')), V{"error 0 close"});
    EXPECT_EQ(text_events(std::string(2048, 'x')), V{"leftover 2048"});
}

TEST(TextFraming, LineLimitCountsBytesBeforeTheNewline) {
    EXPECT_EQ(text_events(std::string(2048, 'x') + "\n"), V{"error 2049 'ERROR\\r\\n'"});
    EXPECT_EQ(text_events(std::string(2047, 'x') + "\r\n"), V{"error 2049 'ERROR\\r\\n'"});
    // memcached would take this line if it arrived in one read and close if it trickled in;
    // Larder closes either way, so the outcome never depends on the split.
    EXPECT_EQ(text_events(std::string(2049, 'x') + "\n"), V{"error 0 close"});
    EXPECT_EQ(text_events("delete " + std::string(3000, 'k') + "\r\n"), V{"error 0 close"});
}

TEST(TextFraming, MultigetsMayBeLong) {
    const std::string bad = "'CLIENT_ERROR bad command line format\\r\\n'";
    EXPECT_EQ(text_events("get " + std::string(3000, 'k') + "\r\n"), V{"error 3006 " + bad});
    EXPECT_EQ(text_events("gets " + std::string(3000, 'k') + "\r\n"), V{"error 3007 " + bad});
    EXPECT_EQ(text_events("gat 0 " + std::string(3000, 'k') + "\r\n"), V{"error 3008 " + bad});
    // At most 100 leading spaces, and the name must be followed by a space.
    EXPECT_EQ(text_events(std::string(100, ' ') + "get " + std::string(3000, 'k') + "\r\n"),
              V{"error 3106 " + bad});
    EXPECT_EQ(text_events(std::string(101, ' ') + "get " + std::string(3000, 'k') + "\r\n"),
              V{"error 0 close"});
    EXPECT_EQ(text_events("get\t" + std::string(3000, 'k') + "\r\n"), V{"error 0 close"});
}

TEST(TextFraming, ManyKeysOnOneLine) {
    std::string line = "get";
    for (int i = 0; i < 700; ++i) line += " key" + std::to_string(i);
    line += "\r\n";
    ASSERT_GT(line.size(), 2048u);
    FeedResult whole = feed_text({line});
    ASSERT_EQ(whole.events.size(), 1u);
    EXPECT_EQ(whole.events[0].status, ParseStatus::ok);
    EXPECT_EQ(whole.events[0].consumed, line.size());
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < line.size(); ++i) bytes.push_back(std::string_view(line).substr(i, 1));
    EXPECT_EQ(feed_text(bytes), whole);
}

TEST(TextFraming, RetrievalLineLimit) {
    Limits l;
    l.max_line_len = 20;
    l.max_key_len = 5;
    l.max_keys_per_get = 2;  // retrieval lines up to 2 * 6 + 20 = 32 bytes
    ASSERT_EQ(l.retrieval_line_limit(), 32u);
    // The limit counts the bytes before '\n', '\r' included.
    EXPECT_EQ(text_events("get aaaaa bbbbb                \r\n", l),
              V{"ok 33 {get keys=[aaaaa,bbbbb]}"});
    EXPECT_EQ(text_events("get aaaaa bbbbb                 \r\n", l), V{"error 0 close"});
    EXPECT_EQ(text_events("set k 0 0 1                 \r\nv\r\n", l), V{"error 0 close"});
}

TEST(TextFraming, MegabyteValueInOneByteReads) {
    // 1048516 bytes is the largest value memcached takes under key "k" with the 1 MiB limit.
    std::string value(1048516, 'v');
    value[1000] = '\r';
    value[1001] = '\n';
    std::string input = "set k 0 0 1048516\r\n" + value + "\r\nget k\r\n";
    std::vector<std::string_view> bytes;
    bytes.reserve(input.size());
    for (size_t i = 0; i < input.size(); ++i) bytes.push_back(std::string_view(input).substr(i, 1));
    FeedResult r = feed_text(bytes);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].status, ParseStatus::ok);
    EXPECT_EQ(r.events[0].consumed, 19 + value.size() + 2);
    EXPECT_EQ(r.events[1].request, "get keys=[k]");
    EXPECT_EQ(r, feed_text({input}));
}

TEST(TextFraming, OversizedValueSwallowedInOneByteReads) {
    std::string input = "set k 0 0 3000000\r\n" + std::string(3000000, 'v') + "\r\nget k\r\n";
    std::vector<std::string_view> pieces;
    for (size_t i = 0; i < input.size(); i += 7)
        pieces.push_back(std::string_view(input).substr(i, 7));
    FeedResult r = feed_text(pieces);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].reply, "SERVER_ERROR object too large for cache\r\n");
    EXPECT_EQ(r.events[0].consumed, 19 + 3000002u);
    EXPECT_EQ(r.events[1].request, "get keys=[k]");
}

TEST(TextParserApi, RequestViewsPointIntoTheInput) {
    TextParser parser;
    TextRequest req;
    std::string input = "set key 1 2 5\r\nhello\r\n";
    ParseResult r = parser.parse(input, req);
    ASSERT_EQ(r.status, ParseStatus::ok);
    EXPECT_EQ(req.cmd, TextCommand::set);
    EXPECT_EQ(req.key(), "key");
    EXPECT_EQ(req.keys[0].data(), input.data() + 4);
    EXPECT_EQ(req.data.data(), input.data() + 15);
    EXPECT_EQ(req.data, "hello");
    EXPECT_EQ(req.flags, 1u);
    EXPECT_EQ(req.exptime, 2);
}

TEST(TextParserApi, TheBufferMayMoveBetweenCalls) {
    TextParser parser;
    TextRequest req;
    std::string first = "set k 0 0 5\r\nhel";
    ASSERT_EQ(parser.parse(first, req).status, ParseStatus::need_more);
    std::string moved = first + "lo\r\n";  // a different allocation
    ParseResult r = parser.parse(moved, req);
    ASSERT_EQ(r.status, ParseStatus::ok);
    EXPECT_EQ(req.data, "hello");
    EXPECT_EQ(req.data.data(), moved.data() + 13);
    EXPECT_EQ(req.key().data(), moved.data() + 4);
}

TEST(TextParserApi, ResetForgetsAPartialRequest) {
    TextParser parser;
    TextRequest req;
    ASSERT_EQ(parser.parse("set k 0 0 5\r\nhel", req).status, ParseStatus::need_more);
    parser.reset();
    ParseResult r = parser.parse("get k\r\n", req);
    EXPECT_EQ(r.status, ParseStatus::ok);
    EXPECT_EQ(req.cmd, TextCommand::get);
}

TEST(TextParserApi, SetLimits) {
    TextParser parser;
    Limits l;
    l.max_key_len = 3;
    parser.set_limits(l);
    EXPECT_EQ(parser.limits().max_key_len, 3u);
    TextRequest req;
    ParseResult r = parser.parse("get abcd\r\n", req);
    EXPECT_EQ(r.status, ParseStatus::error);
    EXPECT_EQ(r.reply, "CLIENT_ERROR bad command line format\r\n");
}

}  // namespace
}  // namespace larder::memcache::testing
