// TextResponder writes exactly memcached 1.6.18's reply lines.
#include "protocols/memcache/text_responder.h"

#include <gtest/gtest.h>

#include <string>

namespace larder::memcache {
namespace {

TextRequest request(TextCommand cmd, bool noreply = false) {
    TextRequest r;
    r.cmd = cmd;
    r.noreply = noreply;
    return r;
}

class TextResponderTest : public ::testing::Test {
  protected:
    std::string replies(TextCommand cmd, bool noreply, void (*f)(Responder&)) {
        out.clear();
        r.begin(request(cmd, noreply));
        f(r);
        return std::string(out.view());
    }

    proto::OutBuffer out;
    TextResponder r{out};
};

TEST_F(TextResponderTest, StorageOutcomes) {
    auto say = [&](void (*f)(Responder&)) { return replies(TextCommand::set, false, f); };
    EXPECT_EQ(say([](Responder& r) { r.stored(); }), "STORED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.stored_cas(99); }), "STORED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.not_stored(); }), "NOT_STORED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.exists(); }), "EXISTS\r\n");
    EXPECT_EQ(say([](Responder& r) { r.not_found(); }), "NOT_FOUND\r\n");
    EXPECT_EQ(say([](Responder& r) { r.deleted(); }), "DELETED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.touched(); }), "TOUCHED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.touched(5, 6); }), "TOUCHED\r\n");
    EXPECT_EQ(say([](Responder& r) { r.ok(); }), "OK\r\n");
    EXPECT_EQ(say([](Responder& r) { r.quit(); }), "");
}

TEST_F(TextResponderTest, Values) {
    auto two_values = [](Responder& r) {
        r.value("k", 0, 12, "v");
        r.miss("nokey");
        r.value("key2", 4294967295u, 13, std::string_view("a\r\nb", 4));
        r.end_values();
    };
    EXPECT_EQ(replies(TextCommand::get, false, two_values),
              "VALUE k 0 1\r\nv\r\nVALUE key2 4294967295 4\r\na\r\nb\r\nEND\r\n");
    EXPECT_EQ(replies(TextCommand::gets, false, two_values),
              "VALUE k 0 1 12\r\nv\r\nVALUE key2 4294967295 4 13\r\na\r\nb\r\nEND\r\n");
    EXPECT_EQ(replies(TextCommand::gat, false, two_values),
              "VALUE k 0 1\r\nv\r\nVALUE key2 4294967295 4\r\na\r\nb\r\nEND\r\n");
    EXPECT_EQ(replies(TextCommand::gats, false, two_values),
              "VALUE k 0 1 12\r\nv\r\nVALUE key2 4294967295 4 13\r\na\r\nb\r\nEND\r\n");
    EXPECT_EQ(replies(TextCommand::get, false, [](Responder& r) { r.end_values(); }), "END\r\n");
    EXPECT_EQ(replies(TextCommand::get, false,
                      [](Responder& r) {
                          r.value("e", 1, 0, "");
                          r.end_values();
                      }),
              "VALUE e 1 0\r\n\r\nEND\r\n");
}

TEST_F(TextResponderTest, NumbersVersionStats) {
    EXPECT_EQ(
        replies(TextCommand::incr, false, [](Responder& r) { r.number(18446744073709551615u, 1); }),
        "18446744073709551615\r\n");
    EXPECT_EQ(replies(TextCommand::decr, false, [](Responder& r) { r.number(0, 1); }), "0\r\n");
    EXPECT_EQ(replies(TextCommand::version, false, [](Responder& r) { r.version("1.6.18"); }),
              "VERSION 1.6.18\r\n");
    EXPECT_EQ(replies(TextCommand::stats, false,
                      [](Responder& r) {
                          r.stat("pid", "3957");
                          r.stat("version", "1.6.18");
                          r.end_stats();
                      }),
              "STAT pid 3957\r\nSTAT version 1.6.18\r\nEND\r\n");
}

TEST_F(TextResponderTest, Errors) {
    auto say = [&](void (*f)(Responder&)) { return replies(TextCommand::incr, false, f); };
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::generic); }), "ERROR\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::unknown_command); }), "ERROR\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::client, "bad data chunk"); }),
              "CLIENT_ERROR bad data chunk\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::server, "out of memory"); }),
              "SERVER_ERROR out of memory\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::non_numeric); }),
              "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::too_large); }),
              "SERVER_ERROR object too large for cache\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::out_of_memory); }),
              "SERVER_ERROR out of memory storing object\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::out_of_memory, "out of memory"); }),
              "SERVER_ERROR out of memory\r\n");
    EXPECT_EQ(say([](Responder& r) { r.error(ErrorKind::invalid_arguments); }),
              "CLIENT_ERROR bad command line format\r\n");
}

TEST_F(TextResponderTest, StatsGroupsOutcomes) {
    auto say = [&](void (*f)(Responder&)) { return replies(TextCommand::stats, false, f); };
    EXPECT_EQ(say([](Responder& r) { r.stats_reset(); }), "RESET\r\n");
    EXPECT_EQ(
        say([](Responder& r) { r.stats_dump("PREFIX a get 1 hit 1 set 0 del 0\r\nEND\r\n"); }),
        "PREFIX a get 1 hit 1 set 0 del 0\r\nEND\r\n");
    EXPECT_EQ(say([](Responder& r) { r.no_such_stats(); }), "ERROR\r\n");
    EXPECT_EQ(say([](Responder& r) { r.no_such_stats("usage: stats detail on|off|dump"); }),
              "CLIENT_ERROR usage: stats detail on|off|dump\r\n");
    out.clear();
    r.begin(request(TextCommand::shutdown));
    r.shutdown_refused();
    EXPECT_EQ(out.view(), "ERROR: shutdown not enabled\r\n");
}

TEST_F(TextResponderTest, NoreplySilencesEverything) {
    auto all = [](Responder& r) {
        r.stored();
        r.not_stored();
        r.exists();
        r.not_found();
        r.deleted();
        r.touched();
        r.ok();
        r.number(5, 0);
        r.error(ErrorKind::non_numeric);
        r.error(ErrorKind::out_of_memory);
    };
    EXPECT_EQ(replies(TextCommand::set, true, all), "");
    EXPECT_EQ(replies(TextCommand::incr, true, all), "");
    // The next request without noreply is answered again.
    EXPECT_EQ(replies(TextCommand::incr, false, [](Responder& r) { r.number(5, 0); }), "5\r\n");
}

}  // namespace
}  // namespace larder::memcache
