// RESP connection and server commands: PING, ECHO, SELECT, QUIT, RESET, HELLO, INFO, TIME,
// SHUTDOWN. (CLIENT, CONFIG, COMMAND, OBJECT and MEMORY have files of their own.)
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include <thread>

#include "larder_version.h"
#include "src/base/ascii.h"
#include "src/base/numbers.h"
#include "src/server/info.h"
#include "src/server/resp/call.h"

namespace larder::server {
namespace {

void cmd_ping(RespCall& c) {
    if (c.args.size() > 2) return c.reply.error(resp::wrong_arity_error(c.spec.name));
    if (c.args.size() == 2) return c.reply.bulk(c.args[1]);
    c.reply.simple("PONG");
}

void cmd_echo(RespCall& c) {
    c.reply.bulk(c.args[1]);
}

void cmd_select(RespCall& c) {
    auto db = base::parse_int64(c.args[1]);
    if (!db) return c.reply.error(resp_errors::not_integer);
    // One keyspace is shared with memcached clients, so only database 0 exists.
    if (*db != 0) return c.reply.error("ERR DB index is out of range");
    c.reply.ok();
}

void cmd_quit(RespCall& c) {
    c.reply.ok();
    c.close_after = true;
}

void cmd_reset(RespCall& c) {
    c.client.resp_version = 2;
    c.client.name.clear();
    c.client.db = 0;
    c.reply.set_protocol(2);
    c.reply.simple("RESET");
}

void write_hello_map(RespCall& c) {
    c.reply.map(7);
    c.reply.bulk("server");
    c.reply.bulk("redis");
    c.reply.bulk("version");
    c.reply.bulk(kRedisCompatVersion);
    c.reply.bulk("proto");
    c.reply.integer(c.client.resp_version);
    c.reply.bulk("id");
    c.reply.integer(static_cast<int64_t>(c.client.id));
    c.reply.bulk("mode");
    c.reply.bulk("standalone");
    c.reply.bulk("role");
    c.reply.bulk("master");
    c.reply.bulk("modules");
    c.reply.array(0);
}

// HELLO [protover [AUTH username password] [SETNAME clientname]]
void cmd_hello(RespCall& c) {
    int protocol = c.client.resp_version;
    size_t i = 1;
    if (c.args.size() > 1) {
        auto v = base::parse_int64(c.args[1]);
        if (!v) return c.reply.error("ERR Protocol version is not an integer or out of range");
        if (*v < 2 || *v > 3) return c.reply.error("NOPROTO unsupported protocol version");
        protocol = static_cast<int>(*v);
        i = 2;
    }
    std::string name = c.client.name;
    for (; i < c.args.size(); ++i) {
        bool more = i + 1 < c.args.size();
        if (base::equals_ci(c.args[i], "auth") && i + 2 < c.args.size()) {
            i += 2;  // no ACLs yet: any credentials are accepted, as with no requirepass
        } else if (base::equals_ci(c.args[i], "setname") && more) {
            name = c.args[++i];
        } else {
            return c.reply.error("ERR Syntax error in HELLO option '" + std::string(c.args[i]) +
                                 "'");
        }
    }
    c.client.resp_version = protocol;
    c.client.name = name;
    c.reply.set_protocol(protocol);
    write_hello_map(c);
}

void cmd_info(RespCall& c) {
    std::vector<std::string_view> sections(c.args.begin() + 1, c.args.end());
    c.reply.verbatim("txt", render_info(c.env.ctx, sections));
}

void cmd_time(RespCall& c) {
    timeval tv{};
    gettimeofday(&tv, nullptr);
    c.reply.array(2);
    c.reply.bulk(std::to_string(tv.tv_sec));
    c.reply.bulk(std::to_string(tv.tv_usec));
}

void cmd_shutdown(RespCall& c) {
    // No persistence to save; the reply is the closed connection, as with Redis.
    c.env.ctx.request_shutdown();
    c.close_after = true;
}

}  // namespace

void bind_resp_server_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::ping, cmd_ping);
    bind(CommandId::echo, cmd_echo);
    bind(CommandId::select, cmd_select);
    bind(CommandId::quit, cmd_quit);
    bind(CommandId::reset, cmd_reset);
    bind(CommandId::hello, cmd_hello);
    bind(CommandId::info, cmd_info);
    bind(CommandId::time, cmd_time);
    bind(CommandId::shutdown, cmd_shutdown);
}

}  // namespace larder::server
