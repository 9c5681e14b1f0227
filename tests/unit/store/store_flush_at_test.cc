// flush_at: memcached's delayed flush_all.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace larder::store::testing {
namespace {

TEST_F(StoreTest, FlushAtInvalidatesOlderItemsWhenTheDeadlineComes) {
    put("before", "v");
    const int64_t deadline = now() + 10'000;
    store_.flush_at(deadline);
    EXPECT_TRUE(store_.exists("before"));
    clock_.advance(5'000);
    put("between", "v");  // written before the deadline: also doomed, as in memcached
    clock_.set(deadline - 1);
    EXPECT_TRUE(store_.exists("before"));
    EXPECT_TRUE(store_.exists("between"));
    clock_.set(deadline);
    EXPECT_FALSE(store_.exists("before"));
    EXPECT_FALSE(store_.exists("between"));
    put("after", "v");
    EXPECT_TRUE(store_.exists("after"));
    clock_.advance(100'000);
    EXPECT_TRUE(store_.exists("after"));
}

TEST_F(StoreTest, FlushAtBoundaryIsTheDeadlineMillisecond) {
    const int64_t deadline = now() + 100;
    store_.flush_at(deadline);
    clock_.set(deadline - 1);
    put("just-before", "v");
    clock_.set(deadline);
    put("at-deadline", "v");
    EXPECT_FALSE(store_.exists("just-before"));
    EXPECT_TRUE(store_.exists("at-deadline"));
}

TEST_F(StoreTest, FlushAtInThePastFlushesNow) {
    put("k", "v");
    store_.flush_at(now() - 1);
    EXPECT_EQ(store_.size(), 0u);
    put("k2", "v");
    store_.flush_at(now());
    EXPECT_EQ(store_.size(), 0u);
}

TEST_F(StoreTest, LaterFlushAtReplacesAPendingDeadline) {
    put("k", "v");
    store_.flush_at(now() + 100);
    store_.flush_at(now() + 1000);
    clock_.advance(500);
    EXPECT_TRUE(store_.exists("k"));
    clock_.advance(500);
    EXPECT_FALSE(store_.exists("k"));
}

TEST_F(StoreTest, PassedDeadlineKeepsCoveringItsItemsAfterANewFlushAt) {
    put("old", "v");
    store_.flush_at(now() + 10);
    clock_.advance(10);  // "old" is now dead, though nothing has reclaimed it
    put("newer", "v");
    store_.flush_at(now() + 1000);
    EXPECT_FALSE(store_.exists("old"));
    EXPECT_TRUE(store_.exists("newer"));
    clock_.advance(1000);
    EXPECT_FALSE(store_.exists("newer"));
}

TEST_F(StoreTest, FlushCancelsAPendingDeadline) {
    store_.flush_at(now() + 100);
    store_.flush();
    put("k", "v");
    clock_.advance(200);
    EXPECT_TRUE(store_.exists("k"));
}

TEST_F(StoreTest, FlushedCounterRestartsFromZero) {
    put("k", "v");
    store_.flush_at(now() + 100);
    clock_.advance(100);
    EXPECT_FALSE(store_.exists("k"));
    EXPECT_EQ(store_.incr_signed("k", 1).value, 1);
}

}  // namespace
}  // namespace larder::store::testing
