// The RESP command table as data: name, arity, flags, key positions, ACL categories and key
// specs of each command, with Redis 7.0's values. Dispatch, arity errors and COMMAND are all
// driven from it; the daemon binds each CommandId to its handler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace larder::resp {

// clang-format off
enum class CommandId : uint16_t {
    ping, echo, get, set, mget, mset, del, exists, incr, incrby, decr, decrby, append, strlen,
    expire, pexpire, expireat, pexpireat, ttl, pttl, persist, type, dbsize, flushall, flushdb,
    select, quit, command, config, info, hello, client, getset, getdel, setnx, setex, psetex,
    msetnx, incrbyfloat, getrange, setrange, unlink, touch, keys, scan, randomkey, rename,
    renamenx, time, lastsave, save, bgsave, shutdown, reset, memory, object, expiretime,
    pexpiretime, getex,
    count_  // keep last
};
// clang-format on

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

// A Redis 7 key specification of the one shape this table needs: keys found from a fixed
// argument index ("begin_search: index") over a range ("find_keys: range").
struct KeySpec {
    std::string_view flags;  // space-separated, as COMMAND prints them: "RW access update"
    int begin_index;         // argv index of the first key
    int last_key;            // last key relative to begin_index; negative counts from the end
    int key_step;
    int limit;
    std::string_view notes = {};
};

struct CommandSpec {
    std::string_view name;  // lowercase
    int arity;              // > 0: exactly this many args incl. the name; < 0: at least -arity
    uint32_t flags;         // CommandFlag bits
    int first_key, last_key, key_step;  // legacy key range; last_key < 0 counts from the end
    CommandId id;
    std::string_view acl_categories;  // space-separated, e.g. "@write @string @slow"
    std::string_view tips = {};       // space-separated, e.g. "nondeterministic_output"
    std::span<const KeySpec> key_specs = {};
};

// Case-insensitive (ASCII), allocation-free, O(1): one hash of the name and a short probe.
const CommandSpec* find_command(std::string_view name);
// In CommandId order: all_commands()[i].id == CommandId(i).
std::span<const CommandSpec> all_commands();
const CommandSpec& command_spec(CommandId id);

bool arity_ok(const CommandSpec& spec, size_t argc);

// Names of the set flags in the order Redis's COMMAND prints them.
std::vector<std::string_view> flag_names(uint32_t flags);

}  // namespace larder::resp
