#include "src/server/memcache/stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <type_traits>

#include "larder_version.h"
#include "protocols/memcache/limits.h"
#include "src/server/info.h"
#include "src/server/memcache_state.h"

namespace larder::server::memcache_ops {
namespace {

int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string seconds_micros(const timeval& tv) {
    char buf[32];
    snprintf(buf, sizeof buf, "%ld.%06ld", static_cast<long>(tv.tv_sec),
             static_cast<long>(tv.tv_usec));
    return buf;
}

// Streams name/value pairs to the responder.
struct Out {
    memcache::Responder& r;
    void operator()(std::string_view name, std::string_view value) { r.stat(name, value); }
    void operator()(std::string_view name, uint64_t value) { r.stat(name, std::to_string(value)); }
    void flag(std::string_view name, bool on) { r.stat(name, on ? "yes" : "no"); }
};

// The counters memcached zeroes on `stats reset`, relative to the last reset.
StatsTotals since_reset(ServerContext& ctx, const MemcacheShared& shared) {
    StatsTotals now = ctx.totals();
    StatsTotals base = shared.baseline();
#define LARDER_SUBTRACT(name) now.name = now.name >= base.name ? now.name - base.name : 0;
    LARDER_WORKER_COUNTERS(LARDER_SUBTRACT)
#undef LARDER_SUBTRACT
    // Current values are not counters.
    now.connections_current = ctx.totals().connections_current;
    return now;
}

// The store is gaining exact memory accounting (issue 3); until every build has it, these
// read the new fields where they exist and report 0 elsewhere.
template <class S>
uint64_t table_bytes(const S& s) {
    if constexpr (requires { s.table_bytes; })
        return s.table_bytes;
    else
        return 0;
}
template <class S>
uint64_t oom_rejections(const S& s) {
    if constexpr (requires { s.oom_rejections; })
        return s.oom_rejections;
    else
        return 0;
}

constexpr uint64_t kSlabPage = 1024 * 1024;
constexpr uint64_t kChunksPerPageClass1 = kSlabPage / 96;

void general(Call& c) {
    ServerContext& ctx = c.env.ctx;
    MemcacheShared& shared = c.shared;
    StatsTotals t = since_reset(ctx, shared);
    store::Stats s = ctx.store().stats();
    Config cfg = ctx.config();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    int64_t now = wall_ms();
    Out o{c.reply};
    o("pid", static_cast<uint64_t>(getpid()));
    o("uptime", static_cast<uint64_t>((now - ctx.start_time_ms()) / 1000));
    o("time", static_cast<uint64_t>(now / 1000));
    o("version", kMemcachedCompatVersion);
    o("libevent", std::string("larder-") + LARDER_VERSION);
    o("pointer_size", uint64_t{sizeof(void*) * 8});
    o("rusage_user", seconds_micros(ru.ru_utime));
    o("rusage_system", seconds_micros(ru.ru_stime));
    o("max_connections", static_cast<uint64_t>(cfg.maxclients));
    o("curr_connections", t.connections_current);
    o("total_connections", t.connections_total);
    o("rejected_connections", t.rejected_connections);
    o("connection_structures", t.connections_current);
    // memcached's response objects and read buffers have no Larder counterpart.
    for (std::string_view name :
         {"response_obj_oom", "response_obj_count", "response_obj_bytes", "read_buf_count",
          "read_buf_bytes", "read_buf_bytes_free", "read_buf_oom", "reserved_fds"}) {
        o(name, uint64_t{0});
    }
    o("cmd_get", t.cmd_get);
    o("cmd_set", t.cmd_set);
    o("cmd_flush", t.cmd_flush);
    o("cmd_touch", t.cmd_touch);
    o("cmd_meta", shared.meta_debug_cmds.load(std::memory_order_relaxed));
    o("get_hits", t.get_hits);
    o("get_misses", t.get_misses);
    o("get_expired", uint64_t{0});
    o("get_flushed", uint64_t{0});
    o("delete_misses", t.delete_misses);
    o("delete_hits", t.delete_hits);
    o("incr_misses", t.incr_misses);
    o("incr_hits", t.incr_hits);
    o("decr_misses", t.decr_misses);
    o("decr_hits", t.decr_hits);
    o("cas_misses", t.cas_misses);
    o("cas_hits", t.cas_hits);
    o("cas_badval", t.cas_badval);
    o("touch_hits", t.touch_hits);
    o("touch_misses", t.touch_misses);
    o("store_too_large", uint64_t{0});
    o("store_no_memory", oom_rejections(s));
    o("auth_cmds", shared.auth_cmds.load(std::memory_order_relaxed));
    o("auth_errors", shared.auth_errors.load(std::memory_order_relaxed));
    o("bytes_read", t.bytes_read);
    o("bytes_written", t.bytes_written);
    o("limit_maxbytes", cfg.maxmemory);
    o("accepting_conns", uint64_t{1});
    o("listen_disabled_num", uint64_t{0});
    o("time_in_listen_disabled_us", uint64_t{0});
    o("threads", static_cast<uint64_t>(ctx.worker_count()));
    o("conn_yields", uint64_t{0});
    o("hash_power_level", uint64_t{0});
    o("hash_bytes", table_bytes(s));
    o("hash_is_expanding", uint64_t{0});
    // memcached's slab mover, LRU crawler, LRU maintainer and logger: not in Larder.
    for (std::string_view name :
         {"slab_reassign_rescues", "slab_reassign_chunk_rescues", "slab_reassign_evictions_nomem",
          "slab_reassign_inline_reclaim", "slab_reassign_busy_items", "slab_reassign_busy_deletes",
          "slab_reassign_running", "slabs_moved", "lru_crawler_running", "lru_crawler_starts",
          "lru_maintainer_juggles", "malloc_fails", "log_worker_dropped", "log_worker_written",
          "log_watcher_skipped", "log_watcher_sent", "log_watchers", "unexpected_napi_ids",
          "round_robin_fallback"}) {
        o(name, uint64_t{0});
    }
    o("bytes", s.used_bytes);
    o("curr_items", s.keys);
    o("total_items", t.cmd_set);
    o("slab_global_page_pool", uint64_t{0});
    o("expired_unfetched", uint64_t{0});
    o("evicted_unfetched", uint64_t{0});
    o("evicted_active", uint64_t{0});
    o("evictions", s.evicted);
    o("reclaimed", s.expired);
    for (std::string_view name :
         {"crawler_reclaimed", "crawler_items_checked", "lrutail_reflocked", "moves_to_cold",
          "moves_to_warm", "moves_within_lru", "direct_reclaims", "lru_bumps_dropped"}) {
        o(name, uint64_t{0});
    }
}

bool tls_listener(const Config& cfg) {
    for (const ListenerConfig& l : effective_listeners(cfg))
        if (l.tls) return true;
    return false;
}

void settings(Call& c) {
    ServerContext& ctx = c.env.ctx;
    MemcacheShared& shared = c.shared;
    Config cfg = ctx.config();
    bool auth = !cfg.memcache_auth_file.empty();
    std::string threads = std::to_string(ctx.worker_count());
    Out o{c.reply};
    o("maxbytes", cfg.maxmemory);
    o("maxconns", static_cast<uint64_t>(cfg.maxclients));
    o("tcpport", static_cast<uint64_t>(cfg.memcache_port));
    o("udpport", uint64_t{0});
    o("inter", cfg.bind);
    o("verbosity", uint64_t{shared.verbosity.load(std::memory_order_relaxed)});
    o("oldest", uint64_t{0});
    o("evictions", cfg.maxmemory_policy == "noeviction" ? "off" : "on");
    o("domain_socket", "NULL");
    o("umask", "700");
    o.flag("shutdown_command", false);
    o("growth_factor", "1.25");
    o("chunk_size", uint64_t{48});
    o("num_threads", threads);
    o("num_threads_per_udp", threads);
    o("stat_key_prefix", ":");
    o.flag("detail_enabled", shared.detail.enabled.load(std::memory_order_relaxed));
    o("reqs_per_event", uint64_t{20});
    o.flag("cas_enabled", true);
    o("tcp_backlog", static_cast<uint64_t>(cfg.tcp_backlog));
    o("binding_protocol", "auto-negotiate");
    o.flag("auth_enabled_sasl", auth);
    o.flag("auth_enabled_ascii", auth);
    o("item_size_max", cfg.item_size_max);
    o.flag("maxconns_fast", true);
    o("hashpower_init", uint64_t{0});
    o.flag("slab_reassign", true);
    o("slab_automove", uint64_t{1});
    o("slab_automove_ratio", "0.80");
    o("slab_automove_window", uint64_t{30});
    o("slab_chunk_max", cfg.item_size_max / 2);
    o.flag("lru_crawler", true);
    o("lru_crawler_sleep", uint64_t{100});
    o("lru_crawler_tocrawl", uint64_t{0});
    o("tail_repair_time", uint64_t{0});
    o.flag("flush_enabled", true);
    o.flag("dump_enabled", false);
    o("hash_algorithm", "larder");
    o.flag("lru_maintainer_thread", false);
    o.flag("lru_segmented", false);
    o("hot_lru_pct", uint64_t{20});
    o("warm_lru_pct", uint64_t{40});
    o("hot_max_factor", "0.20");
    o("warm_max_factor", "2.00");
    o.flag("temp_lru", false);
    o("temporary_ttl", uint64_t{61});
    o("idle_timeout", uint64_t{0});
    o("watcher_logbuf_size", uint64_t{262144});
    o("worker_logbuf_size", uint64_t{65536});
    o("read_buf_mem_limit", uint64_t{0});
    o.flag("track_sizes", false);
    o.flag("inline_ascii_response", false);
    // extstore is compiled into the memcached this list follows; Larder has none.
    o("ext_item_size", uint64_t{512});
    o("ext_item_age", uint64_t{4294967295});
    o("ext_low_ttl", uint64_t{0});
    o("ext_recache_rate", uint64_t{2000});
    o("ext_wbuf_size", uint64_t{4194304});
    o("ext_compact_under", uint64_t{0});
    o("ext_drop_under", uint64_t{0});
    o("ext_max_sleep", uint64_t{1000000});
    o("ext_max_frag", "0.80");
    o("slab_automove_freeratio", "0.010");
    o.flag("ext_drop_unread", false);
    bool tls = tls_listener(cfg);
    o.flag("ssl_enabled", tls);
    o("ssl_chain_cert", tls ? cfg.tls_cert_file : std::string("(null)"));
    o("ssl_key", tls ? cfg.tls_key_file : std::string("(null)"));
    o("ssl_verify_mode", uint64_t{0});
    o("ssl_keyformat", uint64_t{1});
    o("ssl_ciphers", "NULL");
    o("ssl_ca_cert", "NULL");
    o("ssl_wbuf_size", uint64_t{16384});
    o.flag("ssl_session_cache", false);
    o.flag("ssl_kernel_tls", false);
    o("ssl_min_version", "tlsv1.2");
    o("num_napi_ids", "(null)");
    o("memory_file", "(null)");
}

void items(Call& c) {
    store::Stats s = c.env.ctx.store().stats();
    if (s.keys == 0) return;
    Out o{c.reply};
    auto stat = [&](std::string_view name, uint64_t v) {
        std::string full = "items:1:";
        full += name;
        o(full, v);
    };
    stat("number", s.keys);
    stat("number_hot", 0);
    stat("number_warm", 0);
    stat("number_cold", s.keys);
    stat("age_hot", 0);
    stat("age_warm", 0);
    stat("age", 0);
    stat("mem_requested", s.used_bytes);
    stat("evicted", s.evicted);
    for (std::string_view name :
         {"evicted_nonzero", "evicted_time", "outofmemory", "tailrepairs"}) {
        stat(name, 0);
    }
    stat("reclaimed", s.expired);
    for (std::string_view name :
         {"expired_unfetched", "evicted_unfetched", "evicted_active", "crawler_reclaimed",
          "crawler_items_checked", "lrutail_reflocked", "moves_to_cold", "moves_to_warm",
          "moves_within_lru", "direct_reclaims", "hits_to_hot", "hits_to_warm", "hits_to_cold",
          "hits_to_temp"}) {
        stat(name, 0);
    }
}

void slabs(Call& c) {
    ServerContext& ctx = c.env.ctx;
    store::Stats s = ctx.store().stats();
    StatsTotals t = ctx.totals();
    Out o{c.reply};
    // memcached keeps a class's pages once it has stored anything in it.
    bool active = s.keys != 0 || t.cmd_set != 0;
    uint64_t pages = 0;
    if (active) {
        pages = std::max<uint64_t>(1, (s.used_bytes + kSlabPage - 1) / kSlabPage);
        StatsTotals r = since_reset(ctx, c.shared);
        uint64_t chunks = pages * kChunksPerPageClass1;
        uint64_t used = std::min(s.keys, chunks);
        o("1:chunk_size", uint64_t{96});
        o("1:chunks_per_page", kChunksPerPageClass1);
        o("1:total_pages", pages);
        o("1:total_chunks", chunks);
        o("1:used_chunks", used);
        o("1:free_chunks", chunks - used);
        o("1:free_chunks_end", uint64_t{0});
        o("1:get_hits", r.get_hits);
        o("1:cmd_set", r.cmd_set);
        o("1:delete_hits", r.delete_hits);
        o("1:incr_hits", r.incr_hits);
        o("1:decr_hits", r.decr_hits);
        o("1:cas_hits", r.cas_hits);
        o("1:cas_badval", r.cas_badval);
        o("1:touch_hits", r.touch_hits);
    }
    o("active_slabs", uint64_t{active ? 1u : 0u});
    o("total_malloced", pages * kSlabPage);
}

void conns(Call& c, uint64_t own_id) {
    ServerContext& ctx = c.env.ctx;
    Config cfg = ctx.config();
    int64_t now = wall_ms();
    Out o{c.reply};
    uint64_t id = 0;
    std::string first_listener;
    for (const ListenerConfig& l : effective_listeners(cfg)) {
        if (l.protocol != ListenerConfig::Protocol::auto_memcache &&
            l.protocol != ListenerConfig::Protocol::memcache) {
            continue;
        }
        std::string prefix = std::to_string(++id) + ":";
        std::string addr = "tcp:";
        addr += l.bind;
        addr += ':';
        addr += std::to_string(l.port);
        if (first_listener.empty()) first_listener = addr;
        o(prefix + "addr", addr);
        o(prefix + "state", "conn_listening");
        o(prefix + "secs_since_last_cmd",
          static_cast<uint64_t>((now - ctx.start_time_ms()) / 1000));
    }
    // Connections are numbered after the listeners, as memcached's file descriptors are.
    for (const ConnRegistry::Snapshot& conn : c.shared.conns.snapshot()) {
        std::string prefix = std::to_string(id + conn.id) + ":";
        std::string addr = "tcp:";
        addr += conn.peer;
        o(prefix + "addr", addr);
        o(prefix + "listen_addr", first_listener);
        o(prefix + "state", conn.id == own_id ? "conn_parse_cmd" : "conn_waiting");
        o(prefix + "secs_since_last_cmd",
          static_cast<uint64_t>(std::max<int64_t>(0, now - conn.last_command_ms) / 1000));
    }
}

// ---- answers: one per row -------------------------------------------------------------

// A listing: the group's stat lines, then the end of the list (text END, binary the empty
// packet).
template <auto list>
void listing(Call& c, uint64_t conn_id) {
    if constexpr (std::is_invocable_v<decltype(list), Call&, uint64_t>)
        list(c, conn_id);
    else
        list(c);
    c.reply.end_stats();
}

void sizes(Call& c) {
    c.reply.stat("sizes_status", "disabled");
}

void reset(Call& c, uint64_t) {
    c.shared.reset_baseline(c.env.ctx.totals());
    c.shared.detail.clear();
    c.reply.stats_reset();
}

template <bool on>
void detail_switch(Call& c, uint64_t) {
    c.shared.detail.enabled.store(on, std::memory_order_relaxed);
    c.reply.ok();
}

void detail_dump(Call& c, uint64_t) {
    c.reply.stats_dump(c.shared.detail.dump());
}

void detail_usage(Call& c, uint64_t) {
    c.reply.no_such_stats("usage: stats detail on|off|dump");
}

// Refused: it needs a walk over the keyspace.
void cachedump(Call& c, uint64_t) {
    c.reply.no_such_stats("stats cachedump not allowed");
}

void unknown(Call& c, uint64_t) {
    c.reply.no_such_stats();
}

// ---- the table ---------------------------------------------------------------------------

using enum BinaryStatsMatch;

// memcached 1.6's process_stat (text) and process_bin_stat (binary), as rows. Binary names
// reset, settings and detail by prefix and the engine's groups (items, slabs, sizes) whole;
// conns, cachedump and the detail usage error are text only.
// clang-format off
constexpr StatsGroup kGroups[] = {
    // name          text         sub     binary  binary_key     answer
    {"general",      "",          "",     exact,  "",            listing<general>},
    {"reset",        "reset",     "",     prefix, "reset",       reset},
    {"settings",     "settings",  "",     prefix, "settings",    listing<settings>},
    {"detail on",    "detail",    "on",   prefix, "detail on",   detail_switch<true>},
    {"detail off",   "detail",    "off",  prefix, "detail off",  detail_switch<false>},
    {"detail dump",  "detail",    "dump", prefix, "detail dump", detail_dump},
    {"detail usage", "detail",    "",     none,   "",            detail_usage},
    {"cachedump",    "cachedump", "",     none,   "",            cachedump},
    {"conns",        "conns",     "",     none,   "",            listing<conns>},
    {"items",        "items",     "",     exact,  "items",       listing<items>},
    {"slabs",        "slabs",     "",     exact,  "slabs",       listing<slabs>},
    {"sizes",        "sizes",     "",     exact,  "sizes",       listing<sizes>},
};
// clang-format on

constexpr StatsGroup kUnknown{"unknown", "", "", none, "", unknown};

bool text_matches(const StatsGroup& g, std::span<const std::string_view> args) {
    if (g.text.empty()) return args.empty();
    if (args.empty() || args[0] != g.text) return false;
    return g.text_sub.empty() || (args.size() >= 2 && args[1] == g.text_sub);
}

bool binary_matches(const StatsGroup& g, std::string_view key) {
    if (g.binary == prefix) return key.starts_with(g.binary_key);
    return g.binary == exact && key == g.binary_key;
}

}  // namespace

std::span<const StatsGroup> stats_groups() {
    return kGroups;
}

const StatsGroup& unknown_stats_group() {
    return kUnknown;
}

const StatsGroup& text_stats_group(std::span<const std::string_view> args) {
    for (const StatsGroup& g : kGroups)
        if (text_matches(g, args)) return g;
    return kUnknown;
}

const StatsGroup& binary_stats_group(std::string_view key) {
    for (const StatsGroup& g : kGroups)
        if (binary_matches(g, key)) return g;
    return kUnknown;
}

void answer_stats(Call& c, const StatsGroup& group, uint64_t conn_id) {
    group.answer(c, conn_id);
}

uint64_t memcached_item_size(size_t key_len, size_t value_len, uint32_t client_flags) {
    return memcache::kItemOverhead + key_len + value_len + (client_flags != 0 ? 4 : 0);
}

uint32_t memcached_slab_class(uint64_t item_size, uint64_t item_size_max) {
    // memcached's classes: 96 bytes, then each 1.25 times the last (rounded up to 8 bytes)
    // while below chunk_max / 1.25, then one class of chunk_max (half the item limit);
    // larger items are chunked and counted in that last class.
    const uint64_t chunk_max = item_size_max / 2;
    uint64_t size = 96;
    uint32_t cls = 1;
    while (true) {
        if (size % 8 != 0) size += 8 - size % 8;
        if (item_size <= size) return cls;
        ++cls;
        size = static_cast<uint64_t>(static_cast<double>(size) * 1.25);
        if (static_cast<double>(size) >= static_cast<double>(chunk_max) / 1.25) return cls;
    }
}

}  // namespace larder::server::memcache_ops
