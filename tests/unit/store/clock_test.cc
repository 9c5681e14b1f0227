#include "store/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "store/function_ref.h"

namespace larder::store {
namespace {

TEST(ManualClock, MovesOnlyWhenTold) {
    ManualClock clock(1000);
    EXPECT_EQ(clock.now_ms(), 1000);
    clock.advance(250);
    EXPECT_EQ(clock.now_ms(), 1250);
    clock.set(5);
    EXPECT_EQ(clock.now_ms(), 5);
}

TEST(SystemClock, IsWallClockMilliseconds) {
    const int64_t expected = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    EXPECT_NEAR(static_cast<double>(system_clock().now_ms()), static_cast<double>(expected),
                1000.0);
}

TEST(FunctionRef, CallsLambdasAndFunctorsWithoutCopying) {
    int calls = 0;
    auto count = [&calls](int n) { calls += n; };
    FunctionRef<void(int)> ref = count;
    ref(2);
    ref(3);
    EXPECT_EQ(calls, 5);

    struct Doubler {
        int operator()(int x) const { return 2 * x; }
    };
    const Doubler doubler;
    FunctionRef<int(int)> twice = doubler;
    EXPECT_EQ(twice(21), 42);

    std::string captured = "abc";
    auto reads = [&captured]() -> size_t { return captured.size(); };
    EXPECT_EQ(FunctionRef<size_t()>(reads)(), captured.size());
}

}  // namespace
}  // namespace larder::store
