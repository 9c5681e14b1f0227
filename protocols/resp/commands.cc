#include "protocols/resp/commands.h"

#include <array>

namespace larder::resp {
namespace {

// Values are Redis 7.0.15's, as its COMMAND INFO reports them. The container commands
// (command, config, client, memory, object) list no subcommands here; the daemon handles
// their subcommands itself.

constexpr KeySpec kRoAccess1[] = {
    {"RO access", 1, 0, 1, 0},
};
constexpr KeySpec kRwAccessUpdateVariableflags1[] = {
    {"RW access update variable_flags", 1, 0, 1, 0,
     "RW and ACCESS due to the optional `GET` argument"},
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

// clang-format off
constexpr CommandSpec kCommands[] = {
    {"ping", -1, fast, 0, 0, 0, CommandId::ping, "@fast @connection",
     "request_policy:all_shards response_policy:all_succeeded", {}},
    {"echo", 2, loading | stale | fast, 0, 0, 0, CommandId::echo, "@fast @connection", "", {}},
    {"get", 2, readonly | fast, 1, 1, 1, CommandId::get, "@read @string @fast", "", kRoAccess1},
    {"set", -3, write | denyoom, 1, 1, 1, CommandId::set, "@write @string @slow", "",
     kRwAccessUpdateVariableflags1},
    {"mget", -2, readonly | fast, 1, -1, 1, CommandId::mget, "@read @string @fast",
     "request_policy:multi_shard", kRoAccess1ToEnd},
    {"mset", -3, write | denyoom, 1, -1, 2, CommandId::mset, "@write @string @slow",
     "request_policy:multi_shard response_policy:all_succeeded", kOwUpdate1ToEndStep2},
    {"del", -2, write, 1, -1, 1, CommandId::del, "@keyspace @write @slow",
     "request_policy:multi_shard response_policy:agg_sum", kRmDelete1ToEnd},
    {"exists", -2, readonly | fast, 1, -1, 1, CommandId::exists, "@keyspace @read @fast",
     "request_policy:multi_shard response_policy:agg_sum", kRo1ToEnd},
    {"incr", 2, write | denyoom | fast, 1, 1, 1, CommandId::incr, "@write @string @fast", "",
     kRwAccessUpdate1},
    {"incrby", 3, write | denyoom | fast, 1, 1, 1, CommandId::incrby, "@write @string @fast", "",
     kRwAccessUpdate1},
    {"decr", 2, write | denyoom | fast, 1, 1, 1, CommandId::decr, "@write @string @fast", "",
     kRwAccessUpdate1},
    {"decrby", 3, write | denyoom | fast, 1, 1, 1, CommandId::decrby, "@write @string @fast", "",
     kRwAccessUpdate1},
    {"append", 3, write | denyoom | fast, 1, 1, 1, CommandId::append, "@write @string @fast", "",
     kRwInsert1},
    {"strlen", 2, readonly | fast, 1, 1, 1, CommandId::strlen, "@read @string @fast", "", kRo1},
    {"expire", -3, write | fast, 1, 1, 1, CommandId::expire, "@keyspace @write @fast", "",
     kRwUpdate1},
    {"pexpire", -3, write | fast, 1, 1, 1, CommandId::pexpire, "@keyspace @write @fast", "",
     kRwUpdate1},
    {"expireat", -3, write | fast, 1, 1, 1, CommandId::expireat, "@keyspace @write @fast", "",
     kRwUpdate1},
    {"pexpireat", -3, write | fast, 1, 1, 1, CommandId::pexpireat, "@keyspace @write @fast", "",
     kRwUpdate1},
    {"ttl", 2, readonly | fast, 1, 1, 1, CommandId::ttl, "@keyspace @read @fast",
     "nondeterministic_output", kRoAccess1},
    {"pttl", 2, readonly | fast, 1, 1, 1, CommandId::pttl, "@keyspace @read @fast",
     "nondeterministic_output", kRoAccess1},
    {"persist", 2, write | fast, 1, 1, 1, CommandId::persist, "@keyspace @write @fast", "",
     kRwUpdate1},
    {"type", 2, readonly | fast, 1, 1, 1, CommandId::type, "@keyspace @read @fast", "", kRo1},
    {"dbsize", 1, readonly | fast, 0, 0, 0, CommandId::dbsize, "@keyspace @read @fast",
     "request_policy:all_shards response_policy:agg_sum", {}},
    {"flushall", -1, write, 0, 0, 0, CommandId::flushall, "@keyspace @write @slow @dangerous",
     "request_policy:all_shards response_policy:all_succeeded", {}},
    {"flushdb", -1, write, 0, 0, 0, CommandId::flushdb, "@keyspace @write @slow @dangerous",
     "request_policy:all_shards response_policy:all_succeeded", {}},
    {"select", 2, loading | stale | fast, 0, 0, 0, CommandId::select, "@fast @connection", "", {}},
    {"quit", -1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0, CommandId::quit,
     "@fast @connection", "", {}},
    {"command", -1, loading | stale, 0, 0, 0, CommandId::command, "@slow @connection",
     "nondeterministic_output_order", {}},
    {"config", -2, 0, 0, 0, 0, CommandId::config, "@slow", "", {}},
    {"info", -1, loading | stale, 0, 0, 0, CommandId::info, "@slow @dangerous",
     "nondeterministic_output request_policy:all_shards response_policy:special", {}},
    {"hello", -1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0,
     CommandId::hello, "@fast @connection", "", {}},
    {"client", -2, 0, 0, 0, 0, CommandId::client, "@slow", "", {}},
    {"getset", 3, write | denyoom | fast, 1, 1, 1, CommandId::getset, "@write @string @fast", "",
     kRwAccessUpdate1},
    {"getdel", 2, write | fast, 1, 1, 1, CommandId::getdel, "@write @string @fast", "",
     kRwAccessDelete1},
    {"setnx", 3, write | denyoom | fast, 1, 1, 1, CommandId::setnx, "@write @string @fast", "",
     kOwInsert1},
    {"setex", 4, write | denyoom, 1, 1, 1, CommandId::setex, "@write @string @slow", "",
     kOwUpdate1},
    {"psetex", 4, write | denyoom, 1, 1, 1, CommandId::psetex, "@write @string @slow", "",
     kOwUpdate1},
    {"msetnx", -3, write | denyoom, 1, -1, 2, CommandId::msetnx, "@write @string @slow",
     "request_policy:multi_shard response_policy:agg_min", kOwInsert1ToEndStep2},
    {"incrbyfloat", 3, write | denyoom | fast, 1, 1, 1, CommandId::incrbyfloat,
     "@write @string @fast", "", kRwAccessUpdate1},
    {"getrange", 4, readonly, 1, 1, 1, CommandId::getrange, "@read @string @slow", "", kRoAccess1},
    {"setrange", 4, write | denyoom, 1, 1, 1, CommandId::setrange, "@write @string @slow", "",
     kRwUpdate1},
    {"unlink", -2, write | fast, 1, -1, 1, CommandId::unlink, "@keyspace @write @fast",
     "request_policy:multi_shard response_policy:agg_sum", kRmDelete1ToEnd},
    {"touch", -2, readonly | fast, 1, -1, 1, CommandId::touch, "@keyspace @read @fast",
     "request_policy:multi_shard response_policy:agg_sum", kRo1ToEnd},
    {"keys", 2, readonly, 0, 0, 0, CommandId::keys, "@keyspace @read @slow @dangerous",
     "request_policy:all_shards nondeterministic_output_order", {}},
    {"scan", -2, readonly, 0, 0, 0, CommandId::scan, "@keyspace @read @slow",
     "nondeterministic_output request_policy:special", {}},
    {"randomkey", 1, readonly, 0, 0, 0, CommandId::randomkey, "@keyspace @read @slow",
     "request_policy:all_shards nondeterministic_output", {}},
    {"rename", 3, write, 1, 2, 1, CommandId::rename, "@keyspace @write @slow", "",
     kRwAccessDelete1_OwUpdate2},
    {"renamenx", 3, write | fast, 1, 2, 1, CommandId::renamenx, "@keyspace @write @fast", "",
     kRwAccessDelete1_OwInsert2},
    {"time", 1, loading | stale | fast, 0, 0, 0, CommandId::time, "@fast",
     "nondeterministic_output", {}},
    {"lastsave", 1, loading | stale | fast, 0, 0, 0, CommandId::lastsave, "@admin @fast @dangerous",
     "nondeterministic_output", {}},
    {"save", 1, admin | noscript | no_async_loading | no_multi, 0, 0, 0, CommandId::save,
     "@admin @slow @dangerous", "", {}},
    {"bgsave", -1, admin | noscript | no_async_loading, 0, 0, 0, CommandId::bgsave,
     "@admin @slow @dangerous", "", {}},
    {"shutdown", -1, admin | noscript | loading | stale | no_multi | allow_busy, 0, 0, 0,
     CommandId::shutdown, "@admin @slow @dangerous", "", {}},
    {"reset", 1, noscript | loading | stale | fast | no_auth | allow_busy, 0, 0, 0,
     CommandId::reset, "@fast @connection", "", {}},
    {"memory", -2, 0, 0, 0, 0, CommandId::memory, "@slow", "", {}},
    {"object", -2, 0, 0, 0, 0, CommandId::object, "@slow", "", {}},
    {"expiretime", 2, readonly | fast, 1, 1, 1, CommandId::expiretime, "@keyspace @read @fast",
     "", kRoAccess1},
    {"pexpiretime", 2, readonly | fast, 1, 1, 1, CommandId::pexpiretime,
     "@keyspace @read @fast", "", kRoAccess1},
    {"getex", -2, write | fast, 1, 1, 1, CommandId::getex, "@write @string @fast", "",
     kRwAccessUpdateTtl1},
};
// clang-format on

static_assert(std::size(kCommands) == static_cast<size_t>(CommandId::count_));
static_assert(
    [] {
        for (size_t i = 0; i < std::size(kCommands); ++i) {
            if (kCommands[i].id != static_cast<CommandId>(i)) return false;
        }
        return true;
    }(),
    "kCommands must be in CommandId order");

constexpr char fold(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// FNV-1a over the case-folded name.
constexpr uint32_t fold_hash(std::string_view s) {
    uint32_t h = 2166136261u;
    for (char c : s) {
        h ^= static_cast<uint8_t>(fold(c));
        h *= 16777619u;
    }
    return h;
}

constexpr bool equal_folded(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (fold(a[i]) != lower[i]) return false;
    }
    return true;
}

constexpr size_t kMaxNameLen = [] {
    size_t m = 0;
    for (const CommandSpec& c : kCommands) m = c.name.size() > m ? c.name.size() : m;
    return m;
}();

// Open addressing with linear probing, built at compile time. Slots hold index + 1 (0 is
// empty); at most half full, so a miss ends after a short probe.
constexpr size_t kSlots = 128;
static_assert(kSlots >= 2 * std::size(kCommands) && (kSlots & (kSlots - 1)) == 0);

constexpr auto kIndex = [] {
    std::array<uint8_t, kSlots> slots{};
    for (size_t i = 0; i < std::size(kCommands); ++i) {
        size_t h = fold_hash(kCommands[i].name) & (kSlots - 1);
        while (slots[h] != 0) h = (h + 1) & (kSlots - 1);
        slots[h] = static_cast<uint8_t>(i + 1);
    }
    return slots;
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

}  // namespace

const CommandSpec* find_command(std::string_view name) {
    if (name.size() > kMaxNameLen) return nullptr;
    for (size_t h = fold_hash(name) & (kSlots - 1);; h = (h + 1) & (kSlots - 1)) {
        const uint8_t slot = kIndex[h];
        if (slot == 0) return nullptr;
        const CommandSpec& spec = kCommands[slot - 1];
        if (equal_folded(name, spec.name)) return &spec;
    }
}

std::span<const CommandSpec> all_commands() {
    return kCommands;
}

const CommandSpec& command_spec(CommandId id) {
    return kCommands[static_cast<size_t>(id)];
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

}  // namespace larder::resp
