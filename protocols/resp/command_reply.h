// Writes a command table entry the way Redis 7.0's COMMAND / COMMAND INFO describe it, so
// redis-cli, redis-py and cluster-aware clients learn arity, flags and key positions.
#pragma once

#include "protocols/resp/commands.h"
#include "protocols/resp/reply_writer.h"

namespace larder::resp {

// One 10-element entry: name, arity, flags, first key, last key, step, ACL categories, tips,
// key specs, subcommands (always empty: the table keeps none). Flags, categories, tips, key
// specs and subcommands are sets in RESP3 and arrays in RESP2, as in Redis.
void write_command_info(ReplyWriter& w, const CommandSpec& spec);

}  // namespace larder::resp
