// The text command table: every id has one canonical row, names resolve, aliases share ids.
#include "protocols/memcache/commands.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace larder::memcache {
namespace {

TEST(TextCommandTable, EveryIdHasItsRow) {
    for (size_t i = 0; i < kTextCommandCount; ++i) {
        auto id = static_cast<TextCommand>(i);
        const TextCommandSpec& spec = text_command_spec(id);
        EXPECT_EQ(spec.id, id);
        EXPECT_EQ(find_text_command(spec.name), &spec);
    }
}

TEST(TextCommandTable, NamesAreUnique) {
    std::set<std::string_view> names;
    for (const auto& spec : text_commands()) EXPECT_TRUE(names.insert(spec.name).second);
}

TEST(TextCommandTable, Lookup) {
    EXPECT_EQ(find_text_command("bget")->id, TextCommand::get);
    EXPECT_EQ(find_text_command("delete")->id, TextCommand::delete_);
    EXPECT_EQ(find_text_command("GET"), nullptr);
    EXPECT_EQ(find_text_command(""), nullptr);
    EXPECT_EQ(find_text_command("ge"), nullptr);
    EXPECT_EQ(find_text_command("gett"), nullptr);
}

TEST(TextCommandTable, Flags) {
    using namespace command_flags;
    EXPECT_TRUE(text_command_spec(TextCommand::set).has(storage));
    EXPECT_TRUE(text_command_spec(TextCommand::cas).has(takes_noreply));
    EXPECT_TRUE(text_command_spec(TextCommand::gets).has(returns_cas));
    EXPECT_TRUE(text_command_spec(TextCommand::gats).has(retrieval));
    EXPECT_FALSE(text_command_spec(TextCommand::get).has(returns_cas));
    EXPECT_TRUE(text_command_spec(TextCommand::flush_all).has(admin));
    EXPECT_TRUE(text_command_spec(TextCommand::quit).has(closes));
    for (const auto& spec : text_commands()) {
        EXPECT_GE(spec.min_tokens, 1) << spec.name;
        if (spec.max_tokens != 0) {
            EXPECT_GE(spec.max_tokens, spec.min_tokens) << spec.name;
        }
        EXPECT_EQ(spec.has(storage), spec.shape == ArgShape::storage ||
                                         spec.shape == ArgShape::storage_cas ||
                                         spec.shape == ArgShape::meta_storage);
        bool meta_shape = spec.shape == ArgShape::meta || spec.shape == ArgShape::meta_storage ||
                          spec.shape == ArgShape::meta_noop || spec.shape == ArgShape::meta_debug;
        EXPECT_EQ(spec.has(meta), meta_shape) << spec.name;
        EXPECT_EQ(spec.has(meta), spec.name.size() == 2 && spec.name[0] == 'm') << spec.name;
    }
}

}  // namespace
}  // namespace larder::memcache
