// The option table itself. Adding an option = one entry here + one Config field (config.h) +
// one row in docs/configuration.md (a unit test checks the docs row). An option that promises
// a protection or a limit also gets a security marking here and a test in
// tests/integration/test_security_options.py.
#include "src/config/options.h"

#include <array>
#include <climits>

#include "src/base/ascii.h"
#include "src/config/config.h"

namespace larder {
namespace {

constexpr int64_t kKiB = 1024;
constexpr int64_t kMiB = 1024 * kKiB;
constexpr int64_t kGiB = 1024 * kMiB;

// Redis's eviction policies, in Redis's own order (its CONFIG SET error lists them so).
constexpr std::string_view kEvictionPolicies[] = {
    "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
    "allkeys-lru",  "allkeys-lfu",  "allkeys-random",  "noeviction",
};

constexpr std::string_view kLogLevels[] = {"debug", "verbose", "notice", "warning"};

constexpr OptionSpec kOptions[] = {
    {.name = "threads",
     .type = OptionType::integer,
     .default_value = "0",
     .description = "Worker threads (event loops); 0 = one per CPU core.",
     .min = 0,
     .max = 1024,
     .short_flag = 't',
     .field = &Config::threads},
    {.name = "bind",
     .type = OptionType::string,
     .default_value = "127.0.0.1",
     .description = "Address the listeners made from port and memcache-port bind to.",
     .constraint = OptionConstraint::non_empty,
     .security = OptionSecurity::enforced,
     .security_note = "the listeners made from port and memcache-port accept connections on "
                      "this address only",
     .field = &Config::bind},
    {.name = "port",
     .type = OptionType::integer,
     .default_value = "6379",
     .description = "TCP port of the RESP listener; 0 = none.",
     .min = 0,
     .max = 65535,
     .field = &Config::port},
    {.name = "memcache-port",
     .type = OptionType::integer,
     .default_value = "11211",
     .description = "TCP port of the memcached listener; 0 = none.",
     .min = 0,
     .max = 65535,
     .short_flag = 'p',  // memcached's -p
     .field = &Config::memcache_port},
    {.name = "listeners",
     .type = OptionType::listeners,
     .default_value = "[]",
     .description =
         "Explicit listeners (JSON array); when non-empty, replaces port and memcache-port.",
     .security = OptionSecurity::refused_until_available,
     .security_note = "a listener with tls on is refused (TLS is not available in this build "
                      "yet); each listener's bind is enforced",
     .field = &Config::listeners},
    {.name = "maxmemory",
     .type = OptionType::memory,
     .default_value = "0",
     .description = "Memory limit for stored data (evicting per maxmemory-policy); 0 = unlimited.",
     .min = 0,
     .max = INT64_MAX,
     .runtime_settable = true,
     .security = OptionSecurity::enforced,
     .security_note = "a write past the limit evicts per maxmemory-policy, or fails with the "
                      "peer's out-of-memory error under noeviction",
     .field = &Config::maxmemory},
    // Redis defaults to noeviction, but Larder is a cache that memcached clients use too, and
    // they expect a full cache to drop old items, not to refuse writes.
    {.name = "maxmemory-policy",
     .type = OptionType::enumeration,
     .default_value = "allkeys-lru",
     .description = "What to evict when maxmemory is reached.",
     .choices = kEvictionPolicies,
     .runtime_settable = true,
     .field = &Config::maxmemory_policy},
    // Not runtime-settable (Redis allows it): parsers take their limit when a connection opens.
    {.name = "proto-max-bulk-len",
     .type = OptionType::memory,
     .default_value = "512mb",
     .description = "Largest RESP bulk string a client may send.",
     .min = kMiB,
     .max = INT64_MAX,
     .security = OptionSecurity::enforced,
     .security_note = "a longer bulk string is refused with Redis's protocol error and the "
                      "connection is closed",
     .field = &Config::proto_max_bulk_len},
    // memcached's -I; its "1m" means 1 MiB, hence "1mb" in Redis units.
    {.name = "item-size-max",
     .type = OptionType::memory,
     .default_value = "1mb",
     .description = "Largest memcached item value (memcached's -I).",
     .min = kKiB,
     .max = kGiB,
     .short_flag = 'I',
     .security = OptionSecurity::enforced,
     .security_note = "a larger item is refused with memcached's object-too-large error",
     .field = &Config::item_size_max},
    {.name = "shards",
     .type = OptionType::integer,
     .default_value = "256",
     .description = "Keyspace shards, each with its own lock; a power of two.",
     .min = 1,
     .max = 65536,
     .constraint = OptionConstraint::power_of_two,
     .field = &Config::shards},
    {.name = "maxclients",
     .type = OptionType::integer,
     .default_value = "10000",
     .description = "Most client connections open at once; more are refused.",
     .min = 1,
     .max = INT_MAX,
     .runtime_settable = true,
     .short_flag = 'c',
     .security = OptionSecurity::enforced,
     .security_note = "a connection past the limit, counted over all worker threads, gets the "
                      "peer's too-many-clients line and is closed",
     .field = &Config::maxclients},
    {.name = "tcp-backlog",
     .type = OptionType::integer,
     .default_value = "511",
     .description = "listen() backlog of each listener (the kernel caps it at somaxconn).",
     .min = 1,
     .max = INT_MAX,
     .short_flag = 'b',
     .field = &Config::tcp_backlog},
    {.name = "loglevel",
     .type = OptionType::enumeration,
     .default_value = "notice",
     .description = "Least severe log level written to stderr.",
     .choices = kLogLevels,
     .runtime_settable = true,
     .field = &Config::loglevel},
    {.name = "databases",
     .type = OptionType::integer,
     .default_value = "16",
     .description = "Number of databases SELECT accepts (only database 0 holds data for now).",
     .min = 1,
     .max = INT_MAX,
     .field = &Config::databases},
    {.name = "requirepass",
     .type = OptionType::string,
     .default_value = "",
     .description = "Password clients must give with AUTH; empty = no password.",
     .runtime_settable = true,
     .security = OptionSecurity::refused_until_available,
     .security_note = "AUTH is not available yet; refusing a password that would not be "
                      "enforced",
     .field = &Config::requirepass},
    {.name = "hz",
     .type = OptionType::integer,
     .default_value = "10",
     .description = "Active expiry cycles per second.",
     .min = 1,
     .max = 500,
     .runtime_settable = true,
     .field = &Config::hz},
    {.name = "tls-cert-file",
     .type = OptionType::string,
     .default_value = "",
     .description = "PEM certificate chain for listeners with tls on.",
     .security = OptionSecurity::refused_until_available,
     .security_note = "TLS is not available in this build yet; refusing a certificate that "
                      "would not be used",
     .field = &Config::tls_cert_file},
    {.name = "tls-key-file",
     .type = OptionType::string,
     .default_value = "",
     .description = "PEM private key for listeners with tls on.",
     .security = OptionSecurity::refused_until_available,
     .security_note = "TLS is not available in this build yet; refusing a key that would not "
                      "be used",
     .field = &Config::tls_key_file},
    // memcached's -Y file format; one file serves both of memcached's login methods.
    {.name = "memcache-auth-file",
     .type = OptionType::string,
     .default_value = "",
     .description = "memcached logins (user:password lines, memcached's -Y); when set, "
                    "memcached clients must log in (text: the set-command login; binary: "
                    "SASL PLAIN).",
     .short_flag = 'Y',
     .security = OptionSecurity::enforced,
     .security_note = "memcached clients that have not logged in are refused",
     .field = &Config::memcache_auth_file},
};

// Table rules checked when compiling, so a mistyped entry never reaches a user.
consteval bool table_is_consistent() {
    for (size_t i = 0; i < std::size(kOptions); ++i) {
        const OptionSpec& o = kOptions[i];
        size_t want = 0;
        switch (o.type) {
            case OptionType::integer:
                want = 0;
                break;
            case OptionType::memory:
                want = 1;
                break;
            case OptionType::string:
            case OptionType::enumeration:
                want = 2;
                break;
            case OptionType::boolean:
                want = 3;
                break;
            case OptionType::listeners:
                want = 4;
                break;
        }
        if (o.field.index() != want) return false;
        if (o.name.empty() || o.description.empty()) return false;
        if (o.type == OptionType::integer && (o.min < INT_MIN || o.max > INT_MAX)) return false;
        if (o.type == OptionType::memory && o.min < 0) return false;
        if ((o.type == OptionType::integer || o.type == OptionType::memory) && o.min > o.max)
            return false;
        if ((o.type == OptionType::enumeration) != !o.choices.empty()) return false;
        if (o.short_flag == 'h' || o.short_flag == 'v') return false;  // help, version
        if ((o.security == OptionSecurity::none) != o.security_note.empty()) return false;
        if (o.security == OptionSecurity::refused_until_available && o.type != OptionType::string &&
            o.type != OptionType::listeners)
            return false;
        // A refused option's default must ask for nothing, or Config{} could never load.
        if (o.security == OptionSecurity::refused_until_available &&
            o.default_value != (o.type == OptionType::string ? "" : "[]"))
            return false;
        for (size_t j = 0; j < i; ++j) {
            if (kOptions[j].name == o.name) return false;
            if (o.short_flag != 0 && kOptions[j].short_flag == o.short_flag) return false;
        }
    }
    return true;
}
static_assert(table_is_consistent(),
              "option table: type/field mismatch, bad range, duplicate or bad security marking");

}  // namespace

std::span<const OptionSpec> all_options() {
    return kOptions;
}

const OptionSpec* find_option(std::string_view name) {
    for (const OptionSpec& o : kOptions) {
        if (base::equals_ci(o.name, name)) return &o;
    }
    return nullptr;
}

const OptionSpec* find_short_option(char flag) {
    if (flag == 0) return nullptr;
    for (const OptionSpec& o : kOptions) {
        if (o.short_flag == flag) return &o;
    }
    return nullptr;
}

std::string_view option_type_name(OptionType type) {
    switch (type) {
        case OptionType::boolean:
            return "boolean";
        case OptionType::integer:
            return "integer";
        case OptionType::memory:
            return "memory";
        case OptionType::string:
            return "string";
        case OptionType::enumeration:
            return "enum";
        case OptionType::listeners:
            return "listeners";
    }
    return "?";
}

std::string_view option_security_name(OptionSecurity security) {
    switch (security) {
        case OptionSecurity::none:
            return "";
        case OptionSecurity::enforced:
            return "enforced";
        case OptionSecurity::refused_until_available:
            return "refused until available";
    }
    return "?";
}

}  // namespace larder
