// A store on a manual clock, plus small read helpers, shared by the store's tests.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "store/clock.h"
#include "store/store.h"
#include "test_keys.h"

namespace larder::store::testing {

// What get() showed, copied out of the callback so tests can inspect it afterwards.
struct Seen {
    std::string value;
    uint32_t flags = 0;
    uint64_t cas = 0;
    int64_t expire_at_ms = 0;
};

inline std::optional<Seen> read(Store& store, std::string_view key) {
    std::optional<Seen> seen;
    store.get(key, [&](const ItemView& v) {
        seen = Seen{std::string(v.value), v.flags, v.cas, v.expire_at_ms};
    });
    return seen;
}

inline std::optional<std::string> value_of(Store& store, std::string_view key) {
    auto seen = read(store, key);
    if (!seen) return std::nullopt;
    return seen->value;
}

class StoreTest : public ::testing::Test {
  protected:
    static Config config_for(const Clock& clock) {
        Config config;
        config.clock = &clock;
        return config;
    }

    int64_t now() const { return clock_.now_ms(); }
    SetResult put(std::string_view key, std::string_view value, SetOptions options = {}) {
        return store_.set(key, value, options);
    }
    SetResult put_until(std::string_view key, std::string_view value, int64_t expire_at_ms) {
        SetOptions options;
        options.expiry = ExpiryMode::at;
        options.expire_at_ms = expire_at_ms;
        return store_.set(key, value, options);
    }

    ManualClock clock_;
    Store store_{config_for(clock_)};
};

}  // namespace larder::store::testing
