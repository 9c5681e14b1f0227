// RESP COMMAND and its subcommands (COUNT, LIST, INFO, DOCS, GETKEYS, GETKEYSANDFLAGS, HELP),
// and the HELP reply of every container. All of it reads the command table; a row shows
// only if this server answers it (is_listed), so clients learn exactly what they can call.
#include <string>
#include <vector>

#include "src/base/ascii.h"
#include "src/base/glob.h"
#include "src/server/resp/call.h"

namespace larder::server {
namespace {

using resp::CommandSpec;

std::vector<const CommandSpec*> listed_top_level() {
    std::vector<const CommandSpec*> rows;
    for (const CommandSpec& row : resp::all_commands()) {
        if (row.parent == resp::kNoParent && is_listed(row)) rows.push_back(&row);
    }
    return rows;
}

void reply_info_of_all(RespCall& c) {
    const std::vector<const CommandSpec*> rows = listed_top_level();
    c.reply.array(rows.size());
    for (const CommandSpec* row : rows) resp::write_command_info(c.reply, *row, is_listed);
}

// A row named by its full name ("get", "config|get"), if this server answers it.
const CommandSpec* listed_by_path(std::string_view name) {
    const CommandSpec* row = resp::find_command_path(name);
    return row != nullptr && is_listed(*row) ? row : nullptr;
}

// COMMAND: an entry for every command (containers with their subcommands).
void cmd_command(RespCall& c) {
    reply_info_of_all(c);
}

// COMMAND COUNT: the top-level commands, as COMMAND lists them.
void cmd_command_count(RespCall& c) {
    c.reply.integer(static_cast<int64_t>(listed_top_level().size()));
}

// COMMAND INFO [name ...]: with no names, every command; otherwise one entry per name, null
// for a name this server does not answer.
void cmd_command_info(RespCall& c) {
    if (c.args.size() == 2) return reply_info_of_all(c);
    c.reply.array(c.args.size() - 2);
    for (size_t i = 2; i < c.args.size(); ++i) {
        if (const CommandSpec* row = listed_by_path(c.args[i])) {
            resp::write_command_info(c.reply, *row, is_listed);
        } else {
            c.reply.null();
        }
    }
}

// COMMAND DOCS [name ...]: a map from name to documentation; unknown names are left out.
void cmd_command_docs(RespCall& c) {
    std::vector<const CommandSpec*> rows;
    if (c.args.size() == 2) {
        rows = listed_top_level();
    } else {
        for (size_t i = 2; i < c.args.size(); ++i) {
            if (const CommandSpec* row = listed_by_path(c.args[i])) rows.push_back(row);
        }
    }
    c.reply.map(rows.size());
    for (const CommandSpec* row : rows) {
        c.reply.bulk(row->name);
        resp::write_command_docs(c.reply, *row, is_listed);
    }
}

bool in_acl_category(const CommandSpec& row, std::string_view category) {
    std::string_view words = row.acl_categories;
    while (!words.empty()) {
        const size_t end = words.find(' ');
        const std::string_view word = words.substr(0, end);
        if (word.size() > 1 && word[0] == '@' && base::equals_ci(word.substr(1), category)) {
            return true;
        }
        if (end == std::string_view::npos) break;
        words.remove_prefix(end + 1);
    }
    return false;
}

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: the full names of
// commands and subcommands, each container followed by its subcommands. The filter applies
// to each row by itself (a subcommand can match where its container does not). No command
// comes from a module, so MODULE matches nothing; an unknown category matches nothing.
void cmd_command_list(RespCall& c) {
    enum class Filter { none, module, aclcat, pattern } filter = Filter::none;
    std::string_view value;
    if (c.args.size() == 5 && base::equals_ci(c.args[2], "filterby")) {
        const std::string_view kind = c.args[3];
        value = c.args[4];
        if (base::equals_ci(kind, "module")) {
            filter = Filter::module;
        } else if (base::equals_ci(kind, "aclcat")) {
            filter = Filter::aclcat;
        } else if (base::equals_ci(kind, "pattern")) {
            filter = Filter::pattern;
        } else {
            return c.reply.error(resp_errors::syntax);
        }
    } else if (c.args.size() != 2) {
        return c.reply.error(resp_errors::syntax);
    }
    auto passes = [&](const CommandSpec& row) {
        switch (filter) {
            case Filter::none:
                return true;
            case Filter::module:
                return false;
            case Filter::aclcat:
                return in_acl_category(row, value);
            case Filter::pattern:
                return base::glob_match(value, row.name, /*nocase=*/true);
        }
        return false;
    };
    std::vector<std::string_view> names;
    for (const CommandSpec* top : listed_top_level()) {
        if (passes(*top)) names.push_back(top->name);
        for (const CommandSpec& sub : resp::subcommands(*top)) {
            if (is_listed(sub) && passes(sub)) names.push_back(sub.name);
        }
    }
    c.reply.array(names.size());
    for (std::string_view name : names) c.reply.bulk(name);
}

// COMMAND GETKEYS / GETKEYSANDFLAGS command [arg ...]: the keys a full command names, found
// from its row's key specs. Errors are worded as Redis words them.
void reply_keys(RespCall& c, bool with_flags) {
    const std::span<const std::string_view> call = c.args.subspan(2);
    const CommandSpec* row = resp::find_command(call[0]);
    if (row != nullptr && call.size() >= 2 && resp::is_container(*row)) {
        row = resp::find_subcommand(*row, call[1]);
    }
    if (row == nullptr || !is_listed(*row)) return c.reply.error("ERR Invalid command specified");
    if (!resp::has_keys(*row)) return c.reply.error("ERR The command has no key arguments");
    if (!resp::arity_ok(*row, call.size())) {
        return c.reply.error("ERR Invalid number of arguments specified for command");
    }
    std::vector<resp::KeyRef> keys;
    if (!resp::find_keys(*row, call, keys) || keys.empty()) {
        if ((row->flags & resp::no_mandatory_keys) != 0) return c.reply.array(0);
        return c.reply.error("ERR Invalid arguments specified for command");
    }
    c.reply.array(keys.size());
    for (const resp::KeyRef& key : keys) {
        if (!with_flags) {
            c.reply.bulk(call[key.index]);
            continue;
        }
        c.reply.array(2);
        c.reply.bulk(call[key.index]);
        resp::write_word_set(c.reply, key.flags);
    }
}

void cmd_command_getkeys(RespCall& c) {
    reply_keys(c, false);
}
void cmd_command_getkeysandflags(RespCall& c) {
    reply_keys(c, true);
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
    return out;
}

}  // namespace

// <CONTAINER> HELP: a line naming the container, then each listed subcommand with its
// summary, HELP last, as simple strings (the shape Redis's HELP replies have).
void reply_subcommand_help(RespCall& c) {
    const CommandSpec& container =
        c.spec.parent == resp::kNoParent ? c.spec : resp::command_spec(c.spec.parent);
    std::vector<std::string> lines;
    lines.push_back(upper(container.name) + " <subcommand> [<argument> ...], where the " +
                    "subcommands are:");
    auto add = [&](const CommandSpec& sub) {
        lines.push_back(upper(resp::subcommand_name(sub)));
        lines.push_back("    " + std::string(sub.doc.summary));
    };
    for (const CommandSpec& sub : resp::subcommands(container)) {
        if (has_handler(sub) && sub.id != c.spec.id) add(sub);
    }
    add(c.spec);
    c.reply.array(lines.size());
    for (const std::string& line : lines) c.reply.simple(line);
}

void bind_resp_introspection_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::command, cmd_command);
    bind(CommandId::command_count, cmd_command_count);
    bind(CommandId::command_info, cmd_command_info);
    bind(CommandId::command_docs, cmd_command_docs);
    bind(CommandId::command_list, cmd_command_list);
    bind(CommandId::command_getkeys, cmd_command_getkeys);
    bind(CommandId::command_getkeysandflags, cmd_command_getkeysandflags);
    bind(CommandId::command_help, reply_subcommand_help);
}

}  // namespace larder::server
