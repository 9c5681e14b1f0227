// RESP connection and server commands: PING, ECHO, SELECT, QUIT, HELLO, CLIENT, COMMAND,
// CONFIG, INFO, TIME, SHUTDOWN.
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include <thread>

#include "larder_version.h"
#include "src/base/ascii.h"
#include "src/base/glob.h"
#include "src/base/numbers.h"
#include "src/server/resp/call.h"
#include "src/server/resp/set_options.h"
#include "src/server/info.h"
#include "src/config/config.h"

namespace larder::server {
namespace {

void unknown_subcommand(RespCall& c) {
    std::string name(c.spec.name);
    for (char& ch : name) ch = static_cast<char>(toupper(static_cast<unsigned char>(ch)));
    c.reply.error("ERR unknown subcommand '" + std::string(c.args[1]) + "'. Try " + name + " HELP.");
}

void cmd_ping(RespCall& c) {
    if (c.args.size() > 2) return c.reply.error(resp::wrong_arity_error(c.spec.name));
    if (c.args.size() == 2) return c.reply.bulk(c.args[1]);
    c.reply.simple("PONG");
}

void cmd_echo(RespCall& c) { c.reply.bulk(c.args[1]); }

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
            return c.reply.error("ERR Syntax error in HELLO option '" + std::string(c.args[i]) + "'");
        }
    }
    c.client.resp_version = protocol;
    c.client.name = name;
    c.reply.set_protocol(protocol);
    write_hello_map(c);
}

bool valid_client_name(std::string_view n) {
    for (char ch : n)
        if (ch < '!' || ch > '~') return false;
    return true;
}

void cmd_client(RespCall& c) {
    std::string_view sub = c.args[1];
    if (base::equals_ci(sub, "id") && c.args.size() == 2) return c.reply.integer(static_cast<int64_t>(c.client.id));
    if (base::equals_ci(sub, "getname") && c.args.size() == 2) {
        if (c.client.name.empty()) return c.reply.null();
        return c.reply.bulk(c.client.name);
    }
    if (base::equals_ci(sub, "setname") && c.args.size() == 3) {
        if (!valid_client_name(c.args[2]))
            return c.reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
        c.client.name = c.args[2];
        return c.reply.ok();
    }
    if (base::equals_ci(sub, "setinfo") && c.args.size() == 4) return c.reply.ok();
    if ((base::equals_ci(sub, "info") && c.args.size() == 2) || (base::equals_ci(sub, "list") && c.args.size() == 2)) {
        std::string line = "id=" + std::to_string(c.client.id) +
                           " addr=" + c.client.conn.peer +
                           " name=" + c.client.name + " db=0 resp=" + std::to_string(c.client.resp_version) +
                           " cmd=client\n";
        return c.reply.verbatim("txt", line);
    }
    unknown_subcommand(c);
}

void cmd_command(RespCall& c) {
    const RespHandlerTable& handlers = resp_handlers();
    auto bound = [&](const resp::CommandSpec& s) { return handlers[static_cast<size_t>(s.id)] != nullptr; };
    if (c.args.size() == 1) {
        size_t n = 0;
        for (const auto& s : resp::all_commands()) n += bound(s);
        c.reply.array(n);
        for (const auto& s : resp::all_commands())
            if (bound(s)) resp::write_command_info(c.reply, s);
        return;
    }
    std::string_view sub = c.args[1];
    if (base::equals_ci(sub, "count") && c.args.size() == 2) {
        int64_t n = 0;
        for (const auto& s : resp::all_commands()) n += bound(s);
        return c.reply.integer(n);
    }
    if (base::equals_ci(sub, "info")) {
        c.reply.array(c.args.size() - 2);
        for (size_t i = 2; i < c.args.size(); ++i) {
            const resp::CommandSpec* s = resp::find_command(c.args[i]);
            if (s && bound(*s)) resp::write_command_info(c.reply, *s);
            else c.reply.null_array();
        }
        return;
    }
    if (base::equals_ci(sub, "list") && c.args.size() == 2) {
        size_t n = 0;
        for (const auto& s : resp::all_commands()) n += bound(s);
        c.reply.array(n);
        for (const auto& s : resp::all_commands())
            if (bound(s)) c.reply.bulk(s.name);
        return;
    }
    // Documentation replies are optional for clients; an empty map says "none here".
    if (base::equals_ci(sub, "docs")) return c.reply.map(0);
    unknown_subcommand(c);
}

void cmd_config(RespCall& c) {
    std::string_view sub = c.args[1];
    if (base::equals_ci(sub, "get") && c.args.size() >= 3) {
        std::vector<const OptionSpec*> found;
        for (const OptionSpec& spec : all_options()) {
            for (size_t i = 2; i < c.args.size(); ++i) {
                if (base::glob_match(c.args[i], spec.name, /*nocase=*/true)) {
                    found.push_back(&spec);
                    break;
                }
            }
        }
        c.reply.map(found.size());
        for (const OptionSpec* spec : found) {
            c.reply.bulk(spec->name);
            c.reply.bulk(c.env.ctx.get_config_value(*spec));
        }
        return;
    }
    if (base::equals_ci(sub, "set") && c.args.size() >= 4 && c.args.size() % 2 == 0) {
        std::vector<std::pair<std::string_view, std::string_view>> pairs;
        for (size_t i = 2; i + 1 < c.args.size(); i += 2) pairs.emplace_back(c.args[i], c.args[i + 1]);
        if (auto err = c.env.ctx.set_config(pairs)) return c.reply.error(*err);
        return c.reply.ok();
    }
    if (base::equals_ci(sub, "resetstat") && c.args.size() == 2) return c.reply.ok();
    if ((base::equals_ci(sub, "get") || base::equals_ci(sub, "set")) ) {
        std::string full = "config|" + std::string(sub);
        for (char& ch : full) ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
        return c.reply.error(resp::wrong_arity_error(full));
    }
    unknown_subcommand(c);
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
    bind(CommandId::client, cmd_client);
    bind(CommandId::command, cmd_command);
    bind(CommandId::config, cmd_config);
    bind(CommandId::info, cmd_info);
    bind(CommandId::time, cmd_time);
    bind(CommandId::shutdown, cmd_shutdown);
}

}  // namespace larder::server
