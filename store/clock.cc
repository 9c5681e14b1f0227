#include "store/clock.h"

#include <time.h>

namespace larder::store {

int64_t SystemClock::now_ms() const {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

const Clock& system_clock() {
    static const SystemClock clock;
    return clock;
}

}  // namespace larder::store
