// The worst single operation while one table grows from 0 to 10M keys. A store with one
// shard has one table, so every resize of the run happens in it; each set is timed alone,
// in wall time and in this thread's CPU time. Bar: the worst set stays under 1 ms (no
// operation pays for a whole resize). On a shared machine the wall-time worst also catches
// preemption by other processes; the CPU-time worst (which still counts page faults and
// system calls, and a hypervisor's stolen time) is closer to the store's own share. As a
// control, the run starts by timing a loop that does nothing but read the clock for as
// long as the load will take: its worst gap is the stall the machine itself adds.
//
//   store_resize_latency [--keys N]
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "bench/store/bench_util.h"
#include "store/store.h"

using namespace larder::store;
using namespace larder::store::bench;

namespace {

// The longest gap between consecutive clock reads over `ns` nanoseconds of spinning, and
// how many gaps exceeded 1 ms.
struct Control {
    int64_t worst_ns = 0;
    uint64_t over_1ms = 0;
};
Control idle_gaps(int64_t ns) {
    Control c;
    const int64_t end = monotonic_ns() + ns;
    int64_t last = monotonic_ns();
    while (last < end) {
        const int64_t now = monotonic_ns();
        c.worst_ns = std::max(c.worst_ns, now - last);
        if (now - last > 1'000'000) ++c.over_1ms;
        last = now;
    }
    return c;
}

int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t keys = 10'000'000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--keys") == 0 && i + 1 < argc) {
            keys = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: %s [--keys N]\n", argv[0]);
            return 2;
        }
    }
    // Spin as long as the load below takes at ~2.5 us per key (capped at 20 s).
    const Control control =
        idle_gaps(std::min<int64_t>(20'000'000'000, static_cast<int64_t>(keys) * 2500));
    Store store(Config{.shard_count = 1});
    uint64_t over_1ms = 0;
    std::vector<uint32_t> ns(keys);
    char buffer[32];
    int64_t worst = 0;
    uint64_t worst_at = 0;
    int64_t worst_cpu = 0;
    uint64_t worst_cpu_at = 0;
    const int64_t start = monotonic_ns();
    for (uint64_t i = 0; i < keys; ++i) {
        const std::string_view key = memory_sh_key(i, buffer);
        const std::string_view value = memory_sh_value(i);
        const int64_t c0 = thread_cpu_ns();
        const int64_t t0 = monotonic_ns();
        store.set(key, value, SetOptions{.cas_use = CasUse::none});
        const int64_t took = monotonic_ns() - t0;
        const int64_t cpu = thread_cpu_ns() - c0;
        if (cpu > worst_cpu) {
            worst_cpu = cpu;
            worst_cpu_at = i;
        }
        ns[i] = static_cast<uint32_t>(std::min<int64_t>(took, UINT32_MAX));
        if (took > 1'000'000) ++over_1ms;
        if (took > worst) {
            worst = took;
            worst_at = i;
        }
    }
    const double total_s = static_cast<double>(monotonic_ns() - start) / 1e9;
    std::sort(ns.begin(), ns.end());
    const auto pct = [&](double p) {
        return ns[static_cast<size_t>(p * static_cast<double>(keys - 1))];
    };
    const Stats s = store.stats();
    std::printf(
        "resize_latency keys=%llu worst_wall_us=%.1f (bar <1000) at_key=%llu worst_cpu_us=%.1f "
        "at_key=%llu ops_over_1ms=%llu p50_ns=%u p99_ns=%u p99.99_ns=%u mean_ns=%.0f "
        "table_mb=%.1f used_mb=%.1f control_worst_gap_us=%.1f control_gaps_over_1ms=%llu\n",
        static_cast<unsigned long long>(keys), static_cast<double>(worst) / 1000.0,
        static_cast<unsigned long long>(worst_at), static_cast<double>(worst_cpu) / 1000.0,
        static_cast<unsigned long long>(worst_cpu_at), static_cast<unsigned long long>(over_1ms),
        pct(0.5), pct(0.99), pct(0.9999), total_s * 1e9 / static_cast<double>(keys),
        static_cast<double>(s.table_bytes) / 1e6, static_cast<double>(s.used_bytes) / 1e6,
        static_cast<double>(control.worst_ns) / 1000.0,
        static_cast<unsigned long long>(control.over_1ms));
    return worst < 1'000'000 ? 0 : 1;
}
