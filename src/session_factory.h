// Builds the protocol session for a connection once its protocol is known.
#pragma once

#include <memory>

#include "src/connection.h"
#include "src/detect.h"
#include "src/server_context.h"
#include "src/session.h"

namespace larder {

// What a session may use: the shared server state, its worker's counters, its connection.
struct SessionEnv {
    ServerContext& ctx;
    WorkerStats& stats;
    Connection& connection;
};

std::unique_ptr<Session> make_session(WireProtocol protocol, SessionEnv env);

}  // namespace larder
