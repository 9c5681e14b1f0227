// The command table's subcommand rows, its name index, and key finding from key specs.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <string>
#include <vector>

#include "protocols/resp/commands.h"

namespace larder::resp {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> names_of(std::span<const CommandSpec> rows) {
    std::vector<std::string_view> names;
    for (const CommandSpec& row : rows) names.push_back(row.name);
    return names;
}

TEST(CommandTable, EveryRowIdMatchesItsIndex) {
    const auto all = all_commands();
    ASSERT_EQ(all.size(), static_cast<size_t>(CommandId::count_));
    for (size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(static_cast<size_t>(all[i].id), i) << all[i].name;
        EXPECT_EQ(&command_spec(all[i].id), &all[i]) << all[i].name;
    }
}

TEST(CommandTable, SubcommandRowsNameTheirContainer) {
    size_t subcommand_rows = 0;
    for (const CommandSpec& row : all_commands()) {
        if (row.parent == kNoParent) continue;
        ++subcommand_rows;
        const CommandSpec& container = command_spec(row.parent);
        EXPECT_EQ(container.parent, kNoParent) << row.name;
        const std::string prefix = std::string(container.name) + "|";
        ASSERT_TRUE(row.name.starts_with(prefix)) << row.name;
        EXPECT_GT(row.name.size(), prefix.size()) << row.name;
        EXPECT_EQ(subcommand_name(row), row.name.substr(prefix.size())) << row.name;
        const auto siblings = subcommands(container);
        EXPECT_TRUE(&row >= siblings.data() && &row < siblings.data() + siblings.size())
            << row.name;
        EXPECT_TRUE(is_container(container)) << container.name;
    }
    size_t in_spans = 0;
    for (const CommandSpec& row : all_commands()) {
        for (const CommandSpec& sub : subcommands(row)) {
            EXPECT_EQ(sub.parent, row.id) << sub.name;
            ++in_spans;
        }
    }
    EXPECT_EQ(in_spans, subcommand_rows);
}

// Redis 7.0's subcommands, plus CLIENT SETINFO from Redis 7.2 (clients send it on connect).
TEST(CommandTable, ContainersHoldRedis70Subcommands) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(names_of(subcommands(command_spec(CommandId::client))),
              (V{"client|caching", "client|getname", "client|getredir", "client|help", "client|id",
                 "client|info", "client|kill", "client|list", "client|no-evict", "client|pause",
                 "client|reply", "client|setname", "client|setinfo", "client|tracking",
                 "client|trackinginfo", "client|unblock", "client|unpause"}));
    EXPECT_EQ(names_of(subcommands(command_spec(CommandId::config))),
              (V{"config|get", "config|help", "config|resetstat", "config|rewrite", "config|set"}));
    EXPECT_EQ(names_of(subcommands(command_spec(CommandId::command))),
              (V{"command|count", "command|docs", "command|getkeys", "command|getkeysandflags",
                 "command|help", "command|info", "command|list"}));
    EXPECT_EQ(
        names_of(subcommands(command_spec(CommandId::object))),
        (V{"object|encoding", "object|freq", "object|help", "object|idletime", "object|refcount"}));
    EXPECT_EQ(names_of(subcommands(command_spec(CommandId::memory))),
              (V{"memory|doctor", "memory|help", "memory|malloc-stats", "memory|purge",
                 "memory|stats", "memory|usage"}));
    EXPECT_FALSE(is_container(command_spec(CommandId::get)));
    EXPECT_TRUE(subcommands(command_spec(CommandId::config_get)).empty());
}

TEST(CommandTable, SubcommandValuesAreRedis70s) {
    const CommandSpec* get = find_command_path("config|get");
    ASSERT_NE(get, nullptr);
    EXPECT_EQ(get->arity, -3);
    EXPECT_EQ(get->flags, admin | noscript | loading | stale);
    EXPECT_EQ(get->acl_categories, "@admin @slow @dangerous");
    const CommandSpec* encoding = find_command_path("object|encoding");
    ASSERT_NE(encoding, nullptr);
    EXPECT_EQ(encoding->arity, 3);
    EXPECT_EQ(encoding->first_key, 2);
    ASSERT_EQ(encoding->key_specs.size(), 1u);
    EXPECT_EQ(encoding->key_specs[0].begin_index, 2);
    EXPECT_EQ(find_command_path("config|set")->tips,
              "request_policy:all_nodes response_policy:all_succeeded");
    EXPECT_EQ(find_command_path("command|getkeys")->arity, -4);
}

TEST(CommandIndex, FindsEverySubcommandInAnyCase) {
    for (const CommandSpec& row : all_commands()) {
        if (row.parent == kNoParent) continue;
        const CommandSpec& container = command_spec(row.parent);
        const std::string_view sub = subcommand_name(row);
        EXPECT_EQ(find_subcommand(container, sub), &row) << row.name;
        EXPECT_EQ(find_subcommand(container, upper(sub)), &row) << row.name;
        EXPECT_EQ(find_command_path(upper(row.name)), &row) << row.name;
        // Another container finds its own row of that name (HELP), never this one.
        for (const CommandSpec& other : all_commands()) {
            if (other.id == row.parent) continue;
            const CommandSpec* found = find_subcommand(other, sub);
            if (found != nullptr) {
                EXPECT_EQ(found->parent, other.id) << other.name << " " << sub;
            }
        }
        EXPECT_EQ(find_command(row.name), nullptr) << row.name;
    }
}

TEST(CommandIndex, MissesUnknownNames) {
    const CommandSpec& client = command_spec(CommandId::client);
    for (const char* sub : {"", "l", "lis", "listt", "list ", " list", "nosuch", "list|x",
                            "client|list", "setinf", "averyveryveryveryveryverylongsubcommand"}) {
        EXPECT_EQ(find_subcommand(client, sub), nullptr) << sub;
    }
    EXPECT_EQ(find_subcommand(client, std::string_view("list\0", 5)), nullptr);
    EXPECT_EQ(find_subcommand(command_spec(CommandId::get), "list"), nullptr);
    EXPECT_EQ(find_subcommand(command_spec(CommandId::config_get), "x"), nullptr);
    for (const char* path : {"", "|", "client|", "|list", "client|list|x", "get|x", "client||list",
                             "clientlist", "nosuch|list", "config get"}) {
        EXPECT_EQ(find_command_path(path), nullptr) << path;
    }
    EXPECT_EQ(find_command_path("GET"), &command_spec(CommandId::get));
}

TEST(CommandIndex, LoadFactorAndCapacity) {
    const CommandIndexStats stats = command_index_stats();
    EXPECT_EQ(stats.rows, all_commands().size());
    EXPECT_TRUE(std::has_single_bit(stats.slots));
    EXPECT_LE(2 * stats.rows, stats.slots) << "more than half full";
    EXPECT_GE(stats.max_slots_addressable, 2u * 512) << "cannot index 512 commands at 1/2";
}

std::vector<size_t> key_indexes(const std::vector<KeyRef>& keys) {
    std::vector<size_t> out;
    for (const KeyRef& k : keys) out.push_back(k.index);
    return out;
}

TEST(FindKeys, RangesFromKeySpecs) {
    using Args = std::vector<std::string_view>;
    using I = std::vector<size_t>;
    std::vector<KeyRef> keys;
    auto run = [&](CommandId id, Args args) { return find_keys(command_spec(id), args, keys); };
    ASSERT_TRUE(run(CommandId::get, {"get", "k"}));
    EXPECT_EQ(key_indexes(keys), (I{1}));
    EXPECT_EQ(keys[0].flags, "RO access");
    ASSERT_TRUE(run(CommandId::mset, {"mset", "a", "1", "b", "2"}));
    EXPECT_EQ(key_indexes(keys), (I{1, 3}));
    ASSERT_TRUE(run(CommandId::mset, {"mset", "a", "1", "b"}));  // as Redis: both keys
    EXPECT_EQ(key_indexes(keys), (I{1, 3}));
    ASSERT_TRUE(run(CommandId::del, {"del", "a", "b", "c"}));
    EXPECT_EQ(key_indexes(keys), (I{1, 2, 3}));
    ASSERT_TRUE(run(CommandId::rename, {"rename", "a", "b"}));
    EXPECT_EQ(key_indexes(keys), (I{1, 2}));
    EXPECT_EQ(keys[0].flags, "RW access delete");
    EXPECT_EQ(keys[1].flags, "OW update");
    ASSERT_TRUE(run(CommandId::object_encoding, {"object", "encoding", "k"}));
    EXPECT_EQ(key_indexes(keys), (I{2}));
    ASSERT_TRUE(run(CommandId::memory_usage, {"MEMORY", "USAGE", "k", "SAMPLES", "5"}));
    EXPECT_EQ(key_indexes(keys), (I{2}));
    // Out of range: no keys, and false.
    EXPECT_FALSE(run(CommandId::get, {"get"}));
    EXPECT_TRUE(keys.empty());
}

TEST(FindKeys, SetFlagsDependOnGet) {
    std::vector<KeyRef> keys;
    using Args = std::vector<std::string_view>;
    const CommandSpec& set = command_spec(CommandId::set);
    ASSERT_TRUE(find_keys(set, Args{"set", "k", "v"}, keys));
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].flags, "OW update");
    ASSERT_TRUE(find_keys(set, Args{"set", "k", "v", "EX", "10", "gEt"}, keys));
    EXPECT_EQ(keys[0].flags, "RW access update");
    // The value is not an option, even when it reads "get".
    ASSERT_TRUE(find_keys(set, Args{"set", "k", "get"}, keys));
    EXPECT_EQ(keys[0].flags, "OW update");
}

TEST(FindKeys, WhoHasKeys) {
    EXPECT_TRUE(has_keys(command_spec(CommandId::get)));
    EXPECT_TRUE(has_keys(command_spec(CommandId::object_encoding)));
    EXPECT_TRUE(has_keys(command_spec(CommandId::memory_usage)));
    EXPECT_FALSE(has_keys(command_spec(CommandId::ping)));
    EXPECT_FALSE(has_keys(command_spec(CommandId::config_get)));
    EXPECT_FALSE(has_keys(command_spec(CommandId::object)));
}

}  // namespace
}  // namespace larder::resp
