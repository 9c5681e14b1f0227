// Keys found from the key-spec shapes beyond "index + range": keynum counts (ZUNIONSTORE,
// LMPOP, ...), unknown specs with a row's own finder (SORT), and BITFIELD's read-only-or-not
// flags. Expectations are redis-server 7.0.15's COMMAND GETKEYSANDFLAGS replies.
#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

#include "protocols/resp/commands.h"

namespace larder::resp {
namespace {

using Args = std::vector<std::string_view>;
using Found = std::vector<std::pair<size_t, std::string_view>>;

// The keys of a call as (index, flags); false (and none) when find_keys rejects the call.
bool keys_of(CommandId id, const Args& args, Found& found) {
    std::vector<KeyRef> keys;
    const bool ok = find_keys(command_spec(id), args, keys);
    found.clear();
    for (const KeyRef& k : keys) found.emplace_back(k.index, k.flags);
    return ok;
}

TEST(KeySpecs, KeynumCountsTheKeys) {
    Found f;
    ASSERT_TRUE(keys_of(CommandId::zunionstore,
                        {"zunionstore", "d", "2", "a", "b", "weights", "1", "2"}, f));
    EXPECT_EQ(f, (Found{{1, "OW update"}, {3, "RO access"}, {4, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::lmpop, {"lmpop", "2", "a", "b", "left"}, f));
    EXPECT_EQ(f, (Found{{2, "RW access delete"}, {3, "RW access delete"}}));
    // The count may reach past the keys into the other arguments, as in Redis.
    ASSERT_TRUE(keys_of(CommandId::lmpop, {"lmpop", "3", "a", "b", "left"}, f));
    EXPECT_EQ(f.size(), 3u);
    ASSERT_TRUE(keys_of(CommandId::sintercard, {"sintercard", "1", "a"}, f));
    EXPECT_EQ(f, (Found{{2, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::zdiff, {"zdiff", "1", "a"}, f));
    EXPECT_EQ(f, (Found{{2, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::zmpop, {"zmpop", "1", "a", "min"}, f));
    EXPECT_EQ(f, (Found{{2, "RW access delete"}}));
}

TEST(KeySpecs, KeynumOutOfRangeOrNotACount) {
    Found f;
    for (const Args& args :
         {Args{"zunionstore", "d", "3", "a", "b"}, Args{"zunionstore", "d", "0", "a"},
          Args{"zunionstore", "d", "-1", "a"}, Args{"zunionstore", "d", "x", "a"},
          Args{"zunionstore", "d", "99999999999999999999999", "a"}}) {
        EXPECT_FALSE(keys_of(CommandId::zunionstore, args, f)) << args[2];
        EXPECT_TRUE(f.empty());
    }
    EXPECT_FALSE(keys_of(CommandId::sintercard, {"sintercard", "3", "a", "b"}, f));
    EXPECT_FALSE(keys_of(CommandId::lmpop, {"lmpop", "-0", "a", "left"}, f));
    // Redis falls back to reading the count's leading digits: these all count one key.
    for (std::string_view count : {"01", "+1", " 1", "1 ", "1.0"}) {
        ASSERT_TRUE(keys_of(CommandId::lmpop, {"lmpop", count, "a", "left"}, f)) << count;
        EXPECT_EQ(f, (Found{{2, "RW access delete"}})) << count;
    }
}

TEST(KeySpecs, SortFindsTheLastStoreDestination) {
    Found f;
    const Found key_only{{1, "RO access"}};
    ASSERT_TRUE(keys_of(CommandId::sort, {"sort", "k", "by", "x", "get", "y", "store", "dst"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {7, "OW update"}}));
    ASSERT_TRUE(keys_of(CommandId::sort, {"sort", "k", "store", "d1", "STORE", "d2"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {5, "OW update"}}));
    ASSERT_TRUE(keys_of(CommandId::sort, {"sort", "k", "STORE", "d", "LIMIT", "0", "1"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {3, "OW update"}}));
    ASSERT_TRUE(keys_of(CommandId::sort, {"sort", "k", "get", "#", "store", "d"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {5, "OW update"}}));
    // STORE consumed as another option's argument, or without a destination.
    for (const Args& args :
         {Args{"sort", "k", "limit", "store", "d"}, Args{"sort", "k", "limit", "0", "store", "d"},
          Args{"sort", "k", "by", "store", "d"}, Args{"sort", "k", "get", "store", "d"},
          Args{"sort", "k", "store"}, Args{"sort", "k"}}) {
        ASSERT_TRUE(keys_of(CommandId::sort, args, f));
        EXPECT_EQ(f, key_only) << args.size();
    }
    // SORT_RO has no STORE: only the sorted key.
    ASSERT_TRUE(keys_of(CommandId::sort_ro, {"sort_ro", "k", "store", "d"}, f));
    EXPECT_EQ(f, key_only);
}

TEST(KeySpecs, BitfieldIsReadOnlyForGetAndOverflowAlone) {
    Found f;
    const Found ro{{1, "RO access"}};
    const Found rw{{1, "RW access update"}};
    for (const Args& args : {Args{"bitfield", "k"}, Args{"bitfield", "k", "get", "u8", "0"},
                             Args{"bitfield", "k", "overflow", "wrap"},
                             Args{"bitfield", "k", "OVERFLOW", "sat", "GET", "u8", "1"}}) {
        ASSERT_TRUE(keys_of(CommandId::bitfield, args, f));
        EXPECT_EQ(f, ro) << args.size();
    }
    for (const Args& args :
         {Args{"bitfield", "k", "set", "u8", "0", "1"},
          Args{"bitfield", "k", "incrby", "u8", "0", "1"}, Args{"bitfield", "k", "foo"},
          Args{"bitfield", "k", "get", "u8"}, Args{"bitfield", "k", "overflow"},
          Args{"bitfield", "k", "get", "set", "u8", "0", "1"},
          Args{"bitfield", "k", "GET", "u8", "0", "SET", "u8", "0", "1"}}) {
        ASSERT_TRUE(keys_of(CommandId::bitfield, args, f));
        EXPECT_EQ(f, rw) << args.size();
    }
    ASSERT_TRUE(keys_of(CommandId::bitfield_ro, {"bitfield_ro", "k", "get", "u8", "0"}, f));
    EXPECT_EQ(f, ro);
}

TEST(KeySpecs, RangesOfTheNewRows) {
    Found f;
    ASSERT_TRUE(keys_of(CommandId::bitop, {"bitop", "and", "d", "a", "b"}, f));
    EXPECT_EQ(f, (Found{{2, "OW update"}, {3, "RO access"}, {4, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::lcs, {"lcs", "a", "b", "len"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {2, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::sunionstore, {"sunionstore", "d", "a", "b"}, f));
    EXPECT_EQ(f, (Found{{1, "OW update"}, {2, "RO access"}, {3, "RO access"}}));
    ASSERT_TRUE(keys_of(CommandId::lmove, {"lmove", "a", "b", "left", "right"}, f));
    EXPECT_EQ(f, (Found{{1, "RW access delete"}, {2, "RW insert"}}));
    ASSERT_TRUE(keys_of(CommandId::copy, {"copy", "a", "b", "replace"}, f));
    EXPECT_EQ(f, (Found{{1, "RO access"}, {2, "OW update"}}));
    EXPECT_FALSE(has_keys(command_spec(CommandId::swapdb)));
}

}  // namespace
}  // namespace larder::resp
