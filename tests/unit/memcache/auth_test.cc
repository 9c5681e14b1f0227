// The text-protocol login (memcached -Y) at every split point, and SASL PLAIN messages.
#include "protocols/memcache/auth.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "feed.h"

namespace larder::memcache {
namespace {

// Feeds the input in the given pieces; one string per outcome.
std::vector<std::string> logins(const std::vector<std::string_view>& chunks) {
    std::vector<std::string> out;
    std::string buf;
    for (std::string_view c : chunks) {
        buf.append(c);
        for (;;) {
            TextLogin r = parse_text_login(buf);
            if (r.kind == TextLogin::Kind::need_more) {
                EXPECT_EQ(r.consumed, 0u);
                break;
            }
            switch (r.kind) {
                case TextLogin::Kind::reply:
                    out.push_back(std::to_string(r.consumed) + " " + testing::printable(r.reply));
                    break;
                case TextLogin::Kind::login:
                    out.push_back(std::to_string(r.consumed) + " login " + std::string(r.user) +
                                  "/" + std::string(r.password));
                    break;
                case TextLogin::Kind::close:
                    out.push_back("close");
                    return out;
                case TextLogin::Kind::need_more:
                    break;
            }
            buf.erase(0, r.consumed);
        }
    }
    if (!buf.empty()) out.push_back("leftover " + std::to_string(buf.size()));
    return out;
}

std::vector<std::string> every_split(std::string_view input) {
    std::vector<std::string> whole = logins({input});
    for (const auto& chunks : testing::splits_of(input)) {
        EXPECT_EQ(logins(chunks), whole) << testing::printable(input);
    }
    return whole;
}

using V = std::vector<std::string>;

TEST(TextLogin, Success) {
    EXPECT_EQ(every_split("set x 0 0 9\r\nuser pass\r\n"), V{"24 login user/pass"});
    // noreply and other tokens after the length are ignored; so are extra words.
    EXPECT_EQ(every_split("set x 0 0 14 noreply\r\nuser pass more\r\n"), V{"38 login user/pass"});
    EXPECT_EQ(every_split("set k 1 2 9\nuser pass\r\nget k\r\n"),
              (V{"23 login user/pass", "7 CLIENT_ERROR unauthenticated\\r\\n"}));
}

TEST(TextLogin, AnythingElseIsUnauthenticated) {
    EXPECT_EQ(every_split("get k\r\n"), V{"7 CLIENT_ERROR unauthenticated\\r\\n"});
    EXPECT_EQ(every_split("set x 0 0\r\n"), V{"11 CLIENT_ERROR unauthenticated\\r\\n"});
    EXPECT_EQ(every_split("add x 0 0 9\r\n"), V{"13 CLIENT_ERROR unauthenticated\\r\\n"});
    EXPECT_EQ(every_split("set x 0 0 abc\r\n"), V{"15 CLIENT_ERROR unauthenticated\\r\\n"});
    EXPECT_EQ(every_split("\r\n"), V{"2 CLIENT_ERROR unauthenticated\\r\\n"});
}

TEST(TextLogin, MalformedBlocks) {
    EXPECT_EQ(every_split("set x 0 0 4\r\nuser\r\n"),
              V{"19 CLIENT_ERROR bad authentication token format\\r\\n"});
    EXPECT_EQ(every_split("set x 0 0 4\r\nuserXX"),
              V{"19 CLIENT_ERROR bad command line termination\\r\\n"});
    EXPECT_EQ(every_split(std::string_view("set x 0 0 9\r\nus\0r pass\r\n", 24)),
              V{"24 CLIENT_ERROR bad authentication token format\\r\\n"});
}

TEST(TextLogin, Limits) {
    EXPECT_EQ(logins({std::string(3000, 'x')}), V{"close"});
    EXPECT_EQ(logins({std::string(2000, 'x')}), V{"leftover 2000"});
    EXPECT_EQ(logins({"set x 0 0 99999999\r\n"}), V{"close"});
    EXPECT_EQ(logins({"set x 0 0 9\r\nuser"}), V{"leftover 17"});
}

TEST(SaslPlain, Messages) {
    auto plain = [](std::string_view m) {
        auto c = parse_sasl_plain(m);
        return c ? std::string(c->user) + "/" + std::string(c->password) : std::string("-");
    };
    EXPECT_EQ(plain(std::string_view("\0user\0pass", 10)), "user/pass");
    EXPECT_EQ(plain(std::string_view("user\0user\0pass", 14)), "user/pass");
    EXPECT_EQ(plain(std::string_view("\0user\0", 6)), "user/");
    EXPECT_EQ(plain(std::string_view("other\0user\0pass", 15)), "-");
    EXPECT_EQ(plain(std::string_view("\0\0pass", 6)), "-");
    EXPECT_EQ(plain("userpass"), "-");
    EXPECT_EQ(plain(std::string_view("\0user", 5)), "-");
    EXPECT_EQ(plain(std::string_view("\0u\0p\0q", 6)), "-");
}

}  // namespace
}  // namespace larder::memcache
