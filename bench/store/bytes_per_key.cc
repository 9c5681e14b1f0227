// Bytes of RSS per key beyond the payload, for the store alone: the store-side half of
// ../shared/bench/memory.sh (which measures the same over the wire against larder-server).
// Loads N keys "key:%08d" with 16-32 byte values and prints
//   (RSS after - RSS before) / N - 36.
// Link with tcmalloc (as larder-server is), so the figure reflects its size classes.
//
//   store_bytes_per_key [--keys N] [--ttl] [--shards S]
#include <cstdlib>
#include <cstring>

#include "bench/store/bench_util.h"
#include "store/alloc.h"
#include "store/store.h"

using namespace larder::store;
using namespace larder::store::bench;

int main(int argc, char** argv) {
    uint64_t keys = 1'000'000;
    bool ttl = false;
    size_t shards = 256;  // larder-server's default
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--keys") == 0 && i + 1 < argc) {
            keys = std::strtoull(argv[++i], nullptr, 10);
        } else if (std::strcmp(argv[i], "--ttl") == 0) {
            ttl = true;
        } else if (std::strcmp(argv[i], "--shards") == 0 && i + 1 < argc) {
            shards = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: %s [--keys N] [--ttl] [--shards S]\n", argv[0]);
            return 2;
        }
    }
    Store store(Config{.shard_count = shards});
    const int64_t now = system_clock().now_ms();
    // Warm the allocator's bookkeeping so "before" is the settled empty process.
    { std::string warm(1 << 20, 'x'); }
    const uint64_t before = rss_bytes();
    uint64_t payload = 0;
    char buffer[32];
    for (uint64_t i = 0; i < keys; ++i) {
        const std::string_view key = memory_sh_key(i, buffer);
        const std::string_view value = memory_sh_value(i);
        payload += key.size() + value.size();
        SetOptions options{.cas_use = CasUse::none};  // what RESP SET and memcached set pass
        if (ttl) {
            options.expiry = ExpiryMode::at;
            options.expire_at_ms = now + 3'600'000;  // an hour: SET ... EX 3600
        }
        if (store.set(key, value, options).status != Status::ok) {
            std::fprintf(stderr, "set failed at %llu\n", static_cast<unsigned long long>(i));
            return 1;
        }
    }
    const uint64_t after = rss_bytes();
    const Stats s = store.stats();
    const double per_key = static_cast<double>(after - before) / static_cast<double>(keys);
    const double payload_per_key = static_cast<double>(payload) / static_cast<double>(keys);
    std::printf(
        "bytes_per_key ttl=%s keys=%llu rss_per_key=%.2f payload=%.2f overhead=%.2f "
        "(bar %d) used_memory_per_key=%.2f table_per_key=%.2f exact_sizes=%s\n",
        ttl ? "yes" : "no", static_cast<unsigned long long>(keys), per_key, payload_per_key,
        per_key - payload_per_key, ttl ? 28 : 24,
        static_cast<double>(s.used_bytes) / static_cast<double>(keys),
        static_cast<double>(s.table_bytes) / static_cast<double>(keys),
        allocator_reports_exact_sizes() ? "nallocx" : "malloc_usable_size");
    return 0;
}
