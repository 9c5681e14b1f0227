#include "protocols/resp/commands.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace larder::resp {
namespace {

// Values (arity, flags, key positions, categories, tips, key specs, group, since) are Redis
// 7.0.15's, as its COMMAND INFO and COMMAND DOCS report them; the summaries are ours.

constexpr KeySpec kRoAccess1[] = {
    {"RO access", 1, 0, 1, 0},
};
// SET's key: read and updated with GET (from the fourth argument on), overwritten without.
constexpr VariableKeyFlags kSetGetOption = {3, "get", "RW access update", "OW update"};
constexpr KeySpec kRwAccessUpdateVariableflags1[] = {
    {"RW access update variable_flags", 1, 0, 1, 0,
     "RW and ACCESS due to the optional `GET` argument", kSetGetOption},
};
constexpr KeySpec kRoAccess1ToEnd[] = {
    {"RO access", 1, -1, 1, 0},
};
constexpr KeySpec kOwUpdate1ToEndStep2[] = {
    {"OW update", 1, -1, 2, 0},
};
constexpr KeySpec kRmDelete1ToEnd[] = {
    {"RM delete", 1, -1, 1, 0},
};
constexpr KeySpec kRo1ToEnd[] = {
    {"RO", 1, -1, 1, 0},
};
constexpr KeySpec kRwAccessUpdate1[] = {
    {"RW access update", 1, 0, 1, 0},
};
constexpr KeySpec kRwInsert1[] = {
    {"RW insert", 1, 0, 1, 0},
};
constexpr KeySpec kRo1[] = {
    {"RO", 1, 0, 1, 0},
};
constexpr KeySpec kRwUpdate1[] = {
    {"RW update", 1, 0, 1, 0},
};
constexpr KeySpec kRwAccessUpdateTtl1[] = {
    {"RW access update", 1, 0, 1, 0, "RW and UPDATE because it changes the TTL"},
};
constexpr KeySpec kRwAccessDelete1[] = {
    {"RW access delete", 1, 0, 1, 0},
};
constexpr KeySpec kOwInsert1[] = {
    {"OW insert", 1, 0, 1, 0},
};
constexpr KeySpec kOwUpdate1[] = {
    {"OW update", 1, 0, 1, 0},
};
constexpr KeySpec kOwInsert1ToEndStep2[] = {
    {"OW insert", 1, -1, 2, 0},
};
constexpr KeySpec kRwAccessDelete1_OwUpdate2[] = {
    {"RW access delete", 1, 0, 1, 0},
    {"OW update", 2, 0, 1, 0},
};
constexpr KeySpec kRwAccessDelete1_OwInsert2[] = {
    {"RW access delete", 1, 0, 1, 0},
    {"OW insert", 2, 0, 1, 0},
};
// OBJECT ENCODING key, MEMORY USAGE key, ...: the key after the subcommand.
constexpr KeySpec kRo2[] = {
    {"RO", 2, 0, 1, 0},
};

// clang-format off
// {name, arity, flags, first key, last key, step, id, parent, ACL categories, tips, key specs,
//  {group, since, summary}}
constexpr CommandSpec kCommands[] = {
    // Top-level commands.
    {"ping", -1, fast, 0, 0, 0, CommandId::ping, kNoParent,
     "@fast @connection", "request_policy:all_shards response_policy:all_succeeded", {},
     {"connection", "1.0.0", "Checks the connection: answers PONG, or echoes its argument."}},
    {"echo", 2, loading | stale | fast, 0, 0, 0, CommandId::echo, kNoParent,
     "@fast @connection", "", {},
     {"connection", "1.0.0", "Returns its argument."}},
    {"get", 2, readonly | fast, 1, 1, 1, CommandId::get, kNoParent,
     "@read @string @fast", "", kRoAccess1,
     {"string", "1.0.0", "Returns the string value of a key."}},
    {"set", -3, write | denyoom, 1, 1, 1, CommandId::set, kNoParent,
     "@write @string @slow", "", kRwAccessUpdateVariableflags1,
     {"string", "1.0.0", "Stores a string value, with optional expiry and conditions."}},
    {"mget", -2, readonly | fast, 1, -1, 1, CommandId::mget, kNoParent,
     "@read @string @fast", "request_policy:multi_shard", kRoAccess1ToEnd,
     {"string", "1.0.0", "Returns the values of several keys."}},
    {"mset", -3, write | denyoom, 1, -1, 2, CommandId::mset, kNoParent,
     "@write @string @slow", "request_policy:multi_shard response_policy:all_succeeded",
     kOwUpdate1ToEndStep2,
     {"string", "1.0.1", "Stores several key-value pairs at once."}},
    {"del", -2, write, 1, -1, 1, CommandId::del, kNoParent,
     "@keyspace @write @slow", "request_policy:multi_shard response_policy:agg_sum",
     kRmDelete1ToEnd,
     {"generic", "1.0.0", "Removes keys."}},
    {"exists", -2, readonly | fast, 1, -1, 1, CommandId::exists, kNoParent,
     "@keyspace @read @fast", "request_policy:multi_shard response_policy:agg_sum", kRo1ToEnd,
     {"generic", "1.0.0", "Counts how many of the given keys exist."}},
    {"incr", 2, write | denyoom | fast, 1, 1, 1, CommandId::incr, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "1.0.0", "Adds one to the integer value of a key."}},
    {"incrby", 3, write | denyoom | fast, 1, 1, 1, CommandId::incrby, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "1.0.0", "Adds an integer to the integer value of a key."}},
    {"decr", 2, write | denyoom | fast, 1, 1, 1, CommandId::decr, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "1.0.0", "Subtracts one from the integer value of a key."}},
    {"decrby", 3, write | denyoom | fast, 1, 1, 1, CommandId::decrby, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "1.0.0", "Subtracts an integer from the integer value of a key."}},
    {"append", 3, write | denyoom | fast, 1, 1, 1, CommandId::append, kNoParent,
     "@write @string @fast", "", kRwInsert1,
     {"string", "2.0.0", "Appends bytes to a string value, creating the key if missing."}},
    {"strlen", 2, readonly | fast, 1, 1, 1, CommandId::strlen, kNoParent,
     "@read @string @fast", "", kRo1,
     {"string", "2.2.0", "Returns the length of a string value."}},
    {"expire", -3, write | fast, 1, 1, 1, CommandId::expire, kNoParent,
     "@keyspace @write @fast", "", kRwUpdate1,
     {"generic", "1.0.0", "Sets a key's time to live in seconds."}},
    {"pexpire", -3, write | fast, 1, 1, 1, CommandId::pexpire, kNoParent,
     "@keyspace @write @fast", "", kRwUpdate1,
     {"generic", "2.6.0", "Sets a key's time to live in milliseconds."}},
    {"expireat", -3, write | fast, 1, 1, 1, CommandId::expireat, kNoParent,
     "@keyspace @write @fast", "", kRwUpdate1,
     {"generic", "1.2.0", "Sets a key's expiry as a Unix time in seconds."}},
    {"pexpireat", -3, write | fast, 1, 1, 1, CommandId::pexpireat, kNoParent,
     "@keyspace @write @fast", "", kRwUpdate1,
     {"generic", "2.6.0", "Sets a key's expiry as a Unix time in milliseconds."}},
    {"ttl", 2, readonly | fast, 1, 1, 1, CommandId::ttl, kNoParent,
     "@keyspace @read @fast", "nondeterministic_output", kRoAccess1,
     {"generic", "1.0.0", "Returns a key's remaining time to live in seconds."}},
    {"pttl", 2, readonly | fast, 1, 1, 1, CommandId::pttl, kNoParent,
     "@keyspace @read @fast", "nondeterministic_output", kRoAccess1,
     {"generic", "2.6.0", "Returns a key's remaining time to live in milliseconds."}},
    {"persist", 2, write | fast, 1, 1, 1, CommandId::persist, kNoParent,
     "@keyspace @write @fast", "", kRwUpdate1,
     {"generic", "2.2.0", "Removes a key's expiry."}},
    {"type", 2, readonly | fast, 1, 1, 1, CommandId::type, kNoParent,
     "@keyspace @read @fast", "", kRo1,
     {"generic", "1.0.0", "Names the type of the value at a key."}},
    {"dbsize", 1, readonly | fast, 0, 0, 0, CommandId::dbsize, kNoParent,
     "@keyspace @read @fast", "request_policy:all_shards response_policy:agg_sum", {},
     {"server", "1.0.0", "Returns the number of keys."}},
    {"flushall", -1, write, 0, 0, 0, CommandId::flushall, kNoParent,
     "@keyspace @write @slow @dangerous", "request_policy:all_shards response_policy:all_succeeded",
     {},
     {"server", "1.0.0", "Removes every key."}},
    {"flushdb", -1, write, 0, 0, 0, CommandId::flushdb, kNoParent,
     "@keyspace @write @slow @dangerous", "request_policy:all_shards response_policy:all_succeeded",
     {},
     {"server", "1.0.0", "Removes every key of the selected database."}},
    {"select", 2, loading | stale | fast, 0, 0, 0, CommandId::select, kNoParent,
     "@fast @connection", "", {},
     {"connection", "1.0.0", "Selects a database (only database 0 exists)."}},
    {"quit", -1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0,
     CommandId::quit, kNoParent,
     "@fast @connection", "", {},
     {"connection", "1.0.0", "Closes the connection after replying."}},
    {"command", -1, loading | stale, 0, 0, 0, CommandId::command, kNoParent,
     "@slow @connection", "nondeterministic_output_order", {},
     {"server", "2.8.13", "Describes the commands this server answers."}},
    {"config", -2, 0, 0, 0, 0, CommandId::config, kNoParent,
     "@slow", "", {},
     {"server", "2.0.0", "Reads and changes the server's settings."}},
    {"info", -1, loading | stale, 0, 0, 0, CommandId::info, kNoParent,
     "@slow @dangerous",
     "nondeterministic_output request_policy:all_shards response_policy:special",
     {},
     {"server", "1.0.0", "Reports the server's state and counters."}},
    {"hello", -1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0,
     CommandId::hello, kNoParent,
     "@fast @connection", "", {},
     {"connection", "6.0.0", "Chooses the protocol version and names the connection."}},
    {"client", -2, 0, 0, 0, 0, CommandId::client, kNoParent,
     "@slow", "", {},
     {"connection", "2.4.0", "Inspects and configures client connections."}},
    {"getset", 3, write | denyoom | fast, 1, 1, 1, CommandId::getset, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "1.0.0", "Stores a value and returns the previous one."}},
    {"getdel", 2, write | fast, 1, 1, 1, CommandId::getdel, kNoParent,
     "@write @string @fast", "", kRwAccessDelete1,
     {"string", "6.2.0", "Returns a key's value and removes the key."}},
    {"setnx", 3, write | denyoom | fast, 1, 1, 1, CommandId::setnx, kNoParent,
     "@write @string @fast", "", kOwInsert1,
     {"string", "1.0.0", "Stores a value only if the key does not exist."}},
    {"setex", 4, write | denyoom, 1, 1, 1, CommandId::setex, kNoParent,
     "@write @string @slow", "", kOwUpdate1,
     {"string", "2.0.0", "Stores a value with a time to live in seconds."}},
    {"psetex", 4, write | denyoom, 1, 1, 1, CommandId::psetex, kNoParent,
     "@write @string @slow", "", kOwUpdate1,
     {"string", "2.6.0", "Stores a value with a time to live in milliseconds."}},
    {"msetnx", -3, write | denyoom, 1, -1, 2, CommandId::msetnx, kNoParent,
     "@write @string @slow", "request_policy:multi_shard response_policy:agg_min",
     kOwInsert1ToEndStep2,
     {"string", "1.0.1", "Stores several key-value pairs only if none of the keys exists."}},
    {"incrbyfloat", 3, write | denyoom | fast, 1, 1, 1, CommandId::incrbyfloat, kNoParent,
     "@write @string @fast", "", kRwAccessUpdate1,
     {"string", "2.6.0", "Adds a floating-point number to the numeric value of a key."}},
    {"getrange", 4, readonly, 1, 1, 1, CommandId::getrange, kNoParent,
     "@read @string @slow", "", kRoAccess1,
     {"string", "2.4.0", "Returns a substring of a string value."}},
    {"setrange", 4, write | denyoom, 1, 1, 1, CommandId::setrange, kNoParent,
     "@write @string @slow", "", kRwUpdate1,
     {"string", "2.2.0", "Overwrites part of a string value from an offset on."}},
    {"unlink", -2, write | fast, 1, -1, 1, CommandId::unlink, kNoParent,
     "@keyspace @write @fast", "request_policy:multi_shard response_policy:agg_sum",
     kRmDelete1ToEnd,
     {"generic", "4.0.0", "Removes keys."}},
    {"touch", -2, readonly | fast, 1, -1, 1, CommandId::touch, kNoParent,
     "@keyspace @read @fast", "request_policy:multi_shard response_policy:agg_sum", kRo1ToEnd,
     {"generic", "3.2.1", "Counts how many of the given keys exist, as an access to each."}},
    {"keys", 2, readonly, 0, 0, 0, CommandId::keys, kNoParent,
     "@keyspace @read @slow @dangerous", "request_policy:all_shards nondeterministic_output_order",
     {},
     {"generic", "1.0.0", "Returns the keys that match a pattern."}},
    {"scan", -2, readonly, 0, 0, 0, CommandId::scan, kNoParent,
     "@keyspace @read @slow", "nondeterministic_output request_policy:special", {},
     {"generic", "2.8.0", "Walks the keyspace with a cursor."}},
    {"randomkey", 1, readonly, 0, 0, 0, CommandId::randomkey, kNoParent,
     "@keyspace @read @slow", "request_policy:all_shards nondeterministic_output", {},
     {"generic", "1.0.0", "Returns a key chosen at random."}},
    {"rename", 3, write, 1, 2, 1, CommandId::rename, kNoParent,
     "@keyspace @write @slow", "", kRwAccessDelete1_OwUpdate2,
     {"generic", "1.0.0", "Renames a key, replacing any key of the new name."}},
    {"renamenx", 3, write | fast, 1, 2, 1, CommandId::renamenx, kNoParent,
     "@keyspace @write @fast", "", kRwAccessDelete1_OwInsert2,
     {"generic", "1.0.0", "Renames a key only if the new name is free."}},
    {"time", 1, loading | stale | fast, 0, 0, 0, CommandId::time, kNoParent,
     "@fast", "nondeterministic_output", {},
     {"server", "2.6.0", "Returns the server's clock."}},
    {"lastsave", 1, loading | stale | fast, 0, 0, 0, CommandId::lastsave, kNoParent,
     "@admin @fast @dangerous", "nondeterministic_output", {},
     {"server", "1.0.0", "Returns when the dataset was last saved."}},
    {"save", 1, admin | noscript | no_async_loading | no_multi, 0, 0, 0, CommandId::save, kNoParent,
     "@admin @slow @dangerous", "", {},
     {"server", "1.0.0", "Saves the dataset, blocking until done."}},
    {"bgsave", -1, admin | noscript | no_async_loading, 0, 0, 0, CommandId::bgsave, kNoParent,
     "@admin @slow @dangerous", "", {},
     {"server", "1.0.0", "Saves the dataset in the background."}},
    {"shutdown", -1, admin | noscript | loading | stale | no_multi | allow_busy, 0, 0, 0,
     CommandId::shutdown, kNoParent,
     "@admin @slow @dangerous", "", {},
     {"server", "1.0.0", "Stops the server."}},
    {"reset", 1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0,
     CommandId::reset, kNoParent,
     "@fast @connection", "", {},
     {"connection", "6.2.0", "Returns the connection to its initial state."}},
    {"memory", -2, 0, 0, 0, 0, CommandId::memory, kNoParent,
     "@slow", "", {},
     {"server", "4.0.0", "Reports how memory is used."}},
    {"object", -2, 0, 0, 0, 0, CommandId::object, kNoParent,
     "@slow", "", {},
     {"generic", "2.2.3", "Inspects how the value of a key is stored."}},
    {"expiretime", 2, readonly | fast, 1, 1, 1, CommandId::expiretime, kNoParent,
     "@keyspace @read @fast", "", kRoAccess1,
     {"generic", "7.0.0", "Returns a key's expiry as a Unix time in seconds."}},
    {"pexpiretime", 2, readonly | fast, 1, 1, 1, CommandId::pexpiretime, kNoParent,
     "@keyspace @read @fast", "", kRoAccess1,
     {"generic", "7.0.0", "Returns a key's expiry as a Unix time in milliseconds."}},
    {"getex", -2, write | fast, 1, 1, 1, CommandId::getex, kNoParent,
     "@write @string @fast", "", kRwAccessUpdateTtl1,
     {"string", "6.2.0", "Returns a key's value and changes or removes its expiry."}},
    // CLIENT subcommands.
    {"client|caching", 3, noscript | loading | stale, 0, 0, 0,
     CommandId::client_caching, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "6.0.0", "Chooses whether the next command's keys are tracked."}},
    {"client|getname", 2, noscript | loading | stale, 0, 0, 0,
     CommandId::client_getname, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "2.6.9", "Returns the connection's name."}},
    {"client|getredir", 2, noscript | loading | stale, 0, 0, 0,
     CommandId::client_getredir, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "6.0.0", "Returns the connection that receives tracking notifications."}},
    {"client|help", 2, loading | stale, 0, 0, 0, CommandId::client_help, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "5.0.0", "Lists the CLIENT subcommands."}},
    {"client|id", 2, noscript | loading | stale, 0, 0, 0, CommandId::client_id, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "5.0.0", "Returns the connection's id."}},
    {"client|info", 2, noscript | loading | stale, 0, 0, 0,
     CommandId::client_info, CommandId::client,
     "@slow @connection", "nondeterministic_output", {},
     {"connection", "6.2.0", "Describes this connection."}},
    {"client|kill", -3, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_kill, CommandId::client,
     "@admin @slow @dangerous @connection", "", {},
     {"connection", "2.4.0", "Closes client connections."}},
    {"client|list", -2, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_list, CommandId::client,
     "@admin @slow @dangerous @connection", "nondeterministic_output", {},
     {"connection", "2.4.0", "Describes client connections."}},
    {"client|no-evict", 3, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_no_evict, CommandId::client,
     "@admin @slow @dangerous @connection", "", {},
     {"connection", "7.0.0", "Exempts this connection from client eviction."}},
    {"client|pause", -3, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_pause, CommandId::client,
     "@admin @slow @dangerous @connection", "", {},
     {"connection", "2.9.50", "Holds back client commands for a while."}},
    {"client|reply", 3, noscript | loading | stale, 0, 0, 0,
     CommandId::client_reply, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "3.2.0", "Turns the replies to this connection on or off."}},
    {"client|setname", 3, noscript | loading | stale, 0, 0, 0,
     CommandId::client_setname, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "2.6.9", "Names the connection."}},
    // Redis 7.2 (not 7.0): clients such as redis-py 5 send it on connect.
    {"client|setinfo", 4, noscript | loading | stale, 0, 0, 0,
     CommandId::client_setinfo, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "7.2.0", "Records the client library's name or version."}},
    {"client|tracking", -3, noscript | loading | stale, 0, 0, 0,
     CommandId::client_tracking, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "6.0.0", "Turns key tracking for this connection on or off."}},
    {"client|trackinginfo", 2, noscript | loading | stale, 0, 0, 0,
     CommandId::client_trackinginfo, CommandId::client,
     "@slow @connection", "", {},
     {"connection", "6.2.0", "Describes this connection's key tracking."}},
    {"client|unblock", -3, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_unblock, CommandId::client,
     "@admin @slow @dangerous @connection", "", {},
     {"connection", "5.0.0", "Wakes a connection blocked in a command."}},
    {"client|unpause", 2, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::client_unpause, CommandId::client,
     "@admin @slow @dangerous @connection", "", {},
     {"connection", "6.2.0", "Ends a CLIENT PAUSE."}},
    // CONFIG subcommands.
    {"config|get", -3, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::config_get, CommandId::config,
     "@admin @slow @dangerous", "", {},
     {"server", "2.0.0", "Returns the settings whose names match the patterns."}},
    {"config|help", 2, loading | stale, 0, 0, 0, CommandId::config_help, CommandId::config,
     "@slow", "", {},
     {"server", "5.0.0", "Lists the CONFIG subcommands."}},
    {"config|resetstat", 2, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::config_resetstat, CommandId::config,
     "@admin @slow @dangerous", "", {},
     {"server", "2.0.0", "Resets the statistics counters."}},
    {"config|rewrite", 2, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::config_rewrite, CommandId::config,
     "@admin @slow @dangerous", "", {},
     {"server", "2.8.0", "Writes the running settings to the configuration file."}},
    {"config|set", -4, admin | noscript | loading | stale, 0, 0, 0,
     CommandId::config_set, CommandId::config,
     "@admin @slow @dangerous", "request_policy:all_nodes response_policy:all_succeeded", {},
     {"server", "2.0.0", "Changes settings while the server runs."}},
    // COMMAND subcommands.
    {"command|count", 2, loading | stale, 0, 0, 0, CommandId::command_count, CommandId::command,
     "@slow @connection", "", {},
     {"server", "2.8.13", "Returns how many commands there are."}},
    {"command|docs", -2, loading | stale, 0, 0, 0, CommandId::command_docs, CommandId::command,
     "@slow @connection", "nondeterministic_output_order", {},
     {"server", "7.0.0", "Describes commands for people and client tools."}},
    {"command|getkeys", -4, loading | stale, 0, 0, 0,
     CommandId::command_getkeys, CommandId::command,
     "@slow @connection", "", {},
     {"server", "2.8.13", "Finds the keys in a complete command."}},
    {"command|getkeysandflags", -4, loading | stale, 0, 0, 0,
     CommandId::command_getkeysandflags, CommandId::command,
     "@slow @connection", "", {},
     {"server", "7.0.0", "Finds the keys in a complete command, with how it uses each."}},
    {"command|help", 2, loading | stale, 0, 0, 0, CommandId::command_help, CommandId::command,
     "@slow @connection", "", {},
     {"server", "5.0.0", "Lists the COMMAND subcommands."}},
    {"command|info", -2, loading | stale, 0, 0, 0, CommandId::command_info, CommandId::command,
     "@slow @connection", "nondeterministic_output_order", {},
     {"server", "2.8.13", "Describes the named commands."}},
    {"command|list", -2, loading | stale, 0, 0, 0, CommandId::command_list, CommandId::command,
     "@slow @connection", "nondeterministic_output_order", {},
     {"server", "7.0.0", "Lists command names, optionally filtered."}},
    // OBJECT subcommands.
    {"object|encoding", 3, readonly, 2, 2, 1, CommandId::object_encoding, CommandId::object,
     "@keyspace @read @slow", "nondeterministic_output", kRo2,
     {"generic", "2.2.3", "Names the encoding the value of a key is stored in."}},
    {"object|freq", 3, readonly, 2, 2, 1, CommandId::object_freq, CommandId::object,
     "@keyspace @read @slow", "nondeterministic_output", kRo2,
     {"generic", "4.0.0", "Returns the logarithmic access counter of a key (LFU policies)."}},
    {"object|help", 2, loading | stale, 0, 0, 0, CommandId::object_help, CommandId::object,
     "@keyspace @slow", "", {},
     {"generic", "6.2.0", "Lists the OBJECT subcommands."}},
    {"object|idletime", 3, readonly, 2, 2, 1, CommandId::object_idletime, CommandId::object,
     "@keyspace @read @slow", "nondeterministic_output", kRo2,
     {"generic", "2.2.3", "Returns the seconds since a key was last read or written."}},
    {"object|refcount", 3, readonly, 2, 2, 1, CommandId::object_refcount, CommandId::object,
     "@keyspace @read @slow", "nondeterministic_output", kRo2,
     {"generic", "2.2.3", "Returns how many references the value of a key has."}},
    // MEMORY subcommands.
    {"memory|doctor", 2, 0, 0, 0, 0, CommandId::memory_doctor, CommandId::memory,
     "@slow", "nondeterministic_output request_policy:all_shards response_policy:special", {},
     {"server", "4.0.0", "Reports the memory problems it finds."}},
    {"memory|help", 2, loading | stale, 0, 0, 0, CommandId::memory_help, CommandId::memory,
     "@slow", "", {},
     {"server", "4.0.0", "Lists the MEMORY subcommands."}},
    {"memory|malloc-stats", 2, 0, 0, 0, 0, CommandId::memory_malloc_stats, CommandId::memory,
     "@slow", "nondeterministic_output request_policy:all_shards response_policy:special", {},
     {"server", "4.0.0", "Returns the memory allocator's own statistics."}},
    {"memory|purge", 2, 0, 0, 0, 0, CommandId::memory_purge, CommandId::memory,
     "@slow", "request_policy:all_shards response_policy:all_succeeded", {},
     {"server", "4.0.0", "Asks the memory allocator to give free memory back to the system."}},
    {"memory|stats", 2, 0, 0, 0, 0, CommandId::memory_stats, CommandId::memory,
     "@slow", "nondeterministic_output request_policy:all_shards response_policy:special", {},
     {"server", "4.0.0", "Reports figures on how memory is used."}},
    {"memory|usage", -3, readonly, 2, 2, 1, CommandId::memory_usage, CommandId::memory,
     "@read @slow", "", kRo2,
     {"server", "4.0.0", "Returns the bytes a key and its value occupy."}},
};
// clang-format on

constexpr size_t kRows = std::size(kCommands);
static_assert(kRows == static_cast<size_t>(CommandId::count_));

constexpr char fold(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool equal_folded(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (fold(a[i]) != lower[i]) return false;
    }
    return true;
}

constexpr bool is_lowercase(std::string_view s) {
    for (char c : s) {
        if (c != fold(c)) return false;
    }
    return true;
}

// FNV-1a over case-folded bytes; `more` continues a hash, so "config" + "|" + "get" hashes as
// "config|get" without building the string.
constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t fold_hash(std::string_view s, uint32_t h = kFnvBasis) {
    for (char c : s) {
        h ^= static_cast<uint8_t>(fold(c));
        h *= 16777619u;
    }
    return h;
}

constexpr std::string_view sub_part(const CommandSpec& row) {
    if (row.parent == kNoParent) return row.name;
    return row.name.substr(kCommands[static_cast<size_t>(row.parent)].name.size() + 1);
}

// The table's shape, checked when it compiles: rows in id order, lowercase unique-by-index
// names, every subcommand named "container|sub" after a top-level container, and each
// container's subcommands adjacent (so subcommands() is a span).
static_assert(
    [] {
        for (size_t i = 0; i < kRows; ++i) {
            const CommandSpec& row = kCommands[i];
            if (row.id != static_cast<CommandId>(i) || !is_lowercase(row.name)) return false;
            if (row.parent == kNoParent) continue;
            if (static_cast<size_t>(row.parent) >= kRows) return false;
            const CommandSpec& up = kCommands[static_cast<size_t>(row.parent)];
            if (up.parent != kNoParent) return false;
            if (row.name.size() <= up.name.size() + 1 || !row.name.starts_with(up.name) ||
                row.name[up.name.size()] != '|') {
                return false;
            }
            if (i > 0 && kCommands[i - 1].parent != row.parent) {
                for (size_t j = 0; j < i; ++j) {
                    if (kCommands[j].parent == row.parent) return false;  // split run
                }
            }
        }
        return true;
    }(),
    "kCommands: rows in CommandId order, lowercase, subcommands adjacent and named parent|sub");

constexpr size_t kMaxNameLen = [] {
    size_t m = 0;
    for (const CommandSpec& c : kCommands) m = c.name.size() > m ? c.name.size() : m;
    return m;
}();

// ---- the name index ---------------------------------------------------------------------
// Open addressing with linear probing over every row's full name, built at compile time.
// Slots hold row index + 1 (0 is empty). The slot count is the smallest power of two that
// keeps the table at most half full, so a miss ends after a short probe.
using Slot = uint16_t;
constexpr size_t kMinCapacity = 512;  // rows the slot type must be able to index
static_assert(std::numeric_limits<Slot>::max() >= 2 * kMinCapacity,
              "slots must index a table of at least 512 commands at load factor 1/2");
static_assert(kRows < std::numeric_limits<Slot>::max());
constexpr size_t kSlots = std::bit_ceil(std::max<size_t>(2 * kRows, 64));
static_assert(2 * kRows <= kSlots, "name index load factor must stay at or below 1/2");

constexpr auto kIndex = [] {
    std::array<Slot, kSlots> slots{};
    for (size_t i = 0; i < kRows; ++i) {
        size_t h = fold_hash(kCommands[i].name) & (kSlots - 1);
        while (slots[h] != 0) h = (h + 1) & (kSlots - 1);
        slots[h] = static_cast<Slot>(i + 1);
    }
    return slots;
}();

// Probes from `hash` for the row `matches` accepts.
template <typename Match>
const CommandSpec* probe(uint32_t hash, Match&& matches) {
    for (size_t h = hash & (kSlots - 1);; h = (h + 1) & (kSlots - 1)) {
        const Slot slot = kIndex[h];
        if (slot == 0) return nullptr;
        const CommandSpec& row = kCommands[slot - 1];
        if (matches(row)) return &row;
    }
}

// ---- containers -------------------------------------------------------------------------
struct Run {
    uint16_t first = 0;
    uint16_t count = 0;
};

constexpr auto kChildren = [] {
    std::array<Run, kRows> runs{};
    for (size_t i = 0; i < kRows; ++i) {
        const CommandId parent = kCommands[i].parent;
        if (parent == kNoParent) continue;
        Run& run = runs[static_cast<size_t>(parent)];
        if (run.count == 0) run.first = static_cast<uint16_t>(i);
        ++run.count;
    }
    return runs;
}();

struct FlagName {
    uint32_t flag;
    std::string_view name;
};

// Redis's print order (not bit order).
constexpr FlagName kFlagNames[] = {
    {write, "write"},
    {readonly, "readonly"},
    {denyoom, "denyoom"},
    {admin, "admin"},
    {pubsub, "pubsub"},
    {noscript, "noscript"},
    {blocking, "blocking"},
    {loading, "loading"},
    {stale, "stale"},
    {skip_monitor, "skip_monitor"},
    {skip_slowlog, "skip_slowlog"},
    {asking, "asking"},
    {fast, "fast"},
    {no_auth, "no_auth"},
    {no_mandatory_keys, "no_mandatory_keys"},
    {no_async_loading, "no_async_loading"},
    {no_multi, "no_multi"},
    {movablekeys, "movablekeys"},
    {allow_busy, "allow_busy"},
};

// The flags of the key found by `ks` in this call.
std::string_view resolved_key_flags(const KeySpec& ks, std::span<const std::string_view> args) {
    const VariableKeyFlags& v = ks.variable;
    if (v.keyword.empty()) return ks.flags;
    for (size_t i = static_cast<size_t>(v.search_from); i < args.size(); ++i) {
        if (equal_folded(args[i], v.keyword)) return v.with_keyword;
    }
    return v.without_keyword;
}

// Appends the keys from `first` to `last` (argument indexes) by `step`; false if the range
// does not fit the arguments.
bool add_range(int first, int last, int step, std::string_view flags, size_t argc,
               std::vector<KeyRef>& out) {
    const int n = static_cast<int>(argc);
    if (first >= n || last >= n || last < first || step <= 0) return false;
    for (int i = first; i <= last; i += step) out.push_back({static_cast<size_t>(i), flags});
    return true;
}

}  // namespace

const CommandSpec* find_command(std::string_view name) {
    if (name.size() > kMaxNameLen) return nullptr;
    return probe(fold_hash(name), [&](const CommandSpec& row) {
        return row.parent == kNoParent && equal_folded(name, row.name);
    });
}

const CommandSpec* find_subcommand(const CommandSpec& container, std::string_view sub) {
    if (kChildren[static_cast<size_t>(container.id)].count == 0) return nullptr;
    if (container.name.size() + 1 + sub.size() > kMaxNameLen) return nullptr;
    const uint32_t hash = fold_hash(sub, fold_hash("|", fold_hash(container.name)));
    return probe(hash, [&](const CommandSpec& row) {
        return row.parent == container.id && equal_folded(sub, sub_part(row));
    });
}

const CommandSpec* find_command_path(std::string_view full_name) {
    if (full_name.size() > kMaxNameLen) return nullptr;
    return probe(fold_hash(full_name),
                 [&](const CommandSpec& row) { return equal_folded(full_name, row.name); });
}

std::span<const CommandSpec> all_commands() {
    return kCommands;
}

const CommandSpec& command_spec(CommandId id) {
    return kCommands[static_cast<size_t>(id)];
}

std::span<const CommandSpec> subcommands(const CommandSpec& container) {
    const Run run = kChildren[static_cast<size_t>(container.id)];
    return std::span<const CommandSpec>(kCommands).subspan(run.first, run.count);
}

std::string_view subcommand_name(const CommandSpec& spec) {
    return sub_part(spec);
}

bool arity_ok(const CommandSpec& spec, size_t argc) {
    if (spec.arity >= 0) return argc == static_cast<size_t>(spec.arity);
    return argc >= static_cast<size_t>(-spec.arity);
}

std::vector<std::string_view> flag_names(uint32_t flags) {
    std::vector<std::string_view> names;
    for (const FlagName& f : kFlagNames) {
        if ((flags & f.flag) != 0) names.push_back(f.name);
    }
    return names;
}

bool has_keys(const CommandSpec& spec) {
    return !spec.key_specs.empty() || spec.first_key > 0;
}

bool find_keys(const CommandSpec& spec, std::span<const std::string_view> args,
               std::vector<KeyRef>& out) {
    out.clear();
    const int argc = static_cast<int>(args.size());
    bool ok = true;
    if (spec.key_specs.empty()) {
        // The legacy range: absolute indexes, a negative last counting from the end.
        if (spec.first_key > 0) {
            const int last = spec.last_key >= 0 ? spec.last_key : argc + spec.last_key;
            ok = add_range(spec.first_key, last, spec.key_step, {}, args.size(), out);
        }
    } else {
        for (const KeySpec& ks : spec.key_specs) {
            const int first = ks.begin_index;
            int last;
            if (ks.last_key >= 0) {
                last = first + ks.last_key;
            } else if (ks.limit == 0) {
                last = argc + ks.last_key;
            } else {
                // "All but the last (1/limit) of the remaining arguments"
                last = first + ((argc - first) / ks.limit + ks.last_key);
            }
            ok =
                add_range(first, last, ks.key_step, resolved_key_flags(ks, args), args.size(), out);
            if (!ok) break;
        }
    }
    if (!ok) out.clear();
    return ok;
}

CommandIndexStats command_index_stats() {
    return {kSlots, kRows, std::numeric_limits<Slot>::max()};
}

}  // namespace larder::resp
