// RESP dispatch: finds a request's command in the RESP table (and, for a container such as
// CLIENT or CONFIG, its subcommand row from the second argument), checks that row's arity,
// and runs the handler bound to its id. Runs on the client's worker thread.
#pragma once

#include <span>
#include <string_view>

#include "protocols/resp/reply_writer.h"
#include "src/server/client_context.h"
#include "src/server/session_env.h"

namespace larder::server {

// Returns true when the connection must close after the reply (QUIT, SHUTDOWN).
bool dispatch_resp(SessionEnv& env, resp::ReplyWriter& reply, ClientContext& client,
                   std::span<const std::string_view> args);

}  // namespace larder::server
