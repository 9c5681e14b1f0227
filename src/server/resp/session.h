// A RESP connection's session: parses one request per step and dispatches it through the RESP
// command table to the handler bound to its id. Keeps the client's state (ClientContext).
#pragma once

#include <string>

#include "protocols/resp/parser.h"
#include "protocols/resp/reply_writer.h"
#include "src/server/client_context.h"
#include "src/server/resp/call.h"
#include "src/server/service.h"
#include "src/server/session_env.h"

namespace larder::server {

class RespSession final : public Session {
  public:
    RespSession(SessionEnv env, ConnectionFacts facts);
    Step step(std::string_view input, proto::OutBuffer& out) override;
    void end_batch(size_t bytes) override;

  private:
    // Runs one request; returns true when the connection must close after its reply.
    bool execute(const resp::Request& request, resp::ReplyWriter& reply);

    SessionEnv env_;
    resp::Parser parser_;
    resp::Request request_;
    ClientContext client_;
};

}  // namespace larder::server
