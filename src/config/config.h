// The daemon's configuration as typed values, and how it is loaded: defaults from the option
// table (options.h), then a JSON config file, then command-line flags; plus the pieces CONFIG
// GET/SET need (current value as text, validated set).
//
// A Config is a plain value with no locking. Loading happens on the main thread before any
// loop starts; at run time whoever handles CONFIG SET owns publishing the change to other
// threads (e.g. set on a copy, then hand the changed fields to the shards and loops).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/options.h"

namespace larder {

// One listening socket. JSON form (every key but "port" optional):
//   {"port": 6380, "bind": "127.0.0.1", "protocol": "resp", "tls": "on"}
struct ListenerConfig {
    // What a connection on this listener speaks. The auto kinds detect per connection from
    // the first bytes (0x80 → memcached binary, '*' → RESP) and fall back to their text
    // default for anything else; the others pin one protocol.
    enum class Protocol {
        auto_resp,      // "auto-resp": text defaults to RESP inline (6379's behaviour)
        auto_memcache,  // "auto-memcache": text defaults to memcached text (11211's behaviour)
        resp,           // "resp"
        memcache,       // "memcache"
    };

    std::string bind = "127.0.0.1";
    int port = 0;
    Protocol protocol = Protocol::auto_resp;
    bool tls = false;

    bool operator==(const ListenerConfig&) const = default;
};

// The config-file spelling of a protocol ("auto-resp", "memcache", ...).
std::string_view protocol_name(ListenerConfig::Protocol protocol);

// Typed values, one field per option of the table. Default-constructing applies the table's
// defaults, so `Config{}` is exactly what the daemon runs with when given nothing.
struct Config {
    int threads;        // "threads": worker loops; 0 = one per core (worker_threads())
    std::string bind;   // "bind": address of the listeners made from port/memcache-port
    int port;           // "port": RESP listener (text defaults to RESP); 0 = none
    int memcache_port;  // "memcache-port": memcached listener; 0 = none
    std::vector<ListenerConfig> listeners;  // "listeners": when non-empty, replaces the two
                                            // listeners made from bind/port/memcache-port
    uint64_t maxmemory;                     // "maxmemory": bytes; 0 = unlimited
    std::string maxmemory_policy;           // "maxmemory-policy": one of Redis's 8 policies
    uint64_t proto_max_bulk_len;            // "proto-max-bulk-len": largest RESP bulk string
    uint64_t item_size_max;                 // "item-size-max": largest memcached item value
    int shards;                             // "shards": power of two
    int maxclients;                         // "maxclients"
    int tcp_backlog;                        // "tcp-backlog"
    std::string loglevel;                   // "loglevel": debug|verbose|notice|warning
    int databases;                          // "databases": SELECT range (only db 0 holds data)
    std::string requirepass;                // "requirepass": "" = no AUTH needed
    int hz;                                 // "hz": active-expiry cycles per second
    std::string tls_cert_file;              // "tls-cert-file": PEM certificate chain
    std::string tls_key_file;               // "tls-key-file": PEM private key
    std::string memcache_auth_file;         // "memcache-auth-file": user:password lines; "" =
                                            // memcached clients need no login

    Config();
    bool operator==(const Config&) const = default;
};

// Outcome of loading. When !ok, `error` is one line naming the offending key, e.g.
//   config: unknown option 'maxmemroy' (did you mean 'maxmemory'?)
//   config: option 'threads' expects an integer, got "abc"
//   config: option 'port' must be between 0 and 65535, got 70000
//   config: requirepass: AUTH is not available yet; refusing a password that would not be
//   enforced
// and `config` holds whatever was applied before the error (do not run with it).
struct LoadResult {
    bool ok = false;
    std::string error;
    bool show_help = false;     // -h/--help seen: print help_text() and exit 0
    bool show_version = false;  // -V/--version (or -v alone) seen: print the version, exit 0
    // --check-config FILE seen: validate only. Print `warnings`, then "config OK" (exit 0) or
    // `error` (exit 2); never start the server.
    bool check_only = false;
    // Lines to print to stderr before starting (or checking), each "config: ...": e.g. the
    // directives of a redis.conf that Larder does not implement. Empty for a JSON config.
    std::vector<std::string> warnings;
    Config config;
};

// Parses argv (argv[0] skipped): --config PATH, --NAME VALUE and --NAME=VALUE for every option
// (also -X VALUE / -XVALUE for options with a short flag), -h/--help, -V/--version (-v alone
// too, as redis-server -v), and the drop-in forms (docs/configuration.md, "Drop-in"):
// memcached's single-letter flags (memcached_flags.cc), a redis.conf file given as a
// positional PATH.conf or with --config (redis_conf.cc; a file whose first character is '{'
// is JSON whatever its name), --strict-config (a redis.conf directive Larder does not
// implement is an error instead of a warning) and --check-config PATH (sets check_only).
// With a redis.conf, `--NAME ARG...` for a directive that is not an option (--daemonize no,
// --supervised systemd) is applied after the file, as redis-server does.
// An error may span several lines when a redis.conf has several refused directives; each
// line starts with "config: ".
// Precedence: table defaults < config file < command line (later flags win). Help and version
// are reported through the result, never by exiting; when either is present nothing else is
// parsed. Errors in the config file name the file: "config: /etc/larder.json: option ...".
// After all sources: the cross-option rules, then failing closed — a value that asks for a
// protection this build cannot give (options marked OptionSecurity::refused_until_available:
// a non-empty requirepass, tls-cert-file or tls-key-file, a listener with tls on) is an error.
LoadResult load_config(int argc, const char* const* argv);

// Applies a JSON config document (an object whose keys are option names) on top of `base`,
// then the same final checks as load_config (cross-option rules, failing closed). Comments are
// allowed.
LoadResult load_config_from_json(std::string_view json_text, Config base);

// Usage text generated from the table: every option with its flag, type, default, range or
// choices, and whether CONFIG SET can change it.
std::string help_text(std::string_view program);

// CONFIG GET: the current value as text in the form CONFIG SET and the command line accept
// back (memory as plain bytes like Redis, booleans as yes/no, listeners as compact JSON).
std::string option_value(const Config& config, const OptionSpec& option);

// CONFIG SET (runtime = true) or a startup override (runtime = false): parses and checks
// `value` and stores it in `config`. On failure returns Redis 7's error text, e.g.
//   ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'
//   ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a
//   memory value
//   ERR CONFIG SET failed (possibly related to argument 'threads') - can't set immutable config
//   ERR CONFIG SET failed (possibly related to argument 'requirepass') - AUTH is not available
//   yet; refusing a password that would not be enforced
// and leaves `config` unchanged. With runtime = true a value that asks for a protection this
// build cannot give is refused (as loading refuses it); with runtime = false the value is only
// parsed and stored, and whoever loads must run the final checks (load_config does). Cross-
// option rules are not re-checked: no runtime-settable option takes part in one. Redis applies
// a multi-pair CONFIG SET all-or-nothing; do that by setting on a copy.
std::optional<std::string> set_option(Config& config, std::string_view name, std::string_view value,
                                      bool runtime);

// The listeners to open: `listeners` when given, else one auto-resp listener on bind:port and
// one auto-memcache listener on bind:memcache-port (each only when its port is not 0).
std::vector<ListenerConfig> effective_listeners(const Config& config);

// Worker loop count: `threads`, or the number of cores when it is 0 (at least 1).
unsigned worker_threads(const Config& config);

// Value parsers shared with the table, exposed for callers that take the same syntax.
std::optional<uint64_t> parse_memory(std::string_view text);  // nullopt: malformed or overflow
std::optional<bool> parse_bool(std::string_view text);        // yes/no, on/off, true/false

}  // namespace larder
