#include "protocols/resp/commands.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace larder::resp {
namespace {

// Values (arity, flags, key positions, categories, tips, key specs, group, since) are Redis
// 7.0.15's, as its COMMAND INFO and COMMAND DOCS report them; the summaries are ours.

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

constexpr KeySpec kRwDelete1[] = {
    {"RW delete", 1, 0, 1, 0},
};
constexpr KeySpec kRwAccessDelete1_RwInsert2[] = {
    {"RW access delete", 1, 0, 1, 0},
    {"RW insert", 2, 0, 1, 0},
};
constexpr KeySpec kRwAccessDeleteKeynum1[] = {
    keynum_spec("RW access delete", 1, 0, 1, 1),
};
constexpr KeySpec kRoAccessKeynum1[] = {
    keynum_spec("RO access", 1, 0, 1, 1),
};
constexpr KeySpec kRwUpdate1_RoAccess2ToEnd[] = {
    {"RW update", 1, 0, 1, 0},
    {"RO access", 2, -1, 1, 0},
};
constexpr KeySpec kOwUpdate1_RoAccess2ToEnd[] = {
    {"OW update", 1, 0, 1, 0},
    {"RO access", 2, -1, 1, 0},
};
constexpr KeySpec kOwUpdate1_RoAccess2[] = {
    {"OW update", 1, 0, 1, 0},
    {"RO access", 2, 0, 1, 0},
};
constexpr KeySpec kOwUpdate1_RoAccessKeynum2[] = {
    {"OW update", 1, 0, 1, 0},
    keynum_spec("RO access", 2, 0, 1, 1),
};
constexpr KeySpec kRoAccess1To2[] = {
    {"RO access", 1, 1, 1, 0},
};
constexpr KeySpec kOwUpdate2_RoAccess3ToEnd[] = {
    {"OW update", 2, 0, 1, 0},
    {"RO access", 3, -1, 1, 0},
};
constexpr KeySpec kRoAccess1_OwUpdate2[] = {
    {"RO access", 1, 0, 1, 0},
    {"OW update", 2, 0, 1, 0},
};
// SORT's and SORT_RO's sorted key, and the keys their BY/GET patterns and SORT's STORE name.
constexpr KeySpec kSortKeys[] = {
    {"RO access", 1, 0, 1, 0},
    unknown_spec("RO access",
                 "For the optional BY/GET keyword. It is marked 'unknown' because the key names "
                 "derive from the content of the key we sort"),
    unknown_spec("OW update",
                 "For the optional STORE keyword. It is marked 'unknown' because the keyword can "
                 "appear anywhere in the argument array"),
};
constexpr KeySpec kSortRoKeys[] = {
    kSortKeys[0],
    kSortKeys[1],
};
// BITFIELD's key: read-only for GET and OVERFLOW alone, read and written otherwise (see
// bitfield_keys).
constexpr KeySpec kBitfieldKeys[] = {
    {"RW access update variable_flags", 1, 0, 1, 0,
     "This command allows both access and modification of the key"},
};

// SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
// [STORE destination]: the sorted key, then the destination of the last STORE that has an
// argument. The arguments of BY, GET and LIMIT are skipped, so a pattern or bound spelled
// "store" is not taken for the keyword. The keys BY and GET patterns name are not reported.
bool sort_keys(std::span<const std::string_view> args, std::vector<KeyRef>& out) {
    out.push_back({1, "RO access"});
    size_t store = 0;
    for (size_t i = 2; i < args.size(); ++i) {
        if (equal_folded(args[i], "limit")) {
            i += 2;
        } else if (equal_folded(args[i], "by") || equal_folded(args[i], "get")) {
            i += 1;
        } else if (equal_folded(args[i], "store") && i + 1 < args.size()) {
            store = ++i;
        }
    }
    if (store != 0) out.push_back({store, "OW update"});
    return true;
}

// BITFIELD key [GET type offset | SET type offset value | INCRBY type offset increment |
// OVERFLOW mode] ...: the key is only read when every operation is a complete GET or
// OVERFLOW; anything else (SET, INCRBY, a truncated or unknown operation) counts as a write.
bool bitfield_keys(std::span<const std::string_view> args, std::vector<KeyRef>& out) {
    bool read_only = true;
    for (size_t i = 2; i < args.size() && read_only; ++i) {
        const size_t after = args.size() - i - 1;
        if (equal_folded(args[i], "get") && after >= 2) {
            i += 2;
        } else if (equal_folded(args[i], "overflow") && after >= 1) {
            i += 1;
        } else {
            read_only = false;
        }
    }
    out.push_back({1, read_only ? "RO access" : "RW access update"});
    return true;
}

// clang-format off
// {name, arity, flags, first key, last key, step, id, parent, ACL categories, tips, key specs,
//  {group, since, summary}[, get_keys]}
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
    // Hash commands.
    {"hset", -4, write | denyoom | fast, 1, 1, 1, CommandId::hset, kNoParent,
     "@write @hash @fast", "", kRwUpdate1,
     {"hash", "2.0.0", "Sets one or more fields of a hash, creating the key if missing."}},
    {"hsetnx", 4, write | denyoom | fast, 1, 1, 1, CommandId::hsetnx, kNoParent,
     "@write @hash @fast", "", kRwInsert1,
     {"hash", "2.0.0", "Sets a hash field only if the hash does not have it yet."}},
    {"hget", 3, readonly | fast, 1, 1, 1, CommandId::hget, kNoParent,
     "@read @hash @fast", "", kRoAccess1,
     {"hash", "2.0.0", "Returns the value of one hash field."}},
    {"hmset", -4, write | denyoom | fast, 1, 1, 1, CommandId::hmset, kNoParent,
     "@write @hash @fast", "", kRwUpdate1,
     {"hash", "2.0.0", "Sets several hash fields (the older spelling of HSET)."}},
    {"hmget", -3, readonly | fast, 1, 1, 1, CommandId::hmget, kNoParent,
     "@read @hash @fast", "", kRoAccess1,
     {"hash", "2.0.0", "Returns the values of several hash fields."}},
    {"hdel", -3, write | fast, 1, 1, 1, CommandId::hdel, kNoParent,
     "@write @hash @fast", "", kRwDelete1,
     {"hash", "2.0.0", "Removes fields from a hash."}},
    {"hlen", 2, readonly | fast, 1, 1, 1, CommandId::hlen, kNoParent,
     "@read @hash @fast", "", kRo1,
     {"hash", "2.0.0", "Returns how many fields a hash has."}},
    {"hstrlen", 3, readonly | fast, 1, 1, 1, CommandId::hstrlen, kNoParent,
     "@read @hash @fast", "", kRo1,
     {"hash", "3.2.0", "Returns the length of a hash field's value."}},
    {"hexists", 3, readonly | fast, 1, 1, 1, CommandId::hexists, kNoParent,
     "@read @hash @fast", "", kRo1,
     {"hash", "2.0.0", "Tells whether a hash has a field."}},
    {"hkeys", 2, readonly, 1, 1, 1, CommandId::hkeys, kNoParent,
     "@read @hash @slow", "nondeterministic_output_order", kRoAccess1,
     {"hash", "2.0.0", "Lists a hash's field names."}},
    {"hvals", 2, readonly, 1, 1, 1, CommandId::hvals, kNoParent,
     "@read @hash @slow", "nondeterministic_output_order", kRoAccess1,
     {"hash", "2.0.0", "Lists a hash's values."}},
    {"hgetall", 2, readonly, 1, 1, 1, CommandId::hgetall, kNoParent,
     "@read @hash @slow", "nondeterministic_output_order", kRoAccess1,
     {"hash", "2.0.0", "Returns every field of a hash with its value."}},
    {"hincrby", 4, write | denyoom | fast, 1, 1, 1, CommandId::hincrby, kNoParent,
     "@write @hash @fast", "", kRwAccessUpdate1,
     {"hash", "2.0.0", "Adds an integer to the integer value of a hash field."}},
    {"hincrbyfloat", 4, write | denyoom | fast, 1, 1, 1, CommandId::hincrbyfloat, kNoParent,
     "@write @hash @fast", "", kRwAccessUpdate1,
     {"hash", "2.6.0", "Adds a floating-point number to the numeric value of a hash field."}},
    {"hrandfield", -2, readonly, 1, 1, 1, CommandId::hrandfield, kNoParent,
     "@read @hash @slow", "nondeterministic_output", kRoAccess1,
     {"hash", "6.2.0", "Picks random fields of a hash, optionally with their values."}},
    {"hscan", -3, readonly, 1, 1, 1, CommandId::hscan, kNoParent,
     "@read @hash @slow", "nondeterministic_output", kRoAccess1,
     {"hash", "2.8.0", "Walks a hash's fields and values a batch at a time with a cursor."}},
    // List commands.
    {"lpush", -3, write | denyoom | fast, 1, 1, 1, CommandId::lpush, kNoParent,
     "@write @list @fast", "", kRwInsert1,
     {"list", "1.0.0", "Prepends elements to a list, creating it if missing."}},
    {"rpush", -3, write | denyoom | fast, 1, 1, 1, CommandId::rpush, kNoParent,
     "@write @list @fast", "", kRwInsert1,
     {"list", "1.0.0", "Appends elements to a list, creating it if missing."}},
    {"lpushx", -3, write | denyoom | fast, 1, 1, 1, CommandId::lpushx, kNoParent,
     "@write @list @fast", "", kRwInsert1,
     {"list", "2.2.0", "Prepends elements to a list, only if the list exists."}},
    {"rpushx", -3, write | denyoom | fast, 1, 1, 1, CommandId::rpushx, kNoParent,
     "@write @list @fast", "", kRwInsert1,
     {"list", "2.2.0", "Appends elements to a list, only if the list exists."}},
    {"lpop", -2, write | fast, 1, 1, 1, CommandId::lpop, kNoParent,
     "@write @list @fast", "", kRwAccessDelete1,
     {"list", "1.0.0", "Removes and returns elements from the head of a list."}},
    {"rpop", -2, write | fast, 1, 1, 1, CommandId::rpop, kNoParent,
     "@write @list @fast", "", kRwAccessDelete1,
     {"list", "1.0.0", "Removes and returns elements from the tail of a list."}},
    {"llen", 2, readonly | fast, 1, 1, 1, CommandId::llen, kNoParent,
     "@read @list @fast", "", kRo1,
     {"list", "1.0.0", "Returns the length of a list."}},
    {"lindex", 3, readonly, 1, 1, 1, CommandId::lindex, kNoParent,
     "@read @list @slow", "", kRoAccess1,
     {"list", "1.0.0", "Returns the list element at an index."}},
    {"lset", 4, write | denyoom, 1, 1, 1, CommandId::lset, kNoParent,
     "@write @list @slow", "", kRwUpdate1,
     {"list", "1.0.0", "Replaces the list element at an index."}},
    {"lrange", 4, readonly, 1, 1, 1, CommandId::lrange, kNoParent,
     "@read @list @slow", "", kRoAccess1,
     {"list", "1.0.0", "Returns the list elements between two indexes."}},
    {"ltrim", 4, write, 1, 1, 1, CommandId::ltrim, kNoParent,
     "@write @list @slow", "", kRwDelete1,
     {"list", "1.0.0", "Keeps only the list elements between two indexes, dropping the rest."}},
    {"lrem", 4, write, 1, 1, 1, CommandId::lrem, kNoParent,
     "@write @list @slow", "", kRwDelete1,
     {"list", "1.0.0", "Removes occurrences of a value from a list."}},
    {"linsert", 5, write | denyoom, 1, 1, 1, CommandId::linsert, kNoParent,
     "@write @list @slow", "", kRwInsert1,
     {"list", "2.2.0", "Inserts an element before or after a given value in a list."}},
    {"lpos", -3, readonly, 1, 1, 1, CommandId::lpos, kNoParent,
     "@read @list @slow", "", kRoAccess1,
     {"list", "6.0.6", "Finds the indexes at which a value occurs in a list."}},
    {"lmove", 5, write | denyoom, 1, 2, 1, CommandId::lmove, kNoParent,
     "@write @list @slow", "", kRwAccessDelete1_RwInsert2,
     {"list", "6.2.0",
      "Pops an element from one end of a list and pushes it onto an end of another."}},
    {"rpoplpush", 3, write | denyoom, 1, 2, 1, CommandId::rpoplpush, kNoParent,
     "@write @list @slow", "", kRwAccessDelete1_RwInsert2,
     {"list", "1.2.0", "Moves the last element of a list to the front of another list."}},
    {"lmpop", -4, write | movablekeys, 0, 0, 0, CommandId::lmpop, kNoParent,
     "@write @list @slow", "", kRwAccessDeleteKeynum1,
     {"list", "7.0.0", "Pops elements from one end of the first non-empty list among several."}},
    // Set commands.
    {"sadd", -3, write | denyoom | fast, 1, 1, 1, CommandId::sadd, kNoParent,
     "@write @set @fast", "", kRwInsert1,
     {"set", "1.0.0", "Adds members to a set, creating it if missing."}},
    {"srem", -3, write | fast, 1, 1, 1, CommandId::srem, kNoParent,
     "@write @set @fast", "", kRwDelete1,
     {"set", "1.0.0", "Removes members from a set."}},
    {"smembers", 2, readonly, 1, 1, 1, CommandId::smembers, kNoParent,
     "@read @set @slow", "nondeterministic_output_order", kRoAccess1,
     {"set", "1.0.0", "Returns every member of a set."}},
    {"sismember", 3, readonly | fast, 1, 1, 1, CommandId::sismember, kNoParent,
     "@read @set @fast", "", kRo1,
     {"set", "1.0.0", "Tells whether a value is a member of a set."}},
    {"smismember", -3, readonly | fast, 1, 1, 1, CommandId::smismember, kNoParent,
     "@read @set @fast", "", kRoAccess1,
     {"set", "6.2.0", "Tells, for each of several values, whether it is a member of a set."}},
    {"scard", 2, readonly | fast, 1, 1, 1, CommandId::scard, kNoParent,
     "@read @set @fast", "", kRo1,
     {"set", "1.0.0", "Returns how many members a set has."}},
    {"spop", -2, write | fast, 1, 1, 1, CommandId::spop, kNoParent,
     "@write @set @fast", "nondeterministic_output", kRwAccessDelete1,
     {"set", "1.0.0", "Removes and returns random members of a set."}},
    {"srandmember", -2, readonly, 1, 1, 1, CommandId::srandmember, kNoParent,
     "@read @set @slow", "nondeterministic_output", kRoAccess1,
     {"set", "1.0.0", "Returns random members of a set without removing them."}},
    {"smove", 4, write | fast, 1, 2, 1, CommandId::smove, kNoParent,
     "@write @set @fast", "", kRwAccessDelete1_RwInsert2,
     {"set", "1.0.0", "Moves a member from one set to another."}},
    {"sinter", -2, readonly, 1, -1, 1, CommandId::sinter, kNoParent,
     "@read @set @slow", "nondeterministic_output_order", kRoAccess1ToEnd,
     {"set", "1.0.0", "Returns the members found in every one of the given sets."}},
    {"sintercard", -3, readonly | movablekeys, 0, 0, 0, CommandId::sintercard, kNoParent,
     "@read @set @slow", "", kRoAccessKeynum1,
     {"set", "7.0.0",
      "Counts the members found in every one of the given sets, up to an optional limit."}},
    {"sinterstore", -3, write | denyoom, 1, -1, 1, CommandId::sinterstore, kNoParent,
     "@write @set @slow", "", kRwUpdate1_RoAccess2ToEnd,
     {"set", "1.0.0", "Stores the intersection of sets at a destination key."}},
    {"sunion", -2, readonly, 1, -1, 1, CommandId::sunion, kNoParent,
     "@read @set @slow", "nondeterministic_output_order", kRoAccess1ToEnd,
     {"set", "1.0.0", "Returns the members found in any of the given sets."}},
    {"sunionstore", -3, write | denyoom, 1, -1, 1, CommandId::sunionstore, kNoParent,
     "@write @set @slow", "", kOwUpdate1_RoAccess2ToEnd,
     {"set", "1.0.0", "Stores the union of sets at a destination key."}},
    {"sdiff", -2, readonly, 1, -1, 1, CommandId::sdiff, kNoParent,
     "@read @set @slow", "nondeterministic_output_order", kRoAccess1ToEnd,
     {"set", "1.0.0", "Returns the members of the first set that none of the other sets have."}},
    {"sdiffstore", -3, write | denyoom, 1, -1, 1, CommandId::sdiffstore, kNoParent,
     "@write @set @slow", "", kOwUpdate1_RoAccess2ToEnd,
     {"set", "1.0.0", "Stores the difference of sets at a destination key."}},
    {"sscan", -3, readonly, 1, 1, 1, CommandId::sscan, kNoParent,
     "@read @set @slow", "nondeterministic_output", kRoAccess1,
     {"set", "2.8.0", "Walks a set's members a batch at a time with a cursor."}},
    // Sorted-set commands.
    {"zadd", -4, write | denyoom | fast, 1, 1, 1, CommandId::zadd, kNoParent,
     "@write @sortedset @fast", "", kRwUpdate1,
     {"sorted-set", "1.2.0", "Adds scored members to a sorted set, or changes their scores."}},
    {"zincrby", 4, write | denyoom | fast, 1, 1, 1, CommandId::zincrby, kNoParent,
     "@write @sortedset @fast", "", kRwAccessUpdate1,
     {"sorted-set", "1.2.0", "Adds an amount to the score of a sorted-set member."}},
    {"zrem", -3, write | fast, 1, 1, 1, CommandId::zrem, kNoParent,
     "@write @sortedset @fast", "", kRwDelete1,
     {"sorted-set", "1.2.0", "Removes members from a sorted set."}},
    {"zcard", 2, readonly | fast, 1, 1, 1, CommandId::zcard, kNoParent,
     "@read @sortedset @fast", "", kRo1,
     {"sorted-set", "1.2.0", "Returns how many members a sorted set has."}},
    {"zscore", 3, readonly | fast, 1, 1, 1, CommandId::zscore, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "1.2.0", "Returns the score of a sorted-set member."}},
    {"zmscore", -3, readonly | fast, 1, 1, 1, CommandId::zmscore, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "6.2.0", "Returns the scores of several sorted-set members."}},
    {"zrank", -3, readonly | fast, 1, 1, 1, CommandId::zrank, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "2.0.0",
      "Returns a member's position in a sorted set, counting from the lowest score."}},
    {"zrevrank", -3, readonly | fast, 1, 1, 1, CommandId::zrevrank, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "2.0.0",
      "Returns a member's position in a sorted set, counting from the highest score."}},
    {"zcount", 4, readonly | fast, 1, 1, 1, CommandId::zcount, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "2.0.0", "Counts the sorted-set members whose scores fall in a range."}},
    {"zlexcount", 4, readonly | fast, 1, 1, 1, CommandId::zlexcount, kNoParent,
     "@read @sortedset @fast", "", kRoAccess1,
     {"sorted-set", "2.8.9", "Counts the sorted-set members within a lexicographical range."}},
    {"zrange", -4, readonly, 1, 1, 1, CommandId::zrange, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "1.2.0",
      "Returns sorted-set members by position, score range or lexicographical range."}},
    {"zrangestore", -5, write | denyoom, 1, 2, 1, CommandId::zrangestore, kNoParent,
     "@write @sortedset @slow", "", kOwUpdate1_RoAccess2,
     {"sorted-set", "6.2.0", "Stores a range of a sorted set's members at a destination key."}},
    {"zrangebyscore", -4, readonly, 1, 1, 1, CommandId::zrangebyscore, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "1.0.5",
      "Returns the sorted-set members in a score range, lowest score first."}},
    {"zrevrangebyscore", -4, readonly, 1, 1, 1, CommandId::zrevrangebyscore, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "2.2.0",
      "Returns the sorted-set members in a score range, highest score first."}},
    {"zrangebylex", -4, readonly, 1, 1, 1, CommandId::zrangebylex, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "2.8.9",
      "Returns the sorted-set members in a lexicographical range, in ascending order."}},
    {"zrevrangebylex", -4, readonly, 1, 1, 1, CommandId::zrevrangebylex, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "2.8.9",
      "Returns the sorted-set members in a lexicographical range, in descending order."}},
    {"zrevrange", -4, readonly, 1, 1, 1, CommandId::zrevrange, kNoParent,
     "@read @sortedset @slow", "", kRoAccess1,
     {"sorted-set", "1.2.0",
      "Returns sorted-set members by position, counting from the highest score."}},
    {"zremrangebyrank", 4, write, 1, 1, 1, CommandId::zremrangebyrank, kNoParent,
     "@write @sortedset @slow", "", kRwDelete1,
     {"sorted-set", "2.0.0", "Removes the sorted-set members between two positions."}},
    {"zremrangebyscore", 4, write, 1, 1, 1, CommandId::zremrangebyscore, kNoParent,
     "@write @sortedset @slow", "", kRwDelete1,
     {"sorted-set", "1.2.0", "Removes the sorted-set members whose scores fall in a range."}},
    {"zremrangebylex", 4, write, 1, 1, 1, CommandId::zremrangebylex, kNoParent,
     "@write @sortedset @slow", "", kRwDelete1,
     {"sorted-set", "2.8.9", "Removes the sorted-set members within a lexicographical range."}},
    {"zpopmin", -2, write | fast, 1, 1, 1, CommandId::zpopmin, kNoParent,
     "@write @sortedset @fast", "", kRwAccessDelete1,
     {"sorted-set", "5.0.0", "Removes and returns the members with the lowest scores."}},
    {"zpopmax", -2, write | fast, 1, 1, 1, CommandId::zpopmax, kNoParent,
     "@write @sortedset @fast", "", kRwAccessDelete1,
     {"sorted-set", "5.0.0", "Removes and returns the members with the highest scores."}},
    {"zmpop", -4, write | movablekeys, 0, 0, 0, CommandId::zmpop, kNoParent,
     "@write @sortedset @slow", "", kRwAccessDeleteKeynum1,
     {"sorted-set", "7.0.0",
      "Pops the lowest or highest scored members of the first non-empty sorted set given."}},
    {"zrandmember", -2, readonly, 1, 1, 1, CommandId::zrandmember, kNoParent,
     "@read @sortedset @slow", "nondeterministic_output", kRoAccess1,
     {"sorted-set", "6.2.0",
      "Returns random members of a sorted set, optionally with their scores."}},
    {"zunion", -3, readonly | movablekeys, 0, 0, 0, CommandId::zunion, kNoParent,
     "@read @sortedset @slow", "", kRoAccessKeynum1,
     {"sorted-set", "6.2.0", "Returns the union of sorted sets, with their scores combined."}},
    {"zunionstore", -4, write | denyoom | movablekeys, 1, 1, 1, CommandId::zunionstore, kNoParent,
     "@write @sortedset @slow", "", kOwUpdate1_RoAccessKeynum2,
     {"sorted-set", "2.0.0",
      "Stores the union of sorted sets, with their scores combined, at a destination key."}},
    {"zinter", -3, readonly | movablekeys, 0, 0, 0, CommandId::zinter, kNoParent,
     "@read @sortedset @slow", "", kRoAccessKeynum1,
     {"sorted-set", "6.2.0",
      "Returns the intersection of sorted sets, with their scores combined."}},
    {"zinterstore", -4, write | denyoom | movablekeys, 1, 1, 1, CommandId::zinterstore, kNoParent,
     "@write @sortedset @slow", "", kOwUpdate1_RoAccessKeynum2,
     {"sorted-set", "2.0.0",
      "Stores the intersection of sorted sets, with their scores combined, at a destination key."}},
    {"zintercard", -3, readonly | movablekeys, 0, 0, 0, CommandId::zintercard, kNoParent,
     "@read @sortedset @slow", "", kRoAccessKeynum1,
     {"sorted-set", "7.0.0",
      "Counts the members found in every one of the given sorted sets, up to an optional limit."}},
    {"zdiff", -3, readonly | movablekeys, 0, 0, 0, CommandId::zdiff, kNoParent,
     "@read @sortedset @slow", "", kRoAccessKeynum1,
     {"sorted-set", "6.2.0",
      "Returns the members of the first sorted set that none of the others have."}},
    {"zdiffstore", -4, write | denyoom | movablekeys, 1, 1, 1, CommandId::zdiffstore, kNoParent,
     "@write @sortedset @slow", "", kOwUpdate1_RoAccessKeynum2,
     {"sorted-set", "6.2.0", "Stores the difference of sorted sets at a destination key."}},
    {"zscan", -3, readonly, 1, 1, 1, CommandId::zscan, kNoParent,
     "@read @sortedset @slow", "nondeterministic_output", kRoAccess1,
     {"sorted-set", "2.8.0",
      "Walks a sorted set's members and scores a batch at a time with a cursor."}},
    // String and bitmap commands.
    {"substr", 4, readonly, 1, 1, 1, CommandId::substr, kNoParent,
     "@read @string @slow", "", kRoAccess1,
     {"string", "1.0.0", "Returns part of a string value (the older name of GETRANGE)."}},
    {"lcs", -3, readonly, 1, 2, 1, CommandId::lcs, kNoParent,
     "@read @string @slow", "", kRoAccess1To2,
     {"string", "7.0.0", "Finds the longest common subsequence of two string values."}},
    {"getbit", 3, readonly | fast, 1, 1, 1, CommandId::getbit, kNoParent,
     "@read @bitmap @fast", "", kRoAccess1,
     {"bitmap", "2.2.0", "Returns the bit at an offset of a string value."}},
    {"setbit", 4, write | denyoom, 1, 1, 1, CommandId::setbit, kNoParent,
     "@write @bitmap @slow", "", kRwAccessUpdate1,
     {"bitmap", "2.2.0", "Sets or clears the bit at an offset of a string value."}},
    {"bitcount", -2, readonly, 1, 1, 1, CommandId::bitcount, kNoParent,
     "@read @bitmap @slow", "", kRoAccess1,
     {"bitmap", "2.6.0",
      "Counts the set bits of a string value, optionally within a byte or bit range."}},
    {"bitpos", -3, readonly, 1, 1, 1, CommandId::bitpos, kNoParent,
     "@read @bitmap @slow", "", kRoAccess1,
     {"bitmap", "2.8.7", "Finds the first set or clear bit of a string value."}},
    {"bitop", -4, write | denyoom, 2, -1, 1, CommandId::bitop, kNoParent,
     "@write @bitmap @slow", "", kOwUpdate2_RoAccess3ToEnd,
     {"bitmap", "2.6.0",
      "Combines string values bit by bit (AND, OR, XOR, NOT) into a destination key."}},
    {"bitfield", -2, write | denyoom, 1, 1, 1, CommandId::bitfield, kNoParent,
     "@write @bitmap @slow", "", kBitfieldKeys,
     {"bitmap", "3.2.0",
      "Reads, writes and increments integer fields of any width inside a string value."},
     bitfield_keys},
    {"bitfield_ro", -2, readonly | fast, 1, 1, 1, CommandId::bitfield_ro, kNoParent,
     "@read @bitmap @fast", "", kRoAccess1,
     {"bitmap", "6.0.0", "Reads integer fields of any width inside a string value."}},
    // Keyspace commands.
    {"copy", -3, write | denyoom, 1, 2, 1, CommandId::copy, kNoParent,
     "@keyspace @write @slow", "", kRoAccess1_OwUpdate2,
     {"generic", "6.2.0", "Copies a key's value to another key."}},
    {"move", 3, write | fast, 1, 1, 1, CommandId::move, kNoParent,
     "@keyspace @write @fast", "", kRwAccessUpdate1,
     {"generic", "1.0.0", "Moves a key to another database."}},
    {"swapdb", 3, write | fast, 0, 0, 0, CommandId::swapdb, kNoParent,
     "@keyspace @write @fast @dangerous", "", {},
     {"server", "4.0.0", "Exchanges the contents of two databases."}},
    {"sort", -2, write | denyoom | movablekeys, 1, 1, 1, CommandId::sort, kNoParent,
     "@write @set @sortedset @list @slow @dangerous", "", kSortKeys,
     {"generic", "1.0.0",
      "Sorts the elements of a list, set or sorted set, optionally storing the result."},
     sort_keys},
    {"sort_ro", -2, readonly | movablekeys, 1, 1, 1, CommandId::sort_ro, kNoParent,
     "@read @set @sortedset @list @slow @dangerous", "", kSortRoKeys,
     {"generic", "7.0.0",
      "Sorts the elements of a list, set or sorted set, without storing anything."}},
    {"dump", 2, readonly, 1, 1, 1, CommandId::dump, kNoParent,
     "@keyspace @read @slow", "nondeterministic_output", kRoAccess1,
     {"generic", "2.6.0", "Serializes a key's value into an opaque blob."}},
    {"restore", -4, write | denyoom, 1, 1, 1, CommandId::restore, kNoParent,
     "@keyspace @write @slow @dangerous", "", kOwUpdate1,
     {"generic", "2.6.0", "Creates a key from a blob that DUMP produced."}},
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

// A keynum spec's key count, read as Redis's key finders read it: leading white space, an
// optional sign, then digits up to the first other byte ("2", " 2", "+2" and "2x" are all 2;
// "x" is 0). Saturates at `cap` + 1 so that a huge count stays out of range.
long long leading_count(std::string_view s, int cap) {
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    long long n = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        n = std::min<long long>(n * 10 + (s[i] - '0'), static_cast<long long>(cap) + 1);
    }
    return negative ? -n : n;
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
    if (spec.get_keys != nullptr) {
        if (spec.get_keys(args, out)) return true;
        out.clear();
        return false;
    }
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
            int first = ks.begin_index;
            int last;
            int step = ks.key_step;
            if (ks.find == FindKeys::unknown) {
                continue;  // only a get_keys function can find these
            } else if (ks.find == FindKeys::keynum) {
                const int at = first + ks.keynum_index;
                if (at >= argc) {
                    ok = false;
                    break;
                }
                // No more keys than arguments: a larger count is out of range anyway.
                const long long count = leading_count(args[static_cast<size_t>(at)], argc);
                first += ks.keynum_first;
                last = first + static_cast<int>(count - 1) * step;
            } else if (ks.last_key >= 0) {
                last = first + ks.last_key;
            } else if (ks.limit == 0) {
                last = argc + ks.last_key;
            } else {
                // "All but the last (1/limit) of the remaining arguments"
                last = first + ((argc - first) / ks.limit + ks.last_key);
            }
            ok = add_range(first, last, step, resolved_key_flags(ks, args), args.size(), out);
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
