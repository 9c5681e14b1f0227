// RESP CONFIG subcommands: GET, SET, RESETSTAT (HELP is generated from the table). REWRITE
// stays unbound: there is no redis.conf-style file of ours to rewrite.
#include <utility>
#include <vector>

#include "src/base/glob.h"
#include "src/config/config.h"
#include "src/server/resp/call.h"

namespace larder::server {
namespace {

// CONFIG GET pattern [pattern ...]: every option whose name matches one of the patterns
// (case-insensitive globs), each once, in table order.
void cmd_config_get(RespCall& c) {
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
}

// CONFIG SET name value [name value ...]: all or nothing. A name without a value is a syntax
// error, as in Redis.
void cmd_config_set(RespCall& c) {
    if (c.args.size() % 2 != 0) return c.reply.error(resp_errors::syntax);
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    for (size_t i = 2; i + 1 < c.args.size(); i += 2) pairs.emplace_back(c.args[i], c.args[i + 1]);
    if (auto err = c.env.ctx.set_config(pairs)) return c.reply.error(*err);
    c.reply.ok();
}

// Answers OK as it always has; the per-worker counters are not reset yet.
void cmd_config_resetstat(RespCall& c) {
    c.reply.ok();
}

}  // namespace

void bind_resp_config_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::config_get, cmd_config_get);
    bind(CommandId::config_set, cmd_config_set);
    bind(CommandId::config_resetstat, cmd_config_resetstat);
    bind(CommandId::config_help, reply_subcommand_help);
}

}  // namespace larder::server
