// The Service a worker's connections call (see service.h): opens a protocol's session, admits
// connections under maxclients, counts them, and runs the store's active expiry on the
// worker's tick. One per worker, made by main() before the workers start.
#pragma once

#include <memory>

#include "src/server/context.h"
#include "src/server/service.h"
#include "src/server/worker_stats.h"

namespace larder::server {

class WorkerService final : public Service {
  public:
    // Registers this worker's counters with `ctx` (before any worker runs).
    WorkerService(ServerContext& ctx, int worker_index);

    std::optional<std::string> admit(WireProtocol listener_default) override;
    void connection_closed() override;
    ConnectionLimits connection_limits() override;
    std::unique_ptr<Session> open_session(ConnectionFacts facts) override;
    void tick(uint64_t period_us) override;
    int tick_hz() override;

    WorkerStats& stats() { return stats_; }

  private:
    ServerContext& ctx_;
    int index_;
    WorkerStats stats_;
};

}  // namespace larder::server
