// Writes command table rows the way Redis 7.0's COMMAND, COMMAND INFO and COMMAND DOCS
// describe commands, so redis-cli, redis-py and cluster-aware clients learn arity, flags,
// key positions and subcommands.
#pragma once

#include <string_view>

#include "protocols/resp/commands.h"
#include "protocols/resp/reply_writer.h"

namespace larder::resp {

// Which rows a reply shows (the daemon lists only rows it has handlers for); nullptr shows
// every row.
using CommandFilter = bool (*)(const CommandSpec&);

// One 10-element entry: name, arity, flags, first key, last key, step, ACL categories, tips,
// key specs, subcommands. Flags, categories, tips and key specs are sets in RESP3 and arrays
// in RESP2, as in Redis. The subcommands element is an empty set for a row that is not a
// container, and otherwise an array of the entries of the subcommands `shown` accepts.
void write_command_info(ReplyWriter& w, const CommandSpec& spec, CommandFilter shown = nullptr);

// The value COMMAND DOCS gives a row (the caller writes its name before it): a map of
// "summary", "since" and "group" (the three fields clients such as redis-cli rely on), and
// for a container "subcommands", a map from each shown subcommand's full name to its own.
// Redis's other fields (complexity, history, arguments, ...) are left out.
void write_command_docs(ReplyWriter& w, const CommandSpec& spec, CommandFilter shown = nullptr);

// Space-separated words as a set (RESP3) or array (RESP2) of simple strings, as COMMAND
// writes flags and as COMMAND GETKEYSANDFLAGS writes a key's flags.
void write_word_set(ReplyWriter& w, std::string_view words);

}  // namespace larder::resp
