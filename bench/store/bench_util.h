// Small helpers the store benchmarks share: the process's RSS, a monotonic clock, the
// memory.sh key and value shapes, and a clock the store reads that the benchmark controls.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace larder::store::bench {

// Resident set size in bytes, from /proc/self/statm.
inline uint64_t rss_bytes() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (f == nullptr) return 0;
    unsigned long pages_total = 0;
    unsigned long pages_resident = 0;
    const int n = std::fscanf(f, "%lu %lu", &pages_total, &pages_resident);
    std::fclose(f);
    if (n != 2) return 0;
    return static_cast<uint64_t>(pages_resident) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

inline int64_t monotonic_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// "key:%08d", as ../shared/bench/memory.sh writes it (formatted by hand: snprintf would
// cost more than the store operation being measured).
inline std::string_view memory_sh_key(uint64_t i, char (&buffer)[32]) {
    std::memcpy(buffer, "key:", 4);
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + i % 10);
        i /= 10;
    } while (i != 0);
    int at = 4;
    for (int pad = n; pad < 8; ++pad) buffer[at++] = '0';
    while (n > 0) buffer[at++] = digits[--n];
    return {buffer, static_cast<size_t>(at)};
}

// memory.sh's value: 16 + (i*7 mod 17) bytes (16..32, mean 24) cut from a fixed alphabet.
inline std::string_view memory_sh_value(uint64_t i) {
    static constexpr std::string_view kBase =
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    const size_t length = 16 + (i * 7) % 17;
    return kBase.substr(i % 32, length);
}

}  // namespace larder::store::bench
