// The replication seam: every change reaches the MutationSink, in shard order.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store/mutation.h"
#include "store_fixture.h"

namespace larder::store::testing {
namespace {

struct Record {
    uint64_t seq;
    size_t shard;
    MutationKind kind;
    std::string key;
    std::string data;
    uint32_t flags;
    uint64_t cas;
    int64_t expire_at_ms;
};

class RecordingSink final : public MutationSink {
  public:
    void on_mutation(uint64_t seq, size_t shard, const Mutation& m) override {
        std::lock_guard lock(mutex_);
        records_.push_back(Record{seq, shard, m.kind, std::string(m.key), std::string(m.data),
                                  m.flags, m.cas, m.expire_at_ms});
    }
    std::vector<Record> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(records_, {});
    }

  private:
    std::mutex mutex_;
    std::vector<Record> records_;
};

class MutationTest : public ::testing::Test {
  protected:
    RecordingSink sink_;
    ManualClock clock_;
    Store store_{Config{.shard_count = 8, .clock = &clock_, .sink = &sink_}};
};

TEST_F(MutationTest, EachKindOfChangeIsReported) {
    const uint64_t cas = store_.set("k", "v", SetOptions{.flags = 4}).cas;
    store_.append("k", "w", false, false);
    store_.append("k", "u", true, false);
    store_.touch("k", ExpiryMode::at, clock_.now_ms() + 50);
    store_.incr_signed("n", 3);
    store_.del("n");
    clock_.advance(50);
    store_.exists("k");  // finds it expired
    store_.flush_at(clock_.now_ms() + 10);

    const auto records = sink_.take();
    ASSERT_GE(records.size(), 7u);
    EXPECT_EQ(records[0].kind, MutationKind::set);
    EXPECT_EQ(records[0].data, "v");
    EXPECT_EQ(records[0].flags, 4u);
    EXPECT_EQ(records[0].cas, cas);
    EXPECT_EQ(records[1].kind, MutationKind::append);
    EXPECT_EQ(records[1].data, "w");
    EXPECT_EQ(records[2].kind, MutationKind::prepend);
    EXPECT_EQ(records[2].flags, 4u);
    EXPECT_EQ(records[3].kind, MutationKind::touch);
    EXPECT_EQ(records[3].cas, records[2].cas);
    EXPECT_EQ(records[4].kind, MutationKind::set);  // INCR replicates as its result
    EXPECT_EQ(records[4].key, "n");
    EXPECT_EQ(records[4].data, "3");
    EXPECT_EQ(records[5].kind, MutationKind::del);
    EXPECT_EQ(records[6].kind, MutationKind::expire);
    EXPECT_EQ(records[6].key, "k");
    ASSERT_EQ(records.size(), 7u + 8u);  // flush_at reaches every shard
    for (size_t i = 7; i < records.size(); ++i) {
        EXPECT_EQ(records[i].kind, MutationKind::flush_at);
        EXPECT_EQ(records[i].expire_at_ms, clock_.now_ms() + 10);
    }
}

TEST_F(MutationTest, FailedOperationsReportNothing) {
    store_.set("k", "v", {});
    sink_.take();
    store_.set("k", "v2", SetOptions{.condition = SetCondition::if_absent});
    store_.set("k", "v2", SetOptions{.condition = SetCondition::if_cas, .cas = 999'999});
    store_.set("x", "v2", SetOptions{.condition = SetCondition::if_present});
    store_.incr_unsigned("k", 1, false);
    store_.incr_signed("k", 1);
    store_.append("missing", "x", false, false);
    store_.del("missing");
    store_.touch("missing", ExpiryMode::clear, 0);
    store_.touch("k", ExpiryMode::clear, 0);  // no TTL to clear
    store_.get("k", [](const ItemView&) {});
    EXPECT_TRUE(sink_.take().empty());
}

TEST_F(MutationTest, FlushReportsOncePerShard) {
    store_.flush();
    const auto records = sink_.take();
    ASSERT_EQ(records.size(), 8u);
    for (size_t i = 0; i < records.size(); ++i) {
        EXPECT_EQ(records[i].kind, MutationKind::flush);
        EXPECT_EQ(records[i].shard, i);
    }
}

TEST_F(MutationTest, RecordsNameTheKeysShard) {
    for (int i = 0; i < 50; ++i) store_.set(numbered("key", i), "v", {});
    for (const Record& r : sink_.take()) EXPECT_EQ(r.shard, store_.shard_of(r.key));
}

TEST_F(MutationTest, SequenceNumbersStrictlyIncreasePerShardUnderConcurrency) {
    constexpr int kThreads = 4;
    constexpr int kOps = 2000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t] {
            for (int i = 0; i < kOps; ++i) {
                const std::string key = numbered("k", (i * 7 + t) % 40);
                switch (i % 4) {
                    case 0:
                        store_.set(key, "v", {});
                        break;
                    case 1:
                        store_.append(key, "x", false, true);
                        break;
                    case 2:
                        store_.del(key);
                        break;
                    case 3:
                        store_.incr_signed(numbered("n", i % 3), 1);
                        break;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    const auto records = sink_.take();
    EXPECT_GE(records.size(), static_cast<size_t>(kThreads * kOps * 3 / 4));
    // The sink runs under the shard lock, so arrival order within a shard is apply order.
    std::map<size_t, uint64_t> last;
    std::set<uint64_t> all;
    for (const Record& r : records) {
        auto [it, fresh] = last.try_emplace(r.shard, r.seq);
        if (!fresh) {
            EXPECT_GT(r.seq, it->second) << "shard " << r.shard;
            it->second = r.seq;
        }
        EXPECT_TRUE(all.insert(r.seq).second) << "seq " << r.seq << " repeated";
    }
}

}  // namespace
}  // namespace larder::store::testing
