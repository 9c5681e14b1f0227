// The memcached stats table: which row each text `stats` line and binary STAT key picks
// (memcached 1.6's matching: text by whole tokens, binary reset/settings/detail by prefix),
// and what the rows answer, through a session as the network would drive it.
#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/server/memcache/stats.h"
#include "tests/unit/server/server_harness.h"

namespace larder::server::memcache_ops {
namespace {

using Args = std::vector<std::string_view>;

// The tokens a text client sends after `stats` to name `g`.
Args text_tokens(const StatsGroup& g) {
    Args args;
    if (!g.text.empty()) args.push_back(g.text);
    if (!g.text_sub.empty()) args.push_back(g.text_sub);
    return args;
}

std::string_view text_name(std::initializer_list<std::string_view> args) {
    return text_stats_group(Args(args)).name;
}

std::string_view binary_name(std::string_view key) {
    return binary_stats_group(key).name;
}

const StatsGroup& row(std::string_view name) {
    for (const StatsGroup& g : stats_groups())
        if (g.name == name) return g;
    ADD_FAILURE() << "no row named " << name;
    return unknown_stats_group();
}

// ---- the table ---------------------------------------------------------------------------

TEST(StatsGroups, MemcachedGroupsAreAllRows) {
    std::set<std::string_view> names;
    for (const StatsGroup& g : stats_groups()) {
        EXPECT_TRUE(names.insert(g.name).second) << "two rows named " << g.name;
        EXPECT_NE(g.answer, nullptr) << g.name;
    }
    EXPECT_EQ(names, (std::set<std::string_view>{"general", "settings", "items", "slabs", "sizes",
                                                 "conns", "reset", "detail on", "detail off",
                                                 "detail dump", "detail usage", "cachedump"}));
    EXPECT_EQ(names.count(unknown_stats_group().name), 0u);
}

TEST(StatsGroups, EveryRowsTextNameResolvesToIt) {
    for (const StatsGroup& g : stats_groups()) {
        Args args = text_tokens(g);
        EXPECT_EQ(&text_stats_group(args), &g) << g.name;
        // Tokens past the ones a group checks are ignored, as memcached ignores them.
        if (args.empty()) continue;
        args.push_back("extra");
        EXPECT_EQ(&text_stats_group(args), &g) << g.name << " extra";
    }
}

TEST(StatsGroups, EveryBinaryRowsKeyResolvesToIt) {
    for (const StatsGroup& g : stats_groups()) {
        if (g.binary == BinaryStatsMatch::none) continue;
        EXPECT_EQ(&binary_stats_group(g.binary_key), &g) << g.name;
        // The binary key is the text line's tokens joined, as memcached spells both.
        std::string joined(g.text);
        if (!g.text_sub.empty()) joined += " " + std::string(g.text_sub);
        EXPECT_EQ(g.binary_key, joined) << g.name;
    }
}

// ---- text --------------------------------------------------------------------------------

TEST(StatsGroups, TextMatchesWholeTokens) {
    EXPECT_EQ(text_name({}), "general");
    EXPECT_EQ(text_name({"settings"}), "settings");
    EXPECT_EQ(text_name({"conns"}), "conns");
    EXPECT_EQ(text_name({"reset", "extra"}), "reset");
    EXPECT_EQ(text_name({"resetx"}), "unknown");
    EXPECT_EQ(text_name({"setting"}), "unknown");
    EXPECT_EQ(text_name({"Items"}), "unknown");
    EXPECT_EQ(text_name({"itemsx"}), "unknown");
    EXPECT_EQ(text_name({"sizes_enable"}), "unknown");
    EXPECT_EQ(text_name({"nosuch"}), "unknown");
    EXPECT_EQ(text_name({""}), "unknown");
}

TEST(StatsGroups, TextDetailWithoutAValidSubcommandIsUsage) {
    EXPECT_EQ(text_name({"detail"}), "detail usage");
    EXPECT_EQ(text_name({"detail", "bogus"}), "detail usage");
    EXPECT_EQ(text_name({"detail", "ON"}), "detail usage");
    EXPECT_EQ(text_name({"detail", "onx"}), "detail usage");
    EXPECT_EQ(text_name({"detail", "on"}), "detail on");
    EXPECT_EQ(text_name({"detail", "off"}), "detail off");
    EXPECT_EQ(text_name({"detail", "dump", "extra"}), "detail dump");
    EXPECT_EQ(text_name({"detailon"}), "unknown");
}

// ---- binary ------------------------------------------------------------------------------

TEST(StatsGroups, BinaryMatchesResetSettingsAndDetailByPrefix) {
    EXPECT_EQ(binary_name(""), "general");
    EXPECT_EQ(binary_name("reset"), "reset");
    EXPECT_EQ(binary_name("resetx"), "reset");
    EXPECT_EQ(binary_name("reset all"), "reset");
    EXPECT_EQ(binary_name("settingsfoo"), "settings");
    EXPECT_EQ(binary_name("detail on"), "detail on");
    EXPECT_EQ(binary_name("detail onion"), "detail on");
    EXPECT_EQ(binary_name("detail offx"), "detail off");
    EXPECT_EQ(binary_name("detail dumpster"), "detail dump");
}

TEST(StatsGroups, BinaryMatchesEngineGroupsWhole) {
    EXPECT_EQ(binary_name("items"), "items");
    EXPECT_EQ(binary_name("slabs"), "slabs");
    EXPECT_EQ(binary_name("sizes"), "sizes");
    EXPECT_EQ(binary_name("itemsx"), "unknown");
    EXPECT_EQ(binary_name("items "), "unknown");
    EXPECT_EQ(binary_name("slab"), "unknown");
}

TEST(StatsGroups, BinaryHasNoConnsCachedumpOrDetailUsage) {
    EXPECT_EQ(row("conns").binary, BinaryStatsMatch::none);
    EXPECT_EQ(binary_name("conns"), "unknown");
    EXPECT_EQ(binary_name("cachedump"), "unknown");
    EXPECT_EQ(binary_name("cachedump 1 1"), "unknown");
    EXPECT_EQ(binary_name("detail"), "unknown");
    EXPECT_EQ(binary_name("detail bogus"), "unknown");
    EXPECT_EQ(binary_name("detailon"), "unknown");
    EXPECT_EQ(binary_name("rese"), "unknown");
    EXPECT_EQ(binary_name("nosuch"), "unknown");
}

// ---- answers, through a session ----------------------------------------------------------

using testing::run;
using Server = testing::ServerHarness;

// A binary STAT request with this key.
std::string stat_request(std::string_view key) {
    std::string p(24, '\0');
    p[0] = static_cast<char>(0x80);
    p[1] = 0x10;
    p[2] = static_cast<char>(key.size() >> 8);
    p[3] = static_cast<char>(key.size() & 0xff);
    p[10] = static_cast<char>(key.size() >> 8);
    p[11] = static_cast<char>(key.size() & 0xff);
    return p + std::string(key);
}

uint16_t status_of(std::string_view packet) {
    return static_cast<uint16_t>(static_cast<unsigned char>(packet[6]) << 8 |
                                 static_cast<unsigned char>(packet[7]));
}

TEST(StatsAnswers, TextRowsAnswerAsMemcached) {
    Server srv;
    auto s = srv.open(WireProtocol::memcache_text);
    EXPECT_EQ(run(*s, "stats detail\r\n"), "CLIENT_ERROR usage: stats detail on|off|dump\r\n");
    EXPECT_EQ(run(*s, "stats detail on\r\n"), "OK\r\n");
    EXPECT_EQ(run(*s, "stats detail dump\r\n"), "END\r\n");
    EXPECT_EQ(run(*s, "stats detail off\r\n"), "OK\r\n");
    EXPECT_EQ(run(*s, "stats reset\r\n"), "RESET\r\n");
    EXPECT_EQ(run(*s, "stats sizes\r\n"), "STAT sizes_status disabled\r\nEND\r\n");
    EXPECT_EQ(run(*s, "stats items\r\n"), "END\r\n");
    EXPECT_EQ(run(*s, "stats cachedump 1 1\r\n"), "CLIENT_ERROR stats cachedump not allowed\r\n");
    EXPECT_EQ(run(*s, "stats nosuch\r\n"), "ERROR\r\n");
    std::string general = run(*s, "stats\r\n");
    EXPECT_TRUE(general.starts_with("STAT pid ")) << general;
    EXPECT_TRUE(general.ends_with("\r\nEND\r\n")) << general;
}

TEST(StatsAnswers, BinaryRowsAnswerAsMemcached) {
    Server srv;
    auto s = srv.open(WireProtocol::memcache_binary);
    // reset and detail on/off answer with the empty packet that ends a STAT list.
    for (std::string_view key : {"resetx", "detail on", "detail off"}) {
        std::string reply = run(*s, stat_request(key));
        ASSERT_EQ(reply.size(), 24u) << key;
        EXPECT_EQ(status_of(reply), 0) << key;
    }
    // Groups binary does not offer: Not found.
    for (std::string_view key : {"conns", "detail", "cachedump", "nosuch"}) {
        std::string reply = run(*s, stat_request(key));
        ASSERT_GE(reply.size(), 24u) << key;
        EXPECT_EQ(status_of(reply), 1) << key;
        EXPECT_EQ(reply.substr(24), "Not found") << key;
    }
    // sizes: one stat, then the terminator.
    std::string sizes = run(*s, stat_request("sizes"));
    EXPECT_NE(sizes.find("sizes_status"), std::string::npos);
    EXPECT_EQ(sizes.size(), 24u + 12u + 8u + 24u);
}

}  // namespace
}  // namespace larder::server::memcache_ops
