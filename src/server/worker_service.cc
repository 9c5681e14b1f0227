#include "src/server/worker_service.h"

#include <algorithm>

#include "src/server/memcache/sessions.h"
#include "src/server/resp/session.h"

namespace larder::server {

WorkerService::WorkerService(ServerContext& ctx, int worker_index)
    : ctx_(ctx), index_(worker_index) {
    ctx_.add_worker_stats(&stats_);
}

std::optional<std::string> WorkerService::admit(WireProtocol listener_default) {
    if (!ctx_.try_take_client_slot()) {
        WorkerStats::bump(stats_.rejected_connections);
        // In the listener's protocol, worded as each peer words it.
        if (listener_default == WireProtocol::resp)
            return std::string("-ERR max number of clients reached\r\n");
        return std::string("ERROR Too many open connections\r\n");
    }
    WorkerStats::bump(stats_.connections_total);
    WorkerStats::bump(stats_.connections_current);
    return std::nullopt;
}

void WorkerService::connection_closed() {
    WorkerStats::drop(stats_.connections_current);
    ctx_.release_client_slot();
}

ConnectionLimits WorkerService::connection_limits() {
    ConnectionLimits limits;
    limits.max_input_buffer = ctx_.config().proto_max_bulk_len + (64u << 10);
    return limits;
}

std::unique_ptr<Session> WorkerService::open_session(ConnectionFacts facts) {
    SessionEnv env{ctx_, stats_};
    switch (facts.protocol) {
        case WireProtocol::memcache_text:
            return std::make_unique<MemcacheTextSession>(env, std::move(facts));
        case WireProtocol::memcache_binary:
            return std::make_unique<MemcacheBinarySession>(env, std::move(facts));
        case WireProtocol::resp:
            break;
    }
    return std::make_unique<RespSession>(env, std::move(facts));
}

void WorkerService::tick(uint64_t period_us) {
    // Redis spends up to 25% of a cron period on active expiry. Each worker does so on its
    // own thread for the shards it owns, so the share is of its own time.
    size_t workers = static_cast<size_t>(std::max(1, ctx_.worker_count()));
    ctx_.store().active_expire_cycle(static_cast<size_t>(index_), workers, period_us / 4);
}

int WorkerService::tick_hz() {
    return ctx_.config().hz;
}

}  // namespace larder::server
