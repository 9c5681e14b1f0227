// What a RESP command handler sees: its arguments, a meaning-level reply writer, the store,
// the server state and its client's state. Handlers never write protocol bytes themselves.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "protocols/resp/command_reply.h"
#include "protocols/resp/commands.h"
#include "protocols/resp/errors.h"
#include "protocols/resp/reply_writer.h"
#include "src/server/client_context.h"
#include "src/server/session_env.h"
#include "store/store.h"

namespace larder::server {

struct RespCall {
    SessionEnv& env;
    resp::ReplyWriter& reply;
    ClientContext& client;
    const resp::CommandSpec& spec;
    std::span<const std::string_view> args;  // args[0] is the command name as sent
    bool close_after = false;                // QUIT

    store::Store& store() { return env.ctx.store(); }
    int64_t now_ms() const { return env.ctx.now_ms(); }
    WorkerStats& stats() { return env.stats; }
};

// Shared error texts, worded as Redis 7.0 words them.
namespace resp_errors {
inline constexpr std::string_view not_integer = "ERR value is not an integer or out of range";
inline constexpr std::string_view not_float = "ERR value is not a valid float";
inline constexpr std::string_view syntax = "ERR syntax error";
inline constexpr std::string_view wrong_type =
    "WRONGTYPE Operation against a key holding the wrong kind of value";
inline constexpr std::string_view overflow = "ERR increment or decrement would overflow";
inline constexpr std::string_view oom = "OOM command not allowed when used memory > 'maxmemory'.";
}  // namespace resp_errors

using RespHandler = void (*)(RespCall&);
using RespHandlerTable = std::array<RespHandler, static_cast<size_t>(resp::CommandId::count_)>;

// Every row with a handler, commands and subcommands alike; a row without one answers as an
// unknown command (or unknown subcommand).
const RespHandlerTable& resp_handlers();
inline RespHandler handler_of(const resp::CommandSpec& spec) {
    return resp_handlers()[static_cast<size_t>(spec.id)];
}
inline bool has_handler(const resp::CommandSpec& spec) {
    return handler_of(spec) != nullptr;
}
// Whether a row is part of what this server answers, so dispatch accepts it and COMMAND
// shows it: it has a handler, or it is a container with a subcommand that has one.
bool is_listed(const resp::CommandSpec& spec);

// Each file of handlers binds its own commands and subcommands.
void bind_resp_string_commands(RespHandlerTable& table);
void bind_resp_key_commands(RespHandlerTable& table);
void bind_resp_server_commands(RespHandlerTable& table);
void bind_resp_client_commands(RespHandlerTable& table);
void bind_resp_config_commands(RespHandlerTable& table);
void bind_resp_introspection_commands(RespHandlerTable& table);
void bind_resp_object_commands(RespHandlerTable& table);
void bind_resp_memory_commands(RespHandlerTable& table);
void bind_resp_hash_commands(RespHandlerTable& table);
void bind_resp_set_commands(RespHandlerTable& table);
void bind_resp_sorted_set_commands(RespHandlerTable& table);
void bind_resp_list_commands(RespHandlerTable& table);

// The handler of every container's HELP subcommand: lists the container's listed
// subcommands with their summaries from the command table.
void reply_subcommand_help(RespCall& c);

}  // namespace larder::server
