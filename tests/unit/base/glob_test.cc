// Redis's stringmatchlen semantics, with and without nocase.
#include <gtest/gtest.h>

#include <string>

#include "src/base/glob.h"

namespace larder::base {
namespace {

// ---- nocase, as CONFIG GET matches -------------------------------------------------------

TEST(GlobMatch, Cases) {
    struct Case {
        const char* pattern;
        const char* text;
        bool match;
    };
    const Case cases[] = {
        {"", "", true},
        {"", "a", false},
        {"*", "", true},
        {"**", "anything", true},
        {"a", "", false},
        {"maxmemory", "MAXMEMORY", true},
        {"max*", "maxmemory-policy", true},
        {"*policy", "maxmemory-policy", true},
        {"*memory*", "maxmemory-policy", true},
        {"*memory", "maxmemory-policy", false},
        {"?z", "hz", true},
        {"??", "hz", true},
        {"???", "hz", false},
        {"h?", "h", false},
        {"a*b", "ab", true},
        {"a*b", "acccb", true},
        {"a*b", "acbd", false},
        {"*a*b*c", "xaybzc", true},
        {"*a*b*c", "xaybzcd", false},
        {"[abc]", "b", true},
        {"[abc]", "B", true},
        {"[abc]", "d", false},
        {"[^abc]", "d", true},
        {"[^abc]", "a", false},
        {"[a-c]x", "bx", true},
        {"[c-a]x", "bx", true},  // reversed range
        {"[A-C]", "b", true},
        {"[a-c]", "d", false},
        {"[^a-c]", "d", true},
        {"[a-cx]", "x", true},
        {"[\\]]", "]", true},
        {"[\\-]", "-", true},
        {"[]a", "a", false},  // "[]" is an empty set, which matches nothing
        {"[abc", "a", true},  // unterminated: runs to the end of the pattern
        {"[abc", "d", false},
        {"\\*", "*", true},
        {"\\*", "a", false},
        {"\\?", "?", true},
        {"a\\", "a\\", true},  // a trailing backslash is literal
        {"m*-p??icy", "maxmemory-policy", true},
        {"tls-*-file", "tls-cert-file", true},
        {"*-*", "hz", false},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(glob_match(c.pattern, c.text, /*nocase=*/true), c.match)
            << "pattern '" << c.pattern << "' text '" << c.text << "'";
    }
}

TEST(GlobMatch, ManyStarsStayFast) {
    std::string text(2000, 'a');
    std::string pattern;
    for (int i = 0; i < 30; ++i) pattern += "*a";
    EXPECT_TRUE(glob_match(pattern, text, true));
    EXPECT_FALSE(glob_match(pattern + "b", text, true));
}

// ---- exact bytes (KEYS, SCAN MATCH, PSUBSCRIBE) ------------------------------------------

TEST(GlobMatch, CaseMattersWithoutNocase) {
    EXPECT_FALSE(glob_match("maxmemory", "MAXMEMORY"));
    EXPECT_FALSE(glob_match("[abc]", "B"));
    EXPECT_FALSE(glob_match("[A-C]", "b"));
    EXPECT_TRUE(glob_match("[A-C]", "B"));
    EXPECT_TRUE(glob_match("user:*", "user:1000"));
    EXPECT_FALSE(glob_match("user:*", "User:1000"));
}

TEST(GlobMatch, AnyBytesInKeys) {
    EXPECT_TRUE(glob_match(std::string("a\0*", 3), std::string("a\0bc", 4)));
    EXPECT_FALSE(glob_match(std::string("a\0*", 3), std::string("a\1bc", 4)));
    EXPECT_TRUE(glob_match("*", std::string("\xff\x00\n", 3)));
    EXPECT_TRUE(glob_match("h?llo", "h\xe9llo"));       // one byte
    EXPECT_FALSE(glob_match("h?llo", "h\xc3\xa9llo"));  // ? is one byte; UTF-8 é is two
    EXPECT_TRUE(glob_match("h??llo", "h\xc3\xa9llo"));
}

}  // namespace
}  // namespace larder::base
