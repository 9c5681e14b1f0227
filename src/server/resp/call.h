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
inline constexpr std::string_view oom =
    "OOM command not allowed when used memory > 'maxmemory'.";
}  // namespace resp_errors

using RespHandler = void (*)(RespCall&);
using RespHandlerTable =
    std::array<RespHandler, static_cast<size_t>(resp::CommandId::count_)>;

// Every command with a handler; commands of the table without one answer as unknown.
const RespHandlerTable& resp_handlers();
inline bool has_handler(const resp::CommandSpec& spec) {
    return resp_handlers()[static_cast<size_t>(spec.id)] != nullptr;
}

// Each file of handlers binds its own commands.
void bind_resp_string_commands(RespHandlerTable& table);
void bind_resp_key_commands(RespHandlerTable& table);
void bind_resp_server_commands(RespHandlerTable& table);

}  // namespace larder::server
