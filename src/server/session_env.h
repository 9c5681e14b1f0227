// What a session and the handlers it calls may use: the server's shared state and the
// counters of the worker the session runs on.
#pragma once

#include "src/server/context.h"
#include "src/server/worker_stats.h"

namespace larder::server {

struct SessionEnv {
    ServerContext& ctx;
    WorkerStats& stats;  // written only on the session's worker thread
};

}  // namespace larder::server
