#include "src/server/info.h"

#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>

#include "larder_version.h"
#include "src/base/ascii.h"

namespace larder::server {
namespace {

std::string rusage_seconds(const timeval& tv) {
    char buf[32];
    snprintf(buf, sizeof buf, "%ld.%06ld", static_cast<long>(tv.tv_sec),
             static_cast<long>(tv.tv_usec));
    return buf;
}

std::string human_bytes(uint64_t n) {
    char buf[32];
    double d = static_cast<double>(n);
    if (n < 1024)
        snprintf(buf, sizeof buf, "%lluB", static_cast<unsigned long long>(n));
    else if (n < (1ull << 20))
        snprintf(buf, sizeof buf, "%.2fK", d / 1024);
    else if (n < (1ull << 30))
        snprintf(buf, sizeof buf, "%.2fM", d / (1 << 20));
    else
        snprintf(buf, sizeof buf, "%.2fG", d / (1 << 30));
    return buf;
}

uint64_t rss_bytes() {
    FILE* f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long pages = 0, rss = 0;
    int n = fscanf(f, "%lu %lu", &pages, &rss);
    fclose(f);
    return n == 2 ? rss * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

struct Section {
    std::string_view name;
    bool in_default;
    void (*render)(ServerContext&, std::string&);
};

void line(std::string& out, std::string_view k, const std::string& v) {
    out.append(k);
    out.push_back(':');
    out.append(v);
    out.append("\r\n");
}
void line(std::string& out, std::string_view k, uint64_t v) {
    line(out, k, std::to_string(v));
}

void server_section(ServerContext& ctx, std::string& out) {
    Config cfg = ctx.config();
    utsname u{};
    uname(&u);
    int64_t up = (ctx.now_ms() - ctx.start_time_ms()) / 1000;
    line(out, "redis_version", std::string(kRedisCompatVersion));
    line(out, "larder_version", std::string(LARDER_VERSION));
    line(out, "redis_mode", std::string("standalone"));
    line(out, "os", std::string(u.sysname) + " " + u.release + " " + u.machine);
    line(out, "arch_bits", static_cast<uint64_t>(sizeof(void*) * 8));
    line(out, "multiplexing_api", std::string("epoll"));
    line(out, "process_id", static_cast<uint64_t>(getpid()));
    line(out, "run_id", ctx.run_id());
    line(out, "tcp_port", static_cast<uint64_t>(cfg.port));
    line(out, "memcache_port", static_cast<uint64_t>(cfg.memcache_port));
    line(out, "server_time_usec", static_cast<uint64_t>(ctx.now_ms()) * 1000);
    line(out, "uptime_in_seconds", static_cast<uint64_t>(up));
    line(out, "uptime_in_days", static_cast<uint64_t>(up / 86400));
    line(out, "io_threads_active", static_cast<uint64_t>(ctx.worker_count() > 1));
    line(out, "worker_threads", static_cast<uint64_t>(ctx.worker_count()));
}

void clients_section(ServerContext& ctx, std::string& out) {
    StatsTotals t = ctx.totals();
    line(out, "connected_clients", t.connections_current);
    line(out, "maxclients", static_cast<uint64_t>(ctx.config().maxclients));
}

void memory_section(ServerContext& ctx, std::string& out) {
    Config cfg = ctx.config();
    store::Stats s = ctx.store().stats();
    uint64_t rss = rss_bytes();
    line(out, "used_memory", s.used_bytes);
    line(out, "used_memory_human", human_bytes(s.used_bytes));
    line(out, "used_memory_rss", rss);
    line(out, "used_memory_rss_human", human_bytes(rss));
    line(out, "maxmemory", cfg.maxmemory);
    line(out, "maxmemory_human", human_bytes(cfg.maxmemory));
    line(out, "maxmemory_policy", cfg.maxmemory_policy);
}

void stats_section(ServerContext& ctx, std::string& out) {
    StatsTotals t = ctx.totals();
    store::Stats s = ctx.store().stats();
    line(out, "total_connections_received", t.connections_total);
    line(out, "total_commands_processed", t.commands);
    line(out, "total_net_input_bytes", t.bytes_read);
    line(out, "total_net_output_bytes", t.bytes_written);
    line(out, "rejected_connections", t.rejected_connections);
    line(out, "expired_keys", s.expired);
    line(out, "evicted_keys", s.evicted);
    line(out, "keyspace_hits", t.get_hits);
    line(out, "keyspace_misses", t.get_misses);
    line(out, "total_error_replies", t.protocol_errors);
}

void replication_section(ServerContext&, std::string& out) {
    line(out, "role", std::string("master"));
    line(out, "connected_slaves", uint64_t{0});
}

void cpu_section(ServerContext&, std::string& out) {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    line(out, "used_cpu_sys", rusage_seconds(ru.ru_stime));
    line(out, "used_cpu_user", rusage_seconds(ru.ru_utime));
}

void keyspace_section(ServerContext& ctx, std::string& out) {
    store::Stats s = ctx.store().stats();
    if (s.keys == 0) return;
    line(out, "db0",
         "keys=" + std::to_string(s.keys) + ",expires=" + std::to_string(s.keys_with_expiry) +
             ",avg_ttl=0");
}

constexpr Section kSections[] = {
    {"Server", true, server_section},           {"Clients", true, clients_section},
    {"Memory", true, memory_section},           {"Stats", true, stats_section},
    {"Replication", true, replication_section}, {"CPU", true, cpu_section},
    {"Keyspace", true, keyspace_section},
};

}  // namespace

std::string render_info(ServerContext& ctx, std::span<const std::string_view> wanted) {
    bool all = wanted.empty();
    for (std::string_view w : wanted)
        if (base::equals_ci(w, "all") || base::equals_ci(w, "everything") ||
            base::equals_ci(w, "default"))
            all = true;
    std::string out;
    for (const Section& s : kSections) {
        bool pick = all;
        for (std::string_view w : wanted) pick = pick || base::equals_ci(w, s.name);
        if (!pick) continue;
        if (!out.empty()) out.append("\r\n");
        out.append("# ");
        out.append(s.name);
        out.append("\r\n");
        s.render(ctx, out);
    }
    return out;
}

}  // namespace larder::server
