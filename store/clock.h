// Time for the store, injected so expiry can be tested without sleeping. All times are
// milliseconds since the Unix epoch, the unit both Redis (PXAT) and memcached (after
// conversion) use for absolute expiry.
#pragma once

#include <atomic>
#include <cstdint>

namespace larder::store {

class Clock {
  public:
    virtual ~Clock() = default;
    // Must be safe to call from any thread, concurrently.
    virtual int64_t now_ms() const = 0;
};

// Wall-clock time (CLOCK_REALTIME): expiry deadlines from clients are absolute wall times.
class SystemClock final : public Clock {
  public:
    int64_t now_ms() const override;
};

// A clock that moves only when told to. Thread-safe, so concurrent tests may share one.
class ManualClock final : public Clock {
  public:
    // A fixed, realistic default so tests never see epoch-0 edge cases by accident.
    static constexpr int64_t kDefaultStartMs = 1'700'000'000'000;

    explicit ManualClock(int64_t start_ms = kDefaultStartMs) : now_ms_(start_ms) {}

    int64_t now_ms() const override { return now_ms_.load(std::memory_order_relaxed); }
    void set(int64_t ms) { now_ms_.store(ms, std::memory_order_relaxed); }
    void advance(int64_t delta_ms) { now_ms_.fetch_add(delta_ms, std::memory_order_relaxed); }

  private:
    std::atomic<int64_t> now_ms_;
};

// The clock a Store uses when its Config names none. Stateless, so one is shared by all.
const Clock& system_clock();

}  // namespace larder::store
