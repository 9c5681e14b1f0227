// The compact item layout: every length form, expiry form and optional field round-trips,
// integers encode to the fewest bytes, and the sizes are what docs/store.md promises.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "store/item.h"
#include "store/number.h"

namespace larder::store::testing {
namespace {

struct Built {
    std::unique_ptr<unsigned char[]> block;
    Item* item;
};

Built build(const ItemSpec& spec) {
    Built b{std::make_unique<unsigned char[]>(item_size(spec)), nullptr};
    b.item = build_item(b.block.get(), spec);
    return b;
}

TEST(Item, TinyStringHasAFiveByteHeader) {
    const ItemSpec spec{.key = "key:00000001", .value = "abcdefghijklmnop", .access = 0xABCDE};
    EXPECT_EQ(item_size(spec), 5u + 12 + 16);
    const Built b = build(spec);
    EXPECT_EQ(b.item->key(), "key:00000001");
    EXPECT_EQ(b.item->stored_value(), "abcdefghijklmnop");
    EXPECT_EQ(b.item->access(), 0xABCDEu);
    EXPECT_EQ(b.item->kind(), ItemKind::string_raw);
    EXPECT_FALSE(b.item->has_expiry());
    EXPECT_FALSE(b.item->has_flags());
    EXPECT_FALSE(b.item->has_cas());
    EXPECT_EQ(b.item->flags(), 0u);
    EXPECT_EQ(b.item->cas(), 0u);
    EXPECT_EQ(b.item->expire_at_ms(), 0);
    EXPECT_EQ(b.item->size(), item_size(spec));
}

TEST(Item, LengthFormsAtTheirBoundaries) {
    struct Case {
        size_t key, value, header;
    };
    for (const Case c : {Case{31, 127, 5}, Case{32, 0, 8}, Case{0, 128, 8}, Case{255, 65535, 8},
                         Case{256, 1, 13}, Case{1, 65536, 13}, Case{0, 0, 5}}) {
        const std::string key(c.key, 'k');
        const std::string value(c.value, 'v');
        const ItemSpec spec{.key = key, .value = value};
        EXPECT_EQ(item_size(spec), c.header + c.key + c.value) << c.key << "/" << c.value;
        const Built b = build(spec);
        EXPECT_EQ(b.item->key(), key);
        EXPECT_EQ(b.item->stored_value(), value);
    }
}

TEST(Item, OptionalFieldsTakeSpaceOnlyWhenPresent) {
    const ItemSpec plain{.key = "k", .value = "v"};
    ItemSpec full = plain;
    full.expire_at_ms = 1'700'000'000'123;
    full.flags = 0xdeadbeef;
    full.has_cas = true;
    full.cas = 0x0102030405060708ULL;
    EXPECT_EQ(item_size(full), item_size(plain) + 5 + 4 + 8);
    const Built b = build(full);
    EXPECT_EQ(b.item->expire_at_ms(), 1'700'000'000'123);
    EXPECT_EQ(b.item->flags(), 0xdeadbeefu);
    EXPECT_EQ(b.item->cas(), 0x0102030405060708ULL);
    EXPECT_EQ(b.item->key(), "k");
    EXPECT_EQ(b.item->stored_value(), "v");
    b.item->set_cas(42);
    EXPECT_EQ(b.item->cas(), 42u);
    b.item->set_access(0xFFFFF);
    EXPECT_EQ(b.item->access(), 0xFFFFFu);
    EXPECT_EQ(b.item->key(), "k");  // the access field does not spill into the lengths
}

TEST(Item, ExpiriesOutsideFortyBitsTakeTheLongForm) {
    const int64_t far = kExpiryEpochMs + (int64_t{1} << 40);
    ItemSpec spec{.key = "k", .value = "v", .expire_at_ms = far};
    EXPECT_EQ(item_size(spec), 5u + 8 + 2);
    Built b = build(spec);
    EXPECT_EQ(b.item->expire_at_ms(), far);
    EXPECT_FALSE(b.item->expiry_fits_in_place(kExpiryEpochMs + 1000));
    EXPECT_TRUE(b.item->expiry_fits_in_place(far + 1));
    b.item->set_expire_at_ms(far + 1);
    EXPECT_EQ(b.item->expire_at_ms(), far + 1);

    spec.expire_at_ms = kExpiryEpochMs + (int64_t{1} << 40) - 1;  // the last short one
    b = build(spec);
    EXPECT_EQ(b.item->size(), 5u + 5 + 2);
    EXPECT_EQ(b.item->expire_at_ms(), spec.expire_at_ms);
}

TEST(Item, CanonicalIntegersEncodeToTheFewestBytes) {
    struct Case {
        const char* text;
        size_t bytes;
    };
    char scratch[8];
    for (const Case c : {Case{"0", 1}, Case{"127", 1}, Case{"-128", 1}, Case{"128", 2},
                         Case{"-1", 1}, Case{"1700000000000", 6}, Case{"9223372036854775807", 8},
                         Case{"-9223372036854775808", 8}}) {
        const EncodedValue e = encode_string_value(c.text, scratch);
        EXPECT_EQ(e.kind, ItemKind::string_int) << c.text;
        EXPECT_EQ(e.bytes.size(), c.bytes) << c.text;
        const Built b = build(ItemSpec{.key = "n", .value = e.bytes, .kind = e.kind});
        char text[kMaxDecimalLength];
        EXPECT_EQ(b.item->value_text(text), c.text);
    }
    for (const char* raw : {"007", "-0", "+1", " 1", "1 ", "", "9223372036854775808", "1.5"}) {
        EXPECT_EQ(encode_string_value(raw, scratch).kind, ItemKind::string_raw) << raw;
    }
}

TEST(Item, LongValuesExtendInPlace) {
    const std::string key(300, 'k');
    const std::string value(300, 'a');
    const ItemSpec spec{.key = key, .value = value};
    const size_t size = item_size(spec);
    auto block = std::make_unique<unsigned char[]>(size + 10);
    Item* item = build_item(block.get(), spec);
    ASSERT_TRUE(item->can_extend_in_place(10));
    std::memcpy(item->extend_value(10), "0123456789", 10);
    EXPECT_EQ(item->stored_value(), value + "0123456789");
    EXPECT_EQ(item->size(), size + 10);
}

}  // namespace
}  // namespace larder::store::testing
