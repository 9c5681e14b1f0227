#include "protocols/resp/commands.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace larder::resp {
namespace {

TEST(Commands, TableIsInIdOrder) {
    const auto all = all_commands();
    ASSERT_EQ(all.size(), static_cast<size_t>(CommandId::count_));
    std::set<std::string_view> names;
    for (size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].id, static_cast<CommandId>(i)) << all[i].name;
        EXPECT_EQ(&command_spec(all[i].id), &all[i]);
        EXPECT_TRUE(names.insert(all[i].name).second) << "duplicate " << all[i].name;
        for (char c : all[i].name) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c)));
    }
}

TEST(Commands, FindsEveryNameInAnyCase) {
    for (const CommandSpec& spec : all_commands()) {
        std::string upper(spec.name), mixed(spec.name);
        for (size_t i = 0; i < upper.size(); ++i) {
            upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
            if (i % 2 == 0) mixed[i] = upper[i];
        }
        // Every row by its full name; only top-level rows by the name a client sends.
        EXPECT_EQ(find_command_path(spec.name), &spec);
        EXPECT_EQ(find_command_path(upper), &spec) << upper;
        EXPECT_EQ(find_command_path(mixed), &spec) << mixed;
        if (spec.parent != kNoParent) {
            EXPECT_EQ(find_command(spec.name), nullptr) << spec.name;
            continue;
        }
        EXPECT_EQ(find_command(spec.name), &spec);
        EXPECT_EQ(find_command(upper), &spec) << upper;
        EXPECT_EQ(find_command(mixed), &spec) << mixed;
    }
}

TEST(Commands, UnknownNames) {
    for (const char* name :
         {"", "g", "ge", "gett", "getx", "foo", "incrbyfloatx", "get ", " get", "ge\xd4", "xadd",
          "subscribe", "config|get", "averyveryveryverylongcommandname"}) {
        EXPECT_EQ(find_command(name), nullptr) << name;
    }
    // Only ASCII letters fold, so bytes that differ from a name only in bit 0x20 don't match.
    EXPECT_EQ(find_command("k\x05ys"), nullptr);
    EXPECT_EQ(find_command("g\xc5t"), nullptr);
    EXPECT_EQ(find_command(std::string_view("get\0", 4)), nullptr);
}

TEST(Commands, RedisValues) {
    const CommandSpec* get = find_command("GET");
    ASSERT_NE(get, nullptr);
    EXPECT_EQ(get->id, CommandId::get);
    EXPECT_EQ(get->arity, 2);
    EXPECT_EQ(get->flags, readonly | fast);
    EXPECT_EQ(get->first_key, 1);
    EXPECT_EQ(get->last_key, 1);
    EXPECT_EQ(get->key_step, 1);
    EXPECT_EQ(get->acl_categories, "@read @string @fast");

    const CommandSpec* mset = find_command("mset");
    ASSERT_NE(mset, nullptr);
    EXPECT_EQ(mset->arity, -3);
    EXPECT_EQ(mset->flags, write | denyoom);
    EXPECT_EQ(mset->last_key, -1);
    EXPECT_EQ(mset->key_step, 2);

    const CommandSpec* rename = find_command("rename");
    ASSERT_NE(rename, nullptr);
    EXPECT_EQ(rename->last_key, 2);
    ASSERT_EQ(rename->key_specs.size(), 2u);
    EXPECT_EQ(rename->key_specs[1].begin_index, 2);

    EXPECT_EQ(find_command("quit")->flags,
              noscript | loading | stale | fast | no_auth | allow_busy);
    EXPECT_EQ(find_command("config")->flags, 0u);
    EXPECT_EQ(find_command("ping")->arity, -1);
}

TEST(Commands, Arity) {
    const CommandSpec& get = command_spec(CommandId::get);  // 2
    EXPECT_FALSE(arity_ok(get, 1));
    EXPECT_TRUE(arity_ok(get, 2));
    EXPECT_FALSE(arity_ok(get, 3));
    const CommandSpec& set = command_spec(CommandId::set);  // -3
    EXPECT_FALSE(arity_ok(set, 2));
    EXPECT_TRUE(arity_ok(set, 3));
    EXPECT_TRUE(arity_ok(set, 100));
    const CommandSpec& ping = command_spec(CommandId::ping);  // -1
    EXPECT_TRUE(arity_ok(ping, 1));
    EXPECT_TRUE(arity_ok(ping, 2));
}

TEST(Commands, FlagNamesInRedisOrder) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(flag_names(0), V{});
    EXPECT_EQ(flag_names(fast | readonly), (V{"readonly", "fast"}));
    EXPECT_EQ(flag_names(allow_busy | no_auth | fast | stale | loading | noscript),
              (V{"noscript", "loading", "stale", "fast", "no_auth", "allow_busy"}));
    EXPECT_EQ(flag_names(no_multi | no_async_loading | noscript | admin),
              (V{"admin", "noscript", "no_async_loading", "no_multi"}));
    uint32_t all = 0;
    for (uint32_t bit = 1; bit <= allow_busy; bit <<= 1) all |= bit;
    EXPECT_EQ(flag_names(all).size(), 19u);
}

}  // namespace
}  // namespace larder::resp
