// RESP sorted set commands (Z*): replies and errors as Redis 7.2 gives them.
#include "src/server/resp/call.h"

namespace larder::server {

void bind_resp_sorted_set_commands(RespHandlerTable& /*t*/) {}

}  // namespace larder::server
