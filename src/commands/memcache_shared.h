// Server-wide memcached state that lives outside the store: the recache bits of meta items,
// the open memcached connections (`stats conns`), what `stats reset`, `stats detail` and
// `verbosity` change, and the credentials of memcache-auth-file. One instance per
// ServerContext, created on first use: ServerContext has no slot for protocol-specific
// state, and keeping it here leaves the rest of the daemon unaware of it.
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

#include "src/commands/memcache_meta_state.h"
#include "src/server_context.h"

namespace larder::memcache_ops {

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

// memcache-auth-file: "user:password" lines, as memcached's -Y file.
class AuthTable {
  public:
    // Reads the file once; an unreadable file is logged and then no one can log in.
    void load_once(const std::string& path);
    bool check(std::string_view user, std::string_view password) const;

  private:
    std::once_flag once_;
    std::vector<std::pair<std::string, std::string>> users_;  // written once, under once_
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

MemcacheShared& memcache_shared(ServerContext& ctx);

// Whether a memcached connection must authenticate first (memcache-auth-file is set).
bool memcache_auth_required(ServerContext& ctx);

}  // namespace larder::memcache_ops
