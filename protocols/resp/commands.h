// The RESP command table as data: one row per command and one per subcommand ("config|get"),
// each with its name, arity, flags, key positions, ACL categories, tips and key specs (Redis
// 7.0's values) and a short description in Larder's own words. Dispatch, arity errors,
// subcommand lookup and the COMMAND family are all driven from it; the daemon binds each
// CommandId to its handler.
//
// A container (CLIENT, CONFIG, ...) is an ordinary row; its subcommands are rows whose
// `parent` is the container's id, named "container|sub", placed next to each other in the
// table. Adding a container (ACL, CLUSTER, XINFO, ...) is adding its ids and rows: nothing
// else in this file or in dispatch changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace larder::resp {

// clang-format off
enum class CommandId : uint16_t {
    // Top-level commands.
    ping, echo, get, set, mget, mset, del, exists, incr, incrby, decr, decrby, append, strlen,
    expire, pexpire, expireat, pexpireat, ttl, pttl, persist, type, dbsize, flushall, flushdb,
    select, quit, command, config, info, hello, client, getset, getdel, setnx, setex, psetex,
    msetnx, incrbyfloat, getrange, setrange, unlink, touch, keys, scan, randomkey, rename,
    renamenx, time, lastsave, save, bgsave, shutdown, reset, memory, object, expiretime,
    pexpiretime, getex,
    // Hash commands.
    hset, hsetnx, hget, hmset, hmget, hdel, hlen, hstrlen, hexists, hkeys, hvals, hgetall,
    hincrby, hincrbyfloat, hrandfield, hscan,
    // List commands.
    lpush, rpush, lpushx, rpushx, lpop, rpop, llen, lindex, lset, lrange, ltrim, lrem, linsert,
    lpos, lmove, rpoplpush, lmpop,
    // Set commands.
    sadd, srem, smembers, sismember, smismember, scard, spop, srandmember, smove, sinter,
    sintercard, sinterstore, sunion, sunionstore, sdiff, sdiffstore, sscan,
    // Sorted-set commands.
    zadd, zincrby, zrem, zcard, zscore, zmscore, zrank, zrevrank, zcount, zlexcount, zrange,
    zrangestore, zrangebyscore, zrevrangebyscore, zrangebylex, zrevrangebylex, zrevrange,
    zremrangebyrank, zremrangebyscore, zremrangebylex, zpopmin, zpopmax, zmpop, zrandmember,
    zunion, zunionstore, zinter, zinterstore, zintercard, zdiff, zdiffstore, zscan,
    // String and bitmap commands.
    substr, lcs, getbit, setbit, bitcount, bitpos, bitop, bitfield, bitfield_ro,
    // Keyspace commands.
    copy, move, swapdb, sort, sort_ro, dump, restore,
    // CLIENT subcommands.
    client_caching, client_getname, client_getredir, client_help, client_id, client_info,
    client_kill, client_list, client_no_evict, client_pause, client_reply, client_setname,
    client_setinfo, client_tracking, client_trackinginfo, client_unblock, client_unpause,
    // CONFIG subcommands.
    config_get, config_help, config_resetstat, config_rewrite, config_set,
    // COMMAND subcommands.
    command_count, command_docs, command_getkeys, command_getkeysandflags, command_help,
    command_info, command_list,
    // OBJECT subcommands.
    object_encoding, object_freq, object_help, object_idletime, object_refcount,
    // MEMORY subcommands.
    memory_doctor, memory_help, memory_malloc_stats, memory_purge, memory_stats, memory_usage,
    count_  // keep last
};
// clang-format on

// CommandSpec::parent of a top-level command.
inline constexpr CommandId kNoParent = CommandId::count_;

// Bits of CommandSpec::flags. The names are those COMMAND prints.
enum CommandFlag : uint32_t {
    write = 1u << 0,
    readonly = 1u << 1,
    denyoom = 1u << 2,
    admin = 1u << 3,
    fast = 1u << 4,
    pubsub = 1u << 5,
    noscript = 1u << 6,
    loading = 1u << 7,
    stale = 1u << 8,
    skip_monitor = 1u << 9,
    no_auth = 1u << 10,
    blocking = 1u << 11,
    skip_slowlog = 1u << 12,
    asking = 1u << 13,
    no_mandatory_keys = 1u << 14,
    no_async_loading = 1u << 15,
    no_multi = 1u << 16,
    movablekeys = 1u << 17,
    allow_busy = 1u << 18,
};

// For a key spec with "variable_flags": the flags a key really gets depend on whether
// `keyword` (case-insensitive) appears among the arguments from index `search_from` on, as
// with SET's GET option. Empty `keyword`: the spec's flags are fixed.
struct VariableKeyFlags {
    int search_from = 0;
    std::string_view keyword = {};
    std::string_view with_keyword = {};     // e.g. "RW access update"
    std::string_view without_keyword = {};  // e.g. "OW update"
};

// How a key spec finds its keys ("find_keys" in COMMAND INFO). Both `range` and `keynum`
// begin their search at a fixed argument index ("begin_search: index"); `unknown` is Redis's
// "begin_search: unknown" + "find_keys: unknown": keys the specs cannot locate (SORT's STORE
// and BY/GET), found only by the row's get_keys function.
enum class FindKeys : uint8_t { range, keynum, unknown };

// A Redis 7 key specification. Rows write the range shape as {flags, begin_index, last_key,
// key_step, limit}, and the other shapes with keynum_spec() and unknown_spec().
struct KeySpec {
    std::string_view flags;  // space-separated, as COMMAND prints them: "RW access update"
    int begin_index;         // argv index where the search begins (range: the first key)
    int last_key;  // range: last key relative to begin_index; negative counts from the end
    int key_step;  // range, keynum: distance between keys
    int limit;     // range
    std::string_view notes = {};
    VariableKeyFlags variable = {};
    FindKeys find = FindKeys::range;
    int keynum_index = 0;  // keynum: the argument holding the key count, relative to begin_index
    int keynum_first = 0;  // keynum: the first key, relative to begin_index
};

// "begin_search: index" + "find_keys: keynum": argument begin_index + keynum_index holds a
// count N, and the N keys start at begin_index + first_key, key_step apart (ZUNIONSTORE's
// numkeys, LMPOP's, ...).
constexpr KeySpec keynum_spec(std::string_view flags, int begin_index, int keynum_index,
                              int first_key, int key_step) {
    KeySpec ks{flags, begin_index, 0, key_step, 0};
    ks.find = FindKeys::keynum;
    ks.keynum_index = keynum_index;
    ks.keynum_first = first_key;
    return ks;
}

// "begin_search: unknown" + "find_keys: unknown", with Redis's explanatory notes.
constexpr KeySpec unknown_spec(std::string_view flags, std::string_view notes) {
    KeySpec ks{flags, 0, 0, 0, 0, notes};
    ks.find = FindKeys::unknown;
    return ks;
}

// A key a command call names: its argument index and its flags (space-separated words, as
// in KeySpec::flags, with variable flags resolved for this call).
struct KeyRef {
    size_t index;
    std::string_view flags;
};

// A row's own key finder, for commands whose keys or key flags the specs cannot pin down
// (SORT's STORE destination, BITFIELD's read-only-or-not key). It gets the call as find_keys
// does and appends the keys in argument order; false means the arguments name no valid keys.
using GetKeysFn = bool (*)(std::span<const std::string_view> args, std::vector<KeyRef>& out);

// What COMMAND DOCS says about a row. `group` and `since` are Redis's facts (the command's
// group, the Redis version that added it); `summary` is one line in our own words.
struct CommandDoc {
    std::string_view group;
    std::string_view since;
    std::string_view summary;
};

struct CommandSpec {
    std::string_view name;  // lowercase; a subcommand's is "container|sub"
    int arity;              // > 0: exactly this many args incl. the name(s); < 0: at least -arity
    uint32_t flags;         // CommandFlag bits
    int first_key, last_key, key_step;  // legacy key range; last_key < 0 counts from the end
    CommandId id;
    CommandId parent;                 // the container's id, or kNoParent
    std::string_view acl_categories;  // space-separated, e.g. "@write @string @slow"
    std::string_view tips;            // space-separated, e.g. "nondeterministic_output"
    std::span<const KeySpec> key_specs;
    CommandDoc doc;
    GetKeysFn get_keys = nullptr;  // when set, find_keys uses it instead of the key specs
};

// A top-level command by name: case-insensitive (ASCII), allocation-free, O(1). Subcommand
// rows are not found here ("config|get" is not a command name a client can send).
const CommandSpec* find_command(std::string_view name);
// A container's subcommand by its name as sent ("GET" for "config|get"), case-insensitive,
// through the same index; nullptr for an unknown name or a row that is not a container.
const CommandSpec* find_subcommand(const CommandSpec& container, std::string_view sub);
// Any row by its full name, "get" or "config|get" (COMMAND INFO and COMMAND DOCS accept both),
// case-insensitive.
const CommandSpec* find_command_path(std::string_view full_name);

// In CommandId order: all_commands()[i].id == CommandId(i).
std::span<const CommandSpec> all_commands();
const CommandSpec& command_spec(CommandId id);
// The container's subcommand rows (adjacent in the table); empty for any other row.
std::span<const CommandSpec> subcommands(const CommandSpec& container);
inline bool is_container(const CommandSpec& spec) {
    return !subcommands(spec).empty();
}
// The part after "container|" of a subcommand's name; the whole name of any other row.
std::string_view subcommand_name(const CommandSpec& spec);

bool arity_ok(const CommandSpec& spec, size_t argc);

// Names of the set flags in the order Redis's COMMAND prints them.
std::vector<std::string_view> flag_names(uint32_t flags);

// Whether a row has key arguments at all (key specs, or a legacy key range).
bool has_keys(const CommandSpec& spec);
// The keys of a call of `spec` (args[0] is the command name; a subcommand's call keeps the
// container's name in args[0] and the subcommand in args[1]), found by the row's get_keys
// function if it has one, else by walking its key specs (or, without specs, its legacy range)
// as Redis does. The caller has checked the arity. Returns false, with `out` cleared, when a
// spec's range falls outside the arguments or a key count is not a valid number.
bool find_keys(const CommandSpec& spec, std::span<const std::string_view> args,
               std::vector<KeyRef>& out);

// The name index, for tests: its slot count and how many rows it holds.
struct CommandIndexStats {
    size_t slots;
    size_t rows;
    size_t max_slots_addressable;  // how many rows the slot type could index
};
CommandIndexStats command_index_stats();

}  // namespace larder::resp
