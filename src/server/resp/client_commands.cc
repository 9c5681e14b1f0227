// RESP CLIENT subcommands: ID, GETNAME, SETNAME, INFO, LIST (HELP is generated from the table).
// The other CLIENT subcommands Redis has (KILL, PAUSE, REPLY, TRACKING, ...) stay unbound, so
// they answer as unknown subcommands instead of pretending to work.
#include <string>

#include "src/base/ascii.h"
#include "src/base/numbers.h"
#include "src/server/resp/call.h"

namespace larder::server {
namespace {

// Redis accepts names of printable ASCII without spaces.
bool valid_client_name(std::string_view n) {
    for (char ch : n) {
        if (ch < '!' || ch > '~') return false;
    }
    return true;
}

// One CLIENT LIST / CLIENT INFO line for this connection.
std::string client_line(const RespCall& c) {
    return "id=" + std::to_string(c.client.id) + " addr=" + c.client.conn.peer +
           " name=" + c.client.name + " db=" + std::to_string(c.client.db) +
           " resp=" + std::to_string(c.client.resp_version) + " cmd=" + std::string(c.spec.name) +
           "\n";
}

void cmd_client_id(RespCall& c) {
    c.reply.integer(static_cast<int64_t>(c.client.id));
}

void cmd_client_getname(RespCall& c) {
    if (c.client.name.empty()) return c.reply.null();
    c.reply.bulk(c.client.name);
}

// CLIENT SETNAME name: an empty name clears it.
void cmd_client_setname(RespCall& c) {
    if (!valid_client_name(c.args[2])) {
        return c.reply.error(
            "ERR Client names cannot contain spaces, newlines or special characters.");
    }
    c.client.name = c.args[2];
    c.reply.ok();
}

// CLIENT SETINFO LIB-NAME|LIB-VER value (Redis 7.2): the same character rule as names.
void cmd_client_setinfo(RespCall& c) {
    const std::string_view attr = c.args[2];
    std::string* field = base::equals_ci(attr, "lib-name")  ? &c.client.lib_name
                         : base::equals_ci(attr, "lib-ver") ? &c.client.lib_ver
                                                            : nullptr;
    if (!field) return c.reply.error("ERR Unrecognized option '" + std::string(attr) + "'");
    if (!valid_client_name(c.args[3])) {
        return c.reply.error("ERR " + base::to_lower(attr) +
                             " cannot contain spaces, newlines or special characters.");
    }
    *field = c.args[3];
    c.reply.ok();
}

void cmd_client_info(RespCall& c) {
    c.reply.verbatim("txt", client_line(c));
}

// CLIENT LIST [TYPE normal|master|replica|slave|pubsub] [ID id ...], with Redis's errors.
// Sessions keep no registry of each other yet, so the list shows this connection only.
void cmd_client_list(RespCall& c) {
    bool self = true;
    if (c.args.size() == 4 && base::equals_ci(c.args[2], "type")) {
        const std::string_view type = c.args[3];
        if (base::equals_ci(type, "normal")) {
            self = true;
        } else if (base::equals_ci(type, "master") || base::equals_ci(type, "replica") ||
                   base::equals_ci(type, "slave") || base::equals_ci(type, "pubsub")) {
            self = false;
        } else {
            return c.reply.error("ERR Unknown client type '" + std::string(type) + "'");
        }
    } else if (c.args.size() > 3 && base::equals_ci(c.args[2], "id")) {
        self = false;
        for (size_t i = 3; i < c.args.size(); ++i) {
            const auto id = base::parse_int64(c.args[i]);
            if (!id) return c.reply.error("ERR Invalid client ID");
            if (*id >= 0 && static_cast<uint64_t>(*id) == c.client.id) self = true;
        }
    } else if (c.args.size() != 2) {
        return c.reply.error(resp_errors::syntax);
    }
    c.reply.verbatim("txt", self ? client_line(c) : std::string());
}

}  // namespace

void bind_resp_client_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::client_id, cmd_client_id);
    bind(CommandId::client_getname, cmd_client_getname);
    bind(CommandId::client_setname, cmd_client_setname);
    bind(CommandId::client_setinfo, cmd_client_setinfo);
    bind(CommandId::client_info, cmd_client_info);
    bind(CommandId::client_list, cmd_client_list);
    bind(CommandId::client_help, reply_subcommand_help);
}

}  // namespace larder::server
