// A RESP connection's session: parses requests, dispatches them through the RESP command
// table to the handlers bound by id, and keeps the per-client state (protocol version, name).
#pragma once

#include <string>

#include "protocols/resp/parser.h"
#include "protocols/resp/errors.h"
#include "protocols/resp/reply_writer.h"
#include "src/commands/resp_call.h"
#include "src/session.h"
#include "src/session_factory.h"

namespace larder {

class RespSession final : public Session {
  public:
    explicit RespSession(SessionEnv env);
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override;

  private:
    // Runs one request; returns true when the connection must close after its reply.
    bool execute(const resp::Request& request, resp::ReplyWriter& reply);

    SessionEnv env_;
    resp::Parser parser_;
    resp::Request request_;
    RespClient client_;
};

}  // namespace larder
