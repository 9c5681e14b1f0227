#include "src/server/resp/dispatch.h"

#include "src/server/resp/call.h"

namespace larder::server {

bool dispatch_resp(SessionEnv& env, resp::ReplyWriter& reply, ClientContext& client,
                   std::span<const std::string_view> args) {
    const resp::CommandSpec* spec = resp::find_command(args[0]);
    RespHandler handler = spec ? resp_handlers()[static_cast<size_t>(spec->id)] : nullptr;
    if (!handler) {
        reply.error(resp::unknown_command_error(args[0], args.subspan(1)));
        return false;
    }
    if (!resp::arity_ok(*spec, args.size())) {
        reply.error(resp::wrong_arity_error(spec->name));
        return false;
    }
    RespCall call{env, reply, client, *spec, args};
    handler(call);
    return call.close_after;
}

const RespHandlerTable& resp_handlers() {
    static const RespHandlerTable table = [] {
        RespHandlerTable t{};
        bind_resp_string_commands(t);
        bind_resp_key_commands(t);
        bind_resp_server_commands(t);
        return t;
    }();
    return table;
}

}  // namespace larder::server
