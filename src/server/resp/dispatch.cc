#include "src/server/resp/dispatch.h"

#include <string>

#include "src/server/resp/call.h"

namespace larder::server {
namespace {

// "ERR unknown subcommand 'xyz'. Try CLIENT HELP.", as Redis 7.0 words it: the subcommand as
// sent, ending at a NUL byte and cut to 128 bytes (Redis prints it with %.128s), and the
// container's name upper-cased. ReplyWriter::error turns CR and LF into spaces, as Redis does.
std::string unknown_subcommand_error(const resp::CommandSpec& container, std::string_view sub) {
    sub = sub.substr(0, sub.find('\0')).substr(0, 128);
    std::string msg = "ERR unknown subcommand '";
    msg.append(sub);
    msg += "'. Try ";
    for (char c : container.name) msg.push_back(c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
    msg += " HELP.";
    return msg;
}

}  // namespace

bool dispatch_resp(SessionEnv& env, resp::ReplyWriter& reply, ClientContext& client,
                   std::span<const std::string_view> args) {
    const resp::CommandSpec* spec = resp::find_command(args[0]);
    if (spec == nullptr || !is_listed(*spec)) {
        reply.error(resp::unknown_command_error(args[0], args.subspan(1)));
        return false;
    }
    // A container called with arguments runs the subcommand named by the first; called
    // alone, it is checked (and run, if it has a handler, as COMMAND does) as itself.
    if (args.size() >= 2 && resp::is_container(*spec)) {
        const resp::CommandSpec* sub = resp::find_subcommand(*spec, args[1]);
        if (sub == nullptr || !has_handler(*sub)) {
            reply.error(unknown_subcommand_error(*spec, args[1]));
            return false;
        }
        spec = sub;
    }
    if (!resp::arity_ok(*spec, args.size())) {
        reply.error(resp::wrong_arity_error(spec->name));
        return false;
    }
    RespHandler handler = handler_of(*spec);
    if (handler == nullptr) {  // a container without a handler of its own, called alone
        reply.error(resp::unknown_command_error(args[0], args.subspan(1)));
        return false;
    }
    RespCall call{env, reply, client, *spec, args};
    handler(call);
    return call.close_after;
}

bool is_listed(const resp::CommandSpec& spec) {
    if (has_handler(spec)) return true;
    for (const resp::CommandSpec& sub : resp::subcommands(spec)) {
        if (has_handler(sub)) return true;
    }
    return false;
}

const RespHandlerTable& resp_handlers() {
    static const RespHandlerTable table = [] {
        RespHandlerTable t{};
        bind_resp_string_commands(t);
        bind_resp_key_commands(t);
        bind_resp_server_commands(t);
        bind_resp_client_commands(t);
        bind_resp_config_commands(t);
        bind_resp_introspection_commands(t);
        bind_resp_object_commands(t);
        bind_resp_memory_commands(t);
        bind_resp_hash_commands(t);
        bind_resp_set_commands(t);
        bind_resp_sorted_set_commands(t);
        bind_resp_list_commands(t);
        return t;
    }();
    return table;
}

}  // namespace larder::server
