// The store against a simple reference model: thousands of random operations (every kind of
// write, reads with and without CAS, expiry, clock jumps, delayed flushes, active expiry
// cycles), comparing every result and every value read. Keys and values span the item
// layouts (tiny, short and long lengths, integers, expiries near and far).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "store/item.h"
#include "store/number.h"
#include "store_fixture.h"

namespace larder::store::testing {
namespace {

struct ModelItem {
    std::string value;
    uint32_t flags = 0;
    int64_t expire_at_ms = 0;
    uint64_t cas = 0;  // 0: the store keeps none yet (CasUse::none writes)
    int64_t written_ms = 0;
};

// What the store promises, written as plainly as possible.
class Model {
  public:
    explicit Model(const ManualClock& clock) : clock_(clock) {}

    int64_t now() const { return clock_.now_ms(); }

    // The live item, after dropping dead ones (TTL or delayed flush).
    ModelItem* live(const std::string& key) {
        auto it = items_.find(key);
        if (it == items_.end()) return nullptr;
        if (dead(it->second)) {
            items_.erase(it);
            return nullptr;
        }
        return &it->second;
    }
    bool dead(const ModelItem& item) const {
        if (item.expire_at_ms != 0 && item.expire_at_ms <= now()) return true;
        if (item.written_ms < dead_before_) return true;
        return pending_ != 0 && now() >= pending_ && item.written_ms < pending_;
    }
    void put(const std::string& key, ModelItem item) {
        item.written_ms = now();
        items_[key] = std::move(item);
    }
    void erase(const std::string& key) { items_.erase(key); }
    void flush() {
        items_.clear();
        dead_before_ = 0;
        pending_ = 0;
    }
    void flush_at(int64_t deadline) {
        if (deadline <= now()) {
            flush();
            return;
        }
        if (pending_ != 0 && now() >= pending_) dead_before_ = pending_;
        pending_ = deadline;
    }
    size_t live_count() {
        size_t n = 0;
        for (auto it = items_.begin(); it != items_.end(); ++it) n += dead(it->second) ? 0 : 1;
        return n;
    }

  private:
    const ManualClock& clock_;
    std::map<std::string, ModelItem> items_;
    int64_t dead_before_ = 0;
    int64_t pending_ = 0;
};

class StoreModelTest : public ::testing::TestWithParam<uint64_t> {
  protected:
    StoreModelTest() : rng_(GetParam()) {}

    uint64_t below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }

    std::string random_key() {
        static const std::vector<std::string> keys = [] {
            std::vector<std::string> k;
            for (int i = 0; i < 60; ++i) k.push_back(numbered("k", i));
            k.push_back("");
            k.push_back(std::string(31, 'a'));   // longest tiny key
            k.push_back(std::string(32, 'b'));   // shortest short key
            k.push_back(std::string(255, 'c'));  // longest short key
            k.push_back(std::string(256, 'd'));  // long key
            k.push_back(std::string("bin\0ary", 7));
            return k;
        }();
        return keys[below(keys.size())];
    }

    std::string random_value() {
        switch (below(10)) {
            case 0:
                return std::to_string(static_cast<int64_t>(rng_()));  // canonical int64
            case 1:
                return std::to_string(below(1000));
            case 2: {
                static const char* odd[] = {"007",
                                            "-0",
                                            "+5",
                                            " 12",
                                            "12 ",
                                            "-1",
                                            "",
                                            "18446744073709551615",
                                            "9223372036854775807",
                                            "-9223372036854775808",
                                            "99999999999999999999"};
                return odd[below(std::size(odd))];
            }
            case 3:
                return std::string(below(3) == 0 ? 70'000 : 128 + below(200), 'x');
            default: {
                std::string v(below(130), '\0');
                for (char& c : v) c = static_cast<char>('a' + below(26));
                return v;
            }
        }
    }

    int64_t random_expiry() {
        switch (below(5)) {
            case 0:
                return model_.now() - static_cast<int64_t>(below(1000));  // past
            case 1:
                return kExpiryEpochMs + (int64_t{1} << 41);  // beyond 40 bits: long form
            default:
                return model_.now() + 1 + static_cast<int64_t>(below(5000));
        }
    }

    CasUse random_cas_use() { return chance(50) ? CasUse::need : CasUse::none; }

    // Checks a CAS the store showed for key against what the model knows.
    void check_cas(const std::string& key, uint64_t shown, CasUse use, ModelItem& item) {
        if (item.cas != 0) {
            EXPECT_EQ(shown, item.cas) << "key " << key;
            return;
        }
        if (use == CasUse::need) {
            EXPECT_GT(shown, last_cas_) << "a lazily given CAS must be fresh";
            item.cas = shown;
        } else {
            EXPECT_EQ(shown, 0u);
        }
    }

    void note_cas(uint64_t cas) {
        if (cas != 0) {
            EXPECT_GT(cas, last_cas_);
            last_cas_ = cas;
        }
    }

    void step();

    std::mt19937_64 rng_;
    ManualClock clock_;
    Model model_{clock_};
    Store store_{Config{.shard_count = 8, .clock = &clock_}};
    uint64_t last_cas_ = 0;
};

void StoreModelTest::step() {
    const std::string key = random_key();
    const int64_t now = model_.now();
    switch (below(16)) {
        case 0:
        case 1:
        case 2: {  // set, with every option
            SetOptions o;
            o.condition = static_cast<SetCondition>(below(4));
            o.expiry = static_cast<ExpiryMode>(below(3));
            if (o.expiry == ExpiryMode::at) o.expire_at_ms = random_expiry();
            o.flags = chance(30) ? static_cast<uint32_t>(rng_()) : 0;
            o.return_old = chance(20);
            o.cas_use = random_cas_use();
            ModelItem* cur = model_.live(key);
            if (o.condition == SetCondition::if_cas) {
                o.cas = cur != nullptr && cur->cas != 0 && chance(70) ? cur->cas : rng_() | 1;
            }
            const std::string value = random_value();
            const SetResult r = store_.set(key, value, o);
            Status want = Status::ok;
            if (o.condition == SetCondition::if_absent && cur != nullptr) want = Status::not_stored;
            if (o.condition == SetCondition::if_present && cur == nullptr)
                want = Status::not_stored;
            if (o.condition == SetCondition::if_cas) {
                if (cur == nullptr) {
                    want = Status::not_found;
                } else if (cur->cas == 0 || cur->cas != o.cas) {
                    want = Status::exists;
                }
            }
            ASSERT_EQ(r.status, want) << "set " << key;
            if (o.return_old) {
                EXPECT_EQ(r.had_old, cur != nullptr);
                if (cur != nullptr) {
                    EXPECT_EQ(r.old_value, cur->value);
                }
            }
            if (want != Status::ok) break;
            int64_t expiry = o.expiry == ExpiryMode::at ? o.expire_at_ms : 0;
            if (o.expiry == ExpiryMode::keep && cur != nullptr) expiry = cur->expire_at_ms;
            if (o.expiry == ExpiryMode::at && o.expire_at_ms <= now) {
                EXPECT_EQ(r.cas, 0u);
                model_.erase(key);
                break;
            }
            if (o.cas_use == CasUse::need) {
                EXPECT_NE(r.cas, 0u);
                note_cas(r.cas);
            } else {
                EXPECT_EQ(r.cas, 0u);
            }
            model_.put(key, ModelItem{value, o.flags, expiry, r.cas});
            break;
        }
        case 3:
        case 4: {  // get
            const CasUse use = random_cas_use();
            ModelItem* cur = model_.live(key);
            std::optional<ItemView> seen;
            std::string value;
            const bool hit = store_.get(
                key,
                [&](const ItemView& v) {
                    seen = v;
                    value = v.value;
                },
                use);
            ASSERT_EQ(hit, cur != nullptr) << "get " << key;
            if (!hit) break;
            EXPECT_EQ(value, cur->value);
            EXPECT_EQ(seen->key, key);
            EXPECT_EQ(seen->flags, cur->flags);
            EXPECT_EQ(seen->expire_at_ms, cur->expire_at_ms);
            check_cas(key, seen->cas, use, *cur);
            if (use == CasUse::need) last_cas_ = std::max(last_cas_, seen->cas);
            break;
        }
        case 5: {  // get_and_touch
            const auto mode = static_cast<ExpiryMode>(below(3));
            const int64_t at = mode == ExpiryMode::at ? random_expiry() : 0;
            const CasUse use = random_cas_use();
            ModelItem* cur = model_.live(key);
            std::string value;
            int64_t seen_expiry = -1;
            uint64_t seen_cas = 0;
            const bool hit = store_.get_and_touch(
                key, mode, at,
                [&](const ItemView& v) {
                    value = v.value;
                    seen_expiry = v.expire_at_ms;
                    seen_cas = v.cas;
                },
                use);
            ASSERT_EQ(hit, cur != nullptr);
            if (!hit) break;
            EXPECT_EQ(value, cur->value);
            check_cas(key, seen_cas, use, *cur);
            if (use == CasUse::need) last_cas_ = std::max(last_cas_, seen_cas);
            if (mode == ExpiryMode::clear) cur->expire_at_ms = 0;
            if (mode == ExpiryMode::at) cur->expire_at_ms = at;
            EXPECT_EQ(seen_expiry, cur->expire_at_ms);
            if (mode == ExpiryMode::at && at <= now) model_.erase(key);
            break;
        }
        case 6: {  // del / exists / ttl / type
            ModelItem* cur = model_.live(key);
            const int64_t expect_ttl =
                cur == nullptr ? -2 : (cur->expire_at_ms == 0 ? -1 : cur->expire_at_ms - now);
            EXPECT_EQ(store_.ttl_ms(key), expect_ttl);
            EXPECT_EQ(store_.exists(key), cur != nullptr);
            EXPECT_EQ(store_.type(key).has_value(), cur != nullptr);
            if (chance(50)) {
                EXPECT_EQ(store_.del(key), cur != nullptr);
                model_.erase(key);
            }
            break;
        }
        case 7: {  // incr_signed
            const int64_t delta =
                chance(10) ? static_cast<int64_t>(rng_()) : static_cast<int64_t>(below(200)) - 100;
            const CasUse use = random_cas_use();
            ModelItem* cur = model_.live(key);
            const CounterResult r = store_.incr_signed(key, delta, use);
            int64_t base = 0;
            if (cur != nullptr && !parse_redis_int64(cur->value, base)) {
                EXPECT_EQ(r.status, Status::not_a_number);
                break;
            }
            int64_t next = 0;
            if (__builtin_add_overflow(base, delta, &next)) {
                EXPECT_EQ(r.status, Status::overflow);
                break;
            }
            ASSERT_EQ(r.status, Status::ok);
            EXPECT_EQ(r.value, next);
            note_cas(r.cas);
            ModelItem item{std::to_string(next), cur ? cur->flags : 0u, cur ? cur->expire_at_ms : 0,
                           r.cas};
            model_.put(key, item);
            break;
        }
        case 8: {  // incr_unsigned
            const uint64_t delta = chance(10) ? rng_() : below(100);
            const bool decrement = chance(40);
            CounterCreate create;
            create.create = chance(30);
            create.initial = below(50);
            create.expiry = chance(50) ? ExpiryMode::at : ExpiryMode::clear;
            create.expire_at_ms = create.expiry == ExpiryMode::at ? random_expiry() : 0;
            ModelItem* cur = model_.live(key);
            uint64_t cas = 0;
            if (cur != nullptr && chance(20)) cas = cur->cas != 0 && chance(50) ? cur->cas : 12345;
            const CasUse use = random_cas_use();
            const CounterResult r = store_.incr_unsigned(key, delta, decrement, create, cas, use);
            if (cur == nullptr) {
                if (!create.create) {
                    EXPECT_EQ(r.status, Status::not_found);
                    break;
                }
                ASSERT_EQ(r.status, Status::ok);
                EXPECT_EQ(r.uvalue, create.initial);
                if (create.expiry == ExpiryMode::at && create.expire_at_ms <= now) break;
                note_cas(r.cas);
                model_.put(
                    key, ModelItem{std::to_string(create.initial), 0, create.expire_at_ms, r.cas});
                break;
            }
            if (cas != 0 && cur->cas != cas) {
                EXPECT_EQ(r.status, Status::exists);
                break;
            }
            uint64_t value = 0;
            if (!parse_memcached_uint64(cur->value, value)) {
                EXPECT_EQ(r.status, Status::not_a_number);
                break;
            }
            value = decrement ? (delta > value ? 0 : value - delta) : value + delta;
            ASSERT_EQ(r.status, Status::ok);
            EXPECT_EQ(r.uvalue, value);
            note_cas(r.cas);
            model_.put(key, ModelItem{std::to_string(value), cur->flags, cur->expire_at_ms, r.cas});
            break;
        }
        case 9: {  // append / prepend
            const bool prepend = chance(40);
            const bool create = chance(50);
            ModelItem* cur = model_.live(key);
            uint64_t cas = 0;
            if (chance(15)) cas = cur != nullptr && cur->cas != 0 && chance(50) ? cur->cas : 777;
            const std::string data =
                chance(5) ? std::string(300, 'y') : random_value().substr(0, 40);
            const CasUse use = random_cas_use();
            const CounterResult r = store_.append(key, data, prepend, create, cas, use);
            if (cur == nullptr) {
                if (!create || cas != 0) {
                    EXPECT_EQ(r.status, Status::not_found);
                    break;
                }
                ASSERT_EQ(r.status, Status::ok);
                note_cas(r.cas);
                model_.put(key, ModelItem{data, 0, 0, r.cas});
                break;
            }
            if (cas != 0 && cur->cas != cas) {
                EXPECT_EQ(r.status, Status::exists);
                break;
            }
            ASSERT_EQ(r.status, Status::ok);
            const std::string next = prepend ? data + cur->value : cur->value + data;
            EXPECT_EQ(r.uvalue, next.size());
            note_cas(r.cas);
            model_.put(key, ModelItem{next, cur->flags, cur->expire_at_ms, r.cas});
            break;
        }
        case 10: {  // touch
            const auto mode = static_cast<ExpiryMode>(below(3));
            const int64_t at = mode == ExpiryMode::at ? random_expiry() : 0;
            ModelItem* cur = model_.live(key);
            EXPECT_EQ(store_.touch(key, mode, at), cur != nullptr);
            if (cur == nullptr || mode == ExpiryMode::keep) break;
            if (mode == ExpiryMode::at && at <= now) {
                model_.erase(key);
            } else {
                cur->expire_at_ms = at;
            }
            break;
        }
        case 11: {  // set_many / del_many
            std::vector<std::string> keys;
            std::vector<std::string> values;
            const size_t n = 1 + below(4);
            for (size_t i = 0; i < n; ++i) {
                keys.push_back(random_key());
                values.push_back(random_value());
            }
            if (chance(50)) {
                std::vector<Store::KeyValue> kvs;
                for (size_t i = 0; i < n; ++i) kvs.push_back({keys[i], values[i]});
                EXPECT_EQ(store_.set_many(kvs), Status::ok);
                for (size_t i = 0; i < n; ++i) model_.put(keys[i], ModelItem{values[i], 0, 0, 0});
            } else {
                std::vector<std::string_view> views(keys.begin(), keys.end());
                size_t want = 0;
                for (const std::string& k : keys) {
                    if (model_.live(k) != nullptr) {
                        ++want;
                        model_.erase(k);
                    }
                }
                EXPECT_EQ(store_.del_many(views), want);
            }
            break;
        }
        case 12:  // time passes
            clock_.advance(static_cast<int64_t>(below(chance(5) ? 20'000 : 300)));
            break;
        case 13:  // active expiry, with any budget: invisible to reads
            store_.active_expire_cycle(below(3), 3, below(2) == 0 ? 0 : 1000);
            break;
        case 14:
            if (chance(3)) {
                const int64_t deadline = now + static_cast<int64_t>(below(3000)) - 500;
                store_.flush_at(deadline);
                model_.flush_at(deadline);
            }
            break;
        case 15:
            if (chance(2)) {
                store_.flush();
                model_.flush();
            }
            break;
    }
}

TEST_P(StoreModelTest, EveryResultMatchesTheModel) {
    for (int i = 0; i < 20'000; ++i) {
        step();
        if (::testing::Test::HasFatalFailure()) return;
    }
    // Reads agree at the end too, and the store holds no more than live + unreclaimed keys.
    EXPECT_GE(store_.size(), model_.live_count());
    store_.active_expire_cycle(0, 1, 1'000'000);
    for (const char* k : {"k1", "k2", "k3"}) {
        EXPECT_EQ(store_.exists(k), model_.live(k) != nullptr);
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, StoreModelTest, ::testing::Values(1, 2, 3, 4, 5, 6));

}  // namespace
}  // namespace larder::store::testing
