// Server-wide memcached state that lives outside the store: the recache bits of meta items,
// the open memcached connections (`stats conns`), what `stats reset`, `stats detail` and
// `verbosity` change, and the credentials of memcache-auth-file. One instance, held by the
// ServerContext and destroyed with it.
// Thread-safe; the comments say how each part is protected.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/server/memcache_meta_state.h"
#include "src/server/worker_stats.h"

namespace larder::server::memcache_ops {

// The memcached connections open now, for `stats conns`. A session registers itself when it
// starts and leaves when it ends; its worker updates `last_command_ms`.
class ConnRegistry {
  public:
    struct Conn {
        uint64_t id = 0;
        std::string peer;  // "ip:port"
        std::atomic<int64_t> last_command_ms{0};
    };
    std::shared_ptr<Conn> add(std::string peer, int64_t now_ms);
    void remove(uint64_t id);
    // A consistent copy: id, peer, last command time.
    struct Snapshot {
        uint64_t id;
        std::string peer;
        int64_t last_command_ms;
    };
    std::vector<Snapshot> snapshot() const;

  private:
    mutable std::mutex mutex_;
    uint64_t next_id_ = 1;
    std::map<uint64_t, std::shared_ptr<Conn>> conns_;
};

// `stats detail`: per key-prefix counters (prefix = the key up to its first ':'), kept only
// while enabled, as memcached does.
class PrefixStats {
  public:
    enum class Op { get_hit, get_miss, set, del };
    void record(std::string_view key, Op op);
    // memcached's dump lines, "PREFIX <p> get <n> hit <n> set <n> del <n>\r\n", then END.
    std::string dump() const;
    void clear();
    std::atomic<bool> enabled{false};

  private:
    struct Counts {
        uint64_t get = 0, hit = 0, set = 0, del = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Counts, std::less<>> prefixes_;
};

// memcache-auth-file: "user:password" lines, as memcached's -Y file. Thread-safe.
class AuthTable {
  public:
    // Reads the file, replacing the users read before (at start, and again on SIGHUP). An
    // unreadable file is logged and then no one can log in: the file asked for logins, so
    // failing closed is the only safe reading of it.
    void load(const std::string& path);
    bool check(std::string_view user, std::string_view password) const;

  private:
    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, std::string>> users_;  // under mutex_
};

struct MemcacheShared {
    MetaStateTable meta_state;
    ConnRegistry conns;
    PrefixStats detail;
    AuthTable auth;

    std::atomic<uint32_t> verbosity{0};
    std::atomic<uint64_t> auth_cmds{0};
    std::atomic<uint64_t> auth_errors{0};
    std::atomic<uint64_t> meta_debug_cmds{0};

    // `stats reset`: counters are reported relative to these totals (memcached zeroes its
    // own; Larder's are shared with RESP INFO, which `stats reset` leaves alone).
    StatsTotals baseline() const;
    void reset_baseline(const StatsTotals& now);

  private:
    mutable std::mutex baseline_mutex_;
    StatsTotals baseline_;
};

}  // namespace larder::server::memcache_ops
