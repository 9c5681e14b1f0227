// The locked-key primitive with a stand-in collection (a vector of strings that counts its
// bytes and its live instances), so ownership, memory accounting and the mutation record
// are checked independently of the real encodings.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/key_ref.h"
#include "store/mutation.h"
#include "store_fixture.h"

namespace larder::store::testing {
namespace {

int g_live_values = 0;

class ListStandIn final : public Collection {
  public:
    static constexpr ValueType kType = ValueType::list;
    ListStandIn() : Collection(kType) { ++g_live_values; }
    ~ListStandIn() override { --g_live_values; }

    size_t size() const override { return items.size(); }
    std::string_view encoding() const override { return "standin"; }
    size_t owned_bytes() const override { return 100 + 10 * items.size(); }
    std::unique_ptr<Collection> clone() const override {
        auto copy = std::make_unique<ListStandIn>();
        copy->items = items;
        return copy;
    }

    std::vector<std::string> items;
};

class KeyRefTest : public StoreTest {
  protected:
    void push(std::string_view key, std::string_view value) {
        store_.with_key(key, [&](KeyRef& k) {
            ListStandIn* list = k.exists() ? k.edit<ListStandIn>() : &k.create<ListStandIn>();
            ASSERT_NE(list, nullptr);
            list->items.emplace_back(value);
        });
    }
    size_t length(std::string_view key) {
        size_t n = 0;
        store_.with_key(key, [&](KeyRef& k) {
            if (const auto* list = k.get<ListStandIn>()) n = list->size();
        });
        return n;
    }
    void SetUp() override { g_live_values = 0; }
};

TEST_F(KeyRefTest, CreatedCollectionIsStoredWithItsTypeAndCounted) {
    const uint64_t before = store_.stats().used_bytes;
    push("k", "a");
    EXPECT_EQ(length("k"), 1u);
    EXPECT_EQ(store_.type("k"), ValueType::list);
    EXPECT_GE(store_.stats().used_bytes, before + 110);
    EXPECT_EQ(g_live_values, 1);
}

TEST_F(KeyRefTest, EditsMoveTheMemoryCountAndAnEmptiedValueDeletesItsKey) {
    push("k", "a");
    const uint64_t one = store_.stats().used_bytes;
    push("k", "b");
    EXPECT_EQ(store_.stats().used_bytes, one + 10);
    store_.with_key("k", [&](KeyRef& k) { k.edit<ListStandIn>()->items.clear(); });
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(g_live_values, 0);
    EXPECT_EQ(store_.stats().used_bytes, 0u);
}

TEST_F(KeyRefTest, AnEmptyCreationStoresNothing) {
    store_.with_key("k", [&](KeyRef& k) { (void)k.create<ListStandIn>(); });
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(g_live_values, 0);
}

TEST_F(KeyRefTest, GetOfAnotherTypeIsNullButTheKeyExists) {
    put("s", "text");
    store_.with_key("s", [&](KeyRef& k) {
        EXPECT_TRUE(k.exists());
        EXPECT_EQ(k.type(), ValueType::string);
        EXPECT_EQ(k.get<ListStandIn>(), nullptr);
        EXPECT_EQ(k.edit<ListStandIn>(), nullptr);
    });
    push("l", "x");
    EXPECT_EQ(store_.set("l", "now a string", {}).status, Status::ok);
    EXPECT_EQ(g_live_values, 0);  // SET replaced the collection and freed it
    EXPECT_EQ(value_of(store_, "l"), "now a string");
}

TEST_F(KeyRefTest, ExpiryChangesKeepTheCollection) {
    push("k", "a");
    store_.with_key("k", [&](KeyRef& k) { k.set_expiry(now() + 10'000); });
    EXPECT_EQ(length("k"), 1u);
    EXPECT_EQ(store_.ttl_ms("k"), 10'000);
    store_.with_key("k", [&](KeyRef& k) { k.set_expiry(0); });
    EXPECT_EQ(store_.ttl_ms("k"), -1);
    EXPECT_EQ(g_live_values, 1);
    clock_.advance(1);
    store_.with_key("k", [&](KeyRef& k) { k.set_expiry(now() + 5); });
    clock_.advance(6);
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(g_live_values, 0);
}

TEST_F(KeyRefTest, TakeAndStoreMoveAValueBetweenKeysAtomically) {
    push("src", "a");
    push("src", "b");
    const uint64_t used = store_.stats().used_bytes;
    const std::string_view keys[] = {"src", "dst"};
    store_.with_keys(keys, [&](std::span<KeyRef* const> refs) {
        auto value = refs[0]->take();
        ASSERT_NE(value, nullptr);
        EXPECT_FALSE(refs[0]->exists());
        EXPECT_EQ(refs[1]->store(std::move(value)), Status::ok);
    });
    EXPECT_FALSE(store_.exists("src"));
    EXPECT_EQ(length("dst"), 2u);
    EXPECT_EQ(g_live_values, 1);
    // The same value under a key of another length: only the item block differs.
    EXPECT_NEAR(static_cast<double>(store_.stats().used_bytes), static_cast<double>(used), 64);
}

TEST_F(KeyRefTest, ARepeatedKeySharesOneKeyRef) {
    const std::string_view keys[] = {"k", "k"};
    store_.with_keys(keys, [&](std::span<KeyRef* const> refs) {
        EXPECT_EQ(refs[0], refs[1]);
        refs[0]->create<ListStandIn>().items.push_back("x");
        EXPECT_TRUE(refs[1]->exists());
    });
    EXPECT_EQ(length("k"), 1u);
}

TEST_F(KeyRefTest, ManyKeysInOneCallStayCoherentAcrossTableGrowth) {
    // Enough keys that their shards' tables grow while the call runs: each KeyRef must
    // find its key again after the others moved things.
    std::vector<std::string> names;
    for (int i = 0; i < 2000; ++i) names.push_back("key:" + std::to_string(i));
    std::vector<std::string_view> keys(names.begin(), names.end());
    store_.with_keys(keys, [&](std::span<KeyRef* const> refs) {
        for (size_t i = 0; i < refs.size(); ++i) {
            EXPECT_EQ(refs[i]->set_string(names[i], 0), Status::ok);
        }
        for (size_t i = 0; i < refs.size(); ++i) {
            char buffer[32];
            ASSERT_TRUE(refs[i]->exists());
            EXPECT_EQ(refs[i]->string_value(buffer), names[i]);
        }
    });
    EXPECT_EQ(store_.size(), 2000u);
}

TEST_F(KeyRefTest, FlushAndDestructionFreeEveryCollection) {
    for (int i = 0; i < 100; ++i) push("k" + std::to_string(i), "v");
    EXPECT_EQ(g_live_values, 100);
    store_.flush();
    EXPECT_EQ(g_live_values, 0);
    {
        Store other(config_for(clock_));
        other.with_key("x", [&](KeyRef& k) { k.create<ListStandIn>().items.push_back("v"); });
        EXPECT_EQ(g_live_values, 1);
    }
    EXPECT_EQ(g_live_values, 0);
}

class CollectingSink final : public MutationSink {
  public:
    void on_mutation(uint64_t, size_t, const Mutation& m) override {
        kinds.push_back(m.kind);
        if (m.kind == MutationKind::store_collection) {
            EXPECT_NE(m.collection, nullptr);
            EXPECT_EQ(m.type, ValueType::list);
            sizes.push_back(m.collection->size());
        }
    }
    std::vector<MutationKind> kinds;
    std::vector<size_t> sizes;
};

TEST(KeyRefMutations, EveryCollectionChangeIsReportedWithTheWholeTypedValue) {
    ManualClock clock;
    CollectingSink sink;
    Config config;
    config.clock = &clock;
    config.sink = &sink;
    Store store(config);
    for (const char* v : {"a", "b"}) {
        store.with_key("k", [&](KeyRef& k) {
            auto* list = k.exists() ? k.edit<ListStandIn>() : &k.create<ListStandIn>();
            list->items.emplace_back(v);
        });
    }
    store.with_key("k", [&](KeyRef& k) { k.edit<ListStandIn>()->items.clear(); });
    EXPECT_EQ(sink.kinds,
              (std::vector<MutationKind>{MutationKind::store_collection,
                                         MutationKind::store_collection, MutationKind::del}));
    EXPECT_EQ(sink.sizes, (std::vector<size_t>{1, 2}));
}

TEST_F(KeyRefTest, ScanVisitsEveryKeyPresentThroughoutWhileTablesGrow) {
    std::set<std::string> original;
    for (int i = 0; i < 3000; ++i) {
        original.insert("old:" + std::to_string(i));
        put("old:" + std::to_string(i), "v");
    }
    std::set<std::string> seen;
    uint64_t cursor = 0;
    int added = 0;
    int calls = 0;
    do {
        cursor = store_.scan(
            cursor, 10, [&](std::string_view key, ValueType) { seen.insert(std::string(key)); });
        // Writes between calls make tables grow (and items move) mid-scan.
        for (int j = 0; j < 20; ++j) put("new:" + std::to_string(added++), "v");
        ++calls;
    } while (cursor != 0 && calls < 100000);
    EXPECT_EQ(cursor, 0u);
    for (const auto& key : original) EXPECT_TRUE(seen.count(key)) << key;
    // About `count` keys per call, not the whole keyspace at once.
    EXPECT_GT(calls, 3000 / 40);
}

TEST_F(KeyRefTest, ScanSkipsExpiredKeysAndRandomKeyFindsOnlyLiveOnes) {
    put_until("gone", "v", now() + 10);
    put("kept", "v");
    clock_.advance(20);
    std::vector<std::string> seen;
    uint64_t cursor = 0;
    do {
        cursor = store_.scan(cursor, 100,
                             [&](std::string_view key, ValueType) { seen.emplace_back(key); });
    } while (cursor != 0);
    EXPECT_EQ(seen, std::vector<std::string>{"kept"});
    for (int i = 0; i < 20; ++i) EXPECT_EQ(store_.random_key(), "kept");
    store_.del("kept");
    store_.del("gone");
    EXPECT_EQ(store_.random_key(), std::nullopt);
}

}  // namespace
}  // namespace larder::store::testing
