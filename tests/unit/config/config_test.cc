// Configuration: the option table, defaults, JSON file and command-line loading and their
// precedence, every error message kind, memory units, CONFIG GET/SET round trips, Redis glob
// matching, and that --help and docs/configuration.md cover the whole table.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "src/base/glob.h"
#include "src/config/config.h"
#include "src/config/options.h"
#include "tests/unit/config/config_harness.h"

namespace larder {
namespace {

using testing::json_error;
using testing::load_args;
using testing::load_json;
using testing::TempFile;

// ---- the table ---------------------------------------------------------------------------

TEST(OptionTable, NamesAreUniqueLowercaseAndFindable) {
    std::set<std::string_view> names;
    for (const OptionSpec& spec : all_options()) {
        EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
        for (char c : spec.name) EXPECT_TRUE(std::islower(c) || c == '-') << spec.name;
        EXPECT_EQ(find_option(spec.name), &spec);
        if (spec.short_flag != 0) {
            EXPECT_EQ(find_short_option(spec.short_flag), &spec);
        }
    }
    EXPECT_EQ(find_option("MaxMemory"), find_option("maxmemory"));
    EXPECT_EQ(find_option("nosuch"), nullptr);
    EXPECT_EQ(find_option(""), nullptr);
    EXPECT_EQ(find_short_option('t')->name, "threads");
    EXPECT_EQ(find_short_option('z'), nullptr);
    EXPECT_EQ(find_short_option(0), nullptr);
}

TEST(OptionTable, RuntimeSettableSet) {
    std::set<std::string_view> runtime;
    for (const OptionSpec& spec : all_options()) {
        if (spec.runtime_settable) runtime.insert(spec.name);
    }
    EXPECT_EQ(runtime, (std::set<std::string_view>{"maxmemory", "maxmemory-policy", "maxclients",
                                                   "loglevel", "requirepass", "hz"}));
}

// ---- defaults ----------------------------------------------------------------------------

TEST(ConfigDefaults, MatchTheDocumentedValues) {
    Config c;
    EXPECT_EQ(c.threads, 0);
    EXPECT_EQ(c.bind, "127.0.0.1");
    EXPECT_EQ(c.port, 6379);
    EXPECT_EQ(c.memcache_port, 11211);
    EXPECT_TRUE(c.listeners.empty());
    EXPECT_EQ(c.maxmemory, 0u);
    EXPECT_EQ(c.maxmemory_policy, "allkeys-lru");
    EXPECT_EQ(c.proto_max_bulk_len, 512u * 1024 * 1024);
    EXPECT_EQ(c.item_size_max, 1024u * 1024);
    EXPECT_EQ(c.shards, 256);
    EXPECT_EQ(c.maxclients, 10000);
    EXPECT_EQ(c.tcp_backlog, 511);
    EXPECT_EQ(c.loglevel, "notice");
    EXPECT_EQ(c.databases, 16);
    EXPECT_EQ(c.requirepass, "");
    EXPECT_EQ(c.hz, 10);
    EXPECT_EQ(c.tls_cert_file, "");
    EXPECT_EQ(c.tls_key_file, "");
}

TEST(ConfigDefaults, NoArgumentsGivesDefaults) {
    LoadResult r = load_args({});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.show_help);
    EXPECT_FALSE(r.show_version);
    EXPECT_EQ(r.config, Config{});
}

TEST(ConfigDefaults, EmptyJsonObjectGivesDefaults) {
    LoadResult r = load_json("{}");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config, Config{});
}

TEST(ConfigDefaults, DefaultListenersAutoDetect) {
    std::vector<ListenerConfig> listeners = effective_listeners(Config{});
    ASSERT_EQ(listeners.size(), 2u);
    EXPECT_EQ(listeners[0],
              (ListenerConfig{"127.0.0.1", 6379, ListenerConfig::Protocol::auto_resp, false}));
    EXPECT_EQ(listeners[1],
              (ListenerConfig{"127.0.0.1", 11211, ListenerConfig::Protocol::auto_memcache, false}));
}

TEST(ConfigDefaults, PortZeroDropsThatListener) {
    LoadResult r = load_json(R"({"port": 0, "bind": "0.0.0.0"})");
    ASSERT_TRUE(r.ok) << r.error;
    std::vector<ListenerConfig> listeners = effective_listeners(r.config);
    ASSERT_EQ(listeners.size(), 1u);
    EXPECT_EQ(listeners[0].port, 11211);
    EXPECT_EQ(listeners[0].bind, "0.0.0.0");
}

TEST(ConfigDefaults, WorkerThreads) {
    Config c;
    EXPECT_GE(worker_threads(c), 1u);
    c.threads = 3;
    EXPECT_EQ(worker_threads(c), 3u);
}

// ---- JSON file ---------------------------------------------------------------------------

TEST(ConfigJson, ParsesEveryKindOfValue) {
    LoadResult r = load_json(R"({
        // comments are allowed
        "threads": 4,
        "bind": "0.0.0.0",
        "port": "6380",
        "memcache-port": 0,
        "maxmemory": "2gb",
        "maxmemory-policy": "VOLATILE-TTL",
        "proto-max-bulk-len": 1048576,
        "item-size-max": "4mb",
        "shards": 1024,
        "maxclients": 50,
        "tcp-backlog": 128,
        "loglevel": "warning",
        "databases": 1,
        "hz": 100,
        "memcache-auth-file": "/etc/larder/logins"
    })");
    ASSERT_TRUE(r.ok) << r.error;
    const Config& c = r.config;
    EXPECT_EQ(c.threads, 4);
    EXPECT_EQ(c.bind, "0.0.0.0");
    EXPECT_EQ(c.port, 6380);
    EXPECT_EQ(c.memcache_port, 0);
    EXPECT_EQ(c.maxmemory, 2ull << 30);
    EXPECT_EQ(c.maxmemory_policy, "volatile-ttl");  // stored in the table's spelling
    EXPECT_EQ(c.proto_max_bulk_len, 1u << 20);
    EXPECT_EQ(c.item_size_max, 4u << 20);
    EXPECT_EQ(c.shards, 1024);
    EXPECT_EQ(c.maxclients, 50);
    EXPECT_EQ(c.tcp_backlog, 128);
    EXPECT_EQ(c.loglevel, "warning");
    EXPECT_EQ(c.databases, 1);
    EXPECT_EQ(c.hz, 100);
    EXPECT_EQ(c.memcache_auth_file, "/etc/larder/logins");
    // requirepass, tls-cert-file, tls-key-file: refused when non-empty until AUTH and TLS
    // exist; their parsing is checked in security_options_test.cc.
}

TEST(ConfigJson, AppliesOnTopOfBase) {
    Config base;
    base.threads = 7;
    base.hz = 20;
    LoadResult r = load_config_from_json(R"({"hz": 50})", base);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.threads, 7);
    EXPECT_EQ(r.config.hz, 50);
}

TEST(ConfigJson, KeysAreCaseInsensitive) {
    LoadResult r = load_json(R"({"MaxMemory": "1kb"})");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.maxmemory, 1024u);
}

TEST(ConfigJson, Listeners) {
    // "tls" on is parsed, then refused until TLS exists: see security_options_test.cc.
    LoadResult r = load_json(R"({
        "listeners": [
            {"port": 6380, "protocol": "resp"},
            {"port": 6390, "protocol": "auto-memcache", "bind": "::1", "tls": "off"},
            {"port": "11212", "protocol": "memcache", "tls": false},
            {"port": 7000}
        ]})");
    ASSERT_TRUE(r.ok) << r.error;
    using P = ListenerConfig::Protocol;
    std::vector<ListenerConfig> want = {
        {"127.0.0.1", 6380, P::resp, false},
        {"::1", 6390, P::auto_memcache, false},
        {"127.0.0.1", 11212, P::memcache, false},
        {"127.0.0.1", 7000, P::auto_resp, false},
    };
    EXPECT_EQ(r.config.listeners, want);
    EXPECT_EQ(effective_listeners(r.config), want);  // explicit listeners replace the defaults
}

TEST(ConfigJson, ListenersMayReuseDefaultPorts) {
    // The explicit list replaces port/memcache-port, so 6379 is free to use.
    LoadResult r = load_json(R"({"listeners": [{"port": 6379, "protocol": "resp"}]})");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(effective_listeners(r.config).size(), 1u);
}

TEST(ConfigJson, MemoryUnitsAsNumbersOrStrings) {
    EXPECT_EQ(load_json(R"({"maxmemory": 1073741824})").config.maxmemory, 1073741824u);
    EXPECT_EQ(load_json(R"({"maxmemory": "1gb"})").config.maxmemory, 1073741824u);
    EXPECT_EQ(load_json(R"({"maxmemory": "1g"})").config.maxmemory, 1000000000u);
    EXPECT_EQ(load_json(R"({"maxmemory": "512MB"})").config.maxmemory, 512u << 20);
}

// ---- errors: one line, naming the key ----------------------------------------------------

TEST(ConfigErrors, UnknownOption) {
    EXPECT_EQ(json_error(R"({"maxmemroy": 1})"),
              "config: unknown option 'maxmemroy' (did you mean 'maxmemory'?)");
    EXPECT_EQ(json_error(R"({"zzzzzzzz": 1})"), "config: unknown option 'zzzzzzzz'");
    EXPECT_EQ(json_error(R"({"bad\nkey": 1})"), "config: unknown option 'bad\\nkey'");
}

TEST(ConfigErrors, WrongType) {
    EXPECT_EQ(json_error(R"({"threads": "abc"})"),
              "config: option 'threads' expects an integer, got \"abc\"");
    EXPECT_EQ(json_error(R"({"threads": 1.5})"),
              "config: option 'threads' expects an integer, got 1.5");
    EXPECT_EQ(json_error(R"({"threads": true})"),
              "config: option 'threads' expects an integer, got true");
    EXPECT_EQ(json_error(R"({"threads": null})"),
              "config: option 'threads' expects an integer, got null");
    EXPECT_EQ(json_error(R"({"requirepass": 5})"),
              "config: option 'requirepass' expects a string, got 5");
    EXPECT_EQ(json_error(R"({"loglevel": 3})"),
              "config: option 'loglevel' must be one of debug, verbose, notice, warning; got 3");
    EXPECT_EQ(json_error(R"({"maxmemory": -1})"),
              "config: option 'maxmemory' expects a memory size (bytes, or a number with unit k, "
              "kb, m, mb, g, gb), got -1");
    EXPECT_EQ(json_error(R"({"maxmemory": "1.5gb"})"),
              "config: option 'maxmemory' expects a memory size (bytes, or a number with unit k, "
              "kb, m, mb, g, gb), got \"1.5gb\"");
}

TEST(ConfigErrors, OutOfRange) {
    EXPECT_EQ(json_error(R"({"port": 70000})"),
              "config: option 'port' must be between 0 and 65535, got 70000");
    EXPECT_EQ(json_error(R"({"port": -1})"),
              "config: option 'port' must be between 0 and 65535, got -1");
    EXPECT_EQ(json_error(R"({"hz": "99999999999999999999"})"),
              "config: option 'hz' must be between 1 and 500, got 99999999999999999999");
    EXPECT_EQ(json_error(R"({"item-size-max": "2gb"})"),
              "config: option 'item-size-max' must be between 1kb and 1gb, got 2gb");
    EXPECT_EQ(json_error(R"({"proto-max-bulk-len": "1kb"})"),
              "config: option 'proto-max-bulk-len' must be at least 1mb, got 1kb");
    EXPECT_EQ(json_error(R"({"maxmemory": "99999999999gb"})"),
              "config: option 'maxmemory' must be at most 9223372036854775807, got 99999999999gb");
    EXPECT_EQ(json_error(R"({"maxmemory": 18446744073709551615})"),
              "config: option 'maxmemory' must be at most 9223372036854775807, got "
              "18446744073709551615");
}

TEST(ConfigErrors, Choice) {
    EXPECT_EQ(json_error(R"({"maxmemory-policy": "lru"})"),
              "config: option 'maxmemory-policy' must be one of volatile-lru, volatile-lfu, "
              "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, "
              "noeviction; got \"lru\"");
}

TEST(ConfigErrors, Constraints) {
    EXPECT_EQ(json_error(R"({"shards": 100})"),
              "config: option 'shards' must be a power of two, got 100");
    EXPECT_EQ(json_error(R"({"shards": 0})"),
              "config: option 'shards' must be between 1 and 65536, got 0");
    EXPECT_EQ(json_error(R"({"bind": ""})"), "config: option 'bind' must not be empty");
}

TEST(ConfigErrors, Listeners) {
    EXPECT_EQ(json_error(R"({"listeners": {"port": 1}})"),
              "config: option 'listeners' expects a JSON array of listener objects, got "
              "{\"port\":1}");
    EXPECT_EQ(json_error(R"({"listeners": [6380]})"),
              "config: option 'listeners' entry 0: expects an object, got 6380");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1}, {"port": 2, "prot": "resp"}]})"),
              "config: option 'listeners' entry 1: unknown key 'prot' (keys: port, bind, "
              "protocol, tls)");
    EXPECT_EQ(json_error(R"({"listeners": [{"protocol": "resp"}]})"),
              "config: option 'listeners' entry 0: needs a 'port'");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 0}]})"),
              "config: option 'listeners' entry 0: 'port' must be between 1 and 65535, got 0");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": "x"}]})"),
              "config: option 'listeners' entry 0: 'port' expects an integer, got \"x\"");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "bind": ""}]})"),
              "config: option 'listeners' entry 0: 'bind' expects an address, got \"\"");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "protocol": "http"}]})"),
              "config: option 'listeners' entry 0: 'protocol' must be one of auto-resp, "
              "auto-memcache, resp, memcache; got \"http\"");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "tls": 1}]})"),
              "config: option 'listeners' entry 0: 'tls' expects yes or no, got 1");
}

TEST(ConfigErrors, CrossOptionRules) {
    EXPECT_EQ(json_error(R"({"port": 0, "memcache-port": 0})"),
              "config: no listeners: 'port' and 'memcache-port' are 0 and 'listeners' is empty");
    EXPECT_EQ(json_error(R"({"memcache-port": 6379})"),
              "config: options 'port' and 'memcache-port' are both 6379");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1}, {"port": 2}, {"port": 1}]})"),
              "config: option 'listeners' entries 0 and 2 both listen on 127.0.0.1:1");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "tls": "on"}], "tls-cert-file": "c"})"),
              "config: option 'listeners' entry 0 has tls on, which needs 'tls-cert-file' and "
              "'tls-key-file'");
}

TEST(ConfigErrors, DocumentShape) {
    std::string error = json_error(R"({"threads": 4,})");
    EXPECT_EQ(error.rfind("config: invalid JSON: parse error at line 1, column 15", 0), 0u)
        << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
    EXPECT_EQ(json_error("[1]"),
              "config: expected a JSON object of option names to values, got array");
    EXPECT_EQ(json_error(R"({"hz": 5, "hz": 6})"), "config: option 'hz' is given twice");
    EXPECT_EQ(json_error(R"({"hz": 5, "HZ": 6})"), "config: option 'HZ' is given twice");
    EXPECT_EQ(json_error(R"({"listeners": [{"port": 1, "port": 2}]})"),
              "config: key 'port' is given twice in one object");
    // The same key in two different objects is fine.
    EXPECT_TRUE(load_json(R"({"listeners": [{"port": 1}, {"port": 2}]})").ok);
}

TEST(ConfigErrors, FailedLoadDoesNotReportOk) {
    LoadResult r = load_json(R"({"hz": 5, "port": "x"})");
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
}

// ---- command line ------------------------------------------------------------------------

TEST(ConfigCommandLine, AllFlagForms) {
    LoadResult r = load_args({"--threads", "3", "--maxmemory=2mb", "-c", "77", "-b64", "-I=2mb",
                              "--LogLevel", "debug", "--memcache-auth-file=a=b"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.threads, 3);
    EXPECT_EQ(r.config.maxmemory, 2u << 20);
    EXPECT_EQ(r.config.maxclients, 77);
    EXPECT_EQ(r.config.tcp_backlog, 64);
    EXPECT_EQ(r.config.item_size_max, 2u << 20);
    EXPECT_EQ(r.config.loglevel, "debug");
    EXPECT_EQ(r.config.memcache_auth_file, "a=b");  // only the first '=' splits
}

TEST(ConfigCommandLine, ValueMayStartWithDash) {
    LoadResult r = load_args({"--memcache-auth-file", "-logins-"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.config.memcache_auth_file, "-logins-");
}

TEST(ConfigCommandLine, ListenersAsJsonText) {
    LoadResult r = load_args({"--listeners", R"([{"port": 7001, "protocol": "memcache"}])"});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.config.listeners.size(), 1u);
    EXPECT_EQ(r.config.listeners[0].port, 7001);
    EXPECT_EQ(r.config.listeners[0].protocol, ListenerConfig::Protocol::memcache);
}

TEST(ConfigCommandLine, HelpAndVersionWinOverEverything) {
    LoadResult help = load_args({"--threads", "abc", "--help"});
    EXPECT_TRUE(help.ok);
    EXPECT_TRUE(help.show_help);
    EXPECT_TRUE(load_args({"-h"}).show_help);
    LoadResult version = load_args({"-v"});
    EXPECT_TRUE(version.ok);
    EXPECT_TRUE(version.show_version);
    EXPECT_FALSE(version.show_help);
    EXPECT_TRUE(load_args({"--nosuch", "--version"}).show_version);
}

TEST(ConfigCommandLine, Errors) {
    EXPECT_EQ(load_args({"--maxmemroy", "1"}).error,
              "config: unknown option '--maxmemroy' (did you mean '--maxmemory'?)");
    EXPECT_EQ(load_args({"-x", "1"}).error, "config: unknown option '-x'");
    EXPECT_EQ(load_args({"--threads"}).error, "config: option 'threads' needs a value");
    EXPECT_EQ(load_args({"--config"}).error, "config: option 'config' needs a value");
    EXPECT_EQ(load_args({"redis.conf"}).error,
              "config: unexpected argument \"redis.conf\" (options are --NAME VALUE; see --help)");
    EXPECT_EQ(load_args({"--"}).error,
              "config: unexpected argument \"--\" (options are --NAME VALUE; see --help)");
    EXPECT_EQ(load_args({"--threads", "x"}).error,
              "config: option 'threads' expects an integer, got \"x\"");
    EXPECT_EQ(load_args({"--port", "70000"}).error,
              "config: option 'port' must be between 0 and 65535, got 70000");
    EXPECT_EQ(load_args({"--port", "0", "--memcache-port", "0"}).error,
              "config: no listeners: 'port' and 'memcache-port' are 0 and 'listeners' is empty");
    EXPECT_EQ(load_args({"--config", "a.json", "--config", "b.json"}).error,
              "config: --config is given twice");
    EXPECT_FALSE(load_args({"--threads", "x"}).ok);
}

TEST(ConfigCommandLine, MissingFileNamesIt) {
    LoadResult r = load_args({"--config", "/nonexistent/larder.json"});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error,
              "config: cannot read config file \"/nonexistent/larder.json\": No such file or "
              "directory");
}

TEST(ConfigCommandLine, FileErrorsNameTheFile) {
    TempFile file(R"({"threads": "many"})");
    EXPECT_EQ(load_args({"--config", file.path()}).error,
              "config: " + file.path() + ": option 'threads' expects an integer, got \"many\"");
}

// ---- precedence: defaults < file < command line ------------------------------------------

TEST(ConfigPrecedence, CommandLineOverridesFileOverridesDefaults) {
    TempFile file(R"({"threads": 4, "maxmemory": "1gb", "hz": 20})");
    for (auto args : std::vector<std::vector<std::string>>{
             {"--config", file.path(), "--threads", "8"},
             {"--threads", "8", "--config", file.path()},  // flags win wherever --config is
             {"--threads=2", "--config=" + file.path(), "-t", "8"},  // later flag wins
         }) {
        LoadResult r = load_args(args);
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.config.threads, 8);           // command line
        EXPECT_EQ(r.config.maxmemory, 1u << 30);  // file
        EXPECT_EQ(r.config.hz, 20);               // file
        EXPECT_EQ(r.config.port, 6379);           // default
    }
}

TEST(ConfigPrecedence, CrossRulesSeeTheFinalValues) {
    // The file alone has no listeners; the command line gives one back.
    TempFile file(R"({"port": 0, "memcache-port": 0})");
    LoadResult r = load_args({"--config", file.path(), "--port", "6400"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(effective_listeners(r.config).size(), 1u);
}

// ---- memory units and booleans -----------------------------------------------------------

TEST(MemoryUnits, RedisUnits) {
    EXPECT_EQ(parse_memory("0"), 0u);
    EXPECT_EQ(parse_memory("12345"), 12345u);
    EXPECT_EQ(parse_memory("7b"), 7u);
    EXPECT_EQ(parse_memory("1k"), 1000u);
    EXPECT_EQ(parse_memory("1kb"), 1024u);
    EXPECT_EQ(parse_memory("1K"), 1000u);
    EXPECT_EQ(parse_memory("1KB"), 1024u);
    EXPECT_EQ(parse_memory("1Kb"), 1024u);
    EXPECT_EQ(parse_memory("3m"), 3000000u);
    EXPECT_EQ(parse_memory("3mb"), 3u << 20);
    EXPECT_EQ(parse_memory("2g"), 2000000000u);
    EXPECT_EQ(parse_memory("2gb"), 2ull << 30);
    EXPECT_EQ(parse_memory("2GB"), 2ull << 30);
    EXPECT_EQ(parse_memory("18446744073709551615"), UINT64_MAX);
}

TEST(MemoryUnits, Refused) {
    for (const char* bad : {"", "k", "gb", "1.5", "1.5gb", "-1", "+1", " 1", "1 ", "1 kb", "1tb",
                            "1kbb", "0x10", "18446744073709551616", "17179869184gb"}) {
        EXPECT_EQ(parse_memory(bad), std::nullopt) << bad;
    }
}

TEST(Booleans, Spellings) {
    for (const char* yes : {"yes", "YES", "on", "true"}) EXPECT_EQ(parse_bool(yes), true) << yes;
    for (const char* no : {"no", "No", "off", "false"}) EXPECT_EQ(parse_bool(no), false) << no;
    for (const char* bad : {"", "1", "0", "y", "maybe"}) EXPECT_EQ(parse_bool(bad), std::nullopt);
}

// ---- CONFIG GET / SET --------------------------------------------------------------------

TEST(ConfigGetSet, GetPrintsDefaultsInRedisForm) {
    Config c;
    EXPECT_EQ(option_value(c, *find_option("maxmemory")), "0");
    EXPECT_EQ(option_value(c, *find_option("proto-max-bulk-len")), "536870912");
    EXPECT_EQ(option_value(c, *find_option("item-size-max")), "1048576");
    EXPECT_EQ(option_value(c, *find_option("port")), "6379");
    EXPECT_EQ(option_value(c, *find_option("maxmemory-policy")), "allkeys-lru");
    EXPECT_EQ(option_value(c, *find_option("requirepass")), "");
    EXPECT_EQ(option_value(c, *find_option("listeners")), "[]");
}

TEST(ConfigGetSet, EveryValueRoundTrips) {
    Config c;
    ASSERT_FALSE(set_option(
        c, "listeners", R"([{"port": 6390, "protocol": "auto-memcache", "tls": true}])", false));
    for (const OptionSpec& spec : all_options()) {
        Config copy = c;
        std::string value = option_value(c, spec);
        EXPECT_EQ(set_option(copy, spec.name, value, false), std::nullopt) << spec.name;
        EXPECT_EQ(copy, c) << spec.name << " = " << value;
    }
    EXPECT_EQ(option_value(c, *find_option("listeners")),
              R"([{"bind":"127.0.0.1","port":6390,"protocol":"auto-memcache","tls":true}])");
}

TEST(ConfigGetSet, RuntimeSet) {
    Config c;
    EXPECT_EQ(set_option(c, "maxmemory", "1gb", true), std::nullopt);
    EXPECT_EQ(option_value(c, *find_option("maxmemory")), "1073741824");
    EXPECT_EQ(set_option(c, "MAXMEMORY", "1g", true), std::nullopt);
    EXPECT_EQ(c.maxmemory, 1000000000u);
    EXPECT_EQ(set_option(c, "maxmemory-policy", "ALLKEYS-LFU", true), std::nullopt);
    EXPECT_EQ(option_value(c, *find_option("maxmemory-policy")), "allkeys-lfu");
    EXPECT_EQ(set_option(c, "loglevel", "Warning", true), std::nullopt);
    EXPECT_EQ(c.loglevel, "warning");
    EXPECT_EQ(set_option(c, "hz", "500", true), std::nullopt);
    EXPECT_EQ(c.hz, 500);
    EXPECT_EQ(set_option(c, "requirepass", "", true), std::nullopt);
    EXPECT_EQ(set_option(c, "maxclients", "5", true), std::nullopt);
    EXPECT_EQ(c.maxclients, 5);
}

TEST(ConfigGetSet, StartupSetMayChangeImmutableOptions) {
    Config c;
    EXPECT_EQ(set_option(c, "threads", "6", false), std::nullopt);
    EXPECT_EQ(c.threads, 6);
}

TEST(ConfigGetSet, RedisErrorWording) {
    Config c;
    EXPECT_EQ(set_option(c, "threads", "4", true),
              "ERR CONFIG SET failed (possibly related to argument 'threads') - can't set "
              "immutable config");
    EXPECT_EQ(set_option(c, "nosuch", "1", true),
              "ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'");
    EXPECT_EQ(set_option(c, "maxmemory", "abc", true),
              "ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must "
              "be a memory value");
    EXPECT_EQ(set_option(c, "hz", "abc", true),
              "ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be "
              "parsed into an integer");
    EXPECT_EQ(set_option(c, "hz", "1000", true),
              "ERR CONFIG SET failed (possibly related to argument 'hz') - argument must be "
              "between 1 and 500 inclusive");
    EXPECT_EQ(set_option(c, "maxclients", "0", true),
              "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must "
              "be between 1 and 2147483647 inclusive");
    EXPECT_EQ(set_option(c, "maxmemory-policy", "foo", true),
              "ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - "
              "argument(s) must be one of the following: volatile-lru, volatile-lfu, "
              "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, "
              "noeviction");
    EXPECT_EQ(set_option(c, "loglevel", "foo", true),
              "ERR CONFIG SET failed (possibly related to argument 'loglevel') - argument(s) must "
              "be one of the following: debug, verbose, notice, warning");
    EXPECT_EQ(set_option(c, "shards", "3", false),
              "ERR CONFIG SET failed (possibly related to argument 'shards') - argument must be a "
              "power of two");
    EXPECT_EQ(set_option(c, "listeners", "[{}]", false),
              "ERR CONFIG SET failed (possibly related to argument 'listeners') - invalid "
              "listeners: entry 0: needs a 'port'");
    EXPECT_EQ(set_option(c, "listeners", "nope", false),
              "ERR CONFIG SET failed (possibly related to argument 'listeners') - invalid "
              "listeners: expects a JSON array of listener objects, got \"nope\"");
}

TEST(ConfigGetSet, FailedSetLeavesConfigUnchanged) {
    Config c;
    c.maxmemory = 12345;
    Config before = c;
    EXPECT_TRUE(set_option(c, "maxmemory", "12345x", true));
    EXPECT_TRUE(set_option(c, "maxmemory-policy", "nope", true));
    EXPECT_TRUE(set_option(c, "hz", "0", true));
    EXPECT_TRUE(set_option(c, "listeners", R"([{"port": 1}, {"port": 0}])", false));
    EXPECT_EQ(c, before);
}

TEST(ConfigGetSet, GetByPattern) {
    std::vector<std::string_view> matched;
    for (const OptionSpec& spec : all_options()) {
        if (base::glob_match("MAX*", spec.name, /*nocase=*/true)) matched.push_back(spec.name);
    }
    EXPECT_EQ(matched,
              (std::vector<std::string_view>{"maxmemory", "maxmemory-policy", "maxclients"}));
}

// ---- help text and docs cover the table --------------------------------------------------

TEST(HelpText, MentionsEveryOption) {
    std::string help = help_text("larder-server");
    EXPECT_EQ(help.rfind("Usage: larder-server ", 0), 0u);
    EXPECT_NE(help.find("--config FILE"), std::string::npos);
    EXPECT_NE(help.find("-h, --help"), std::string::npos);
    EXPECT_NE(help.find("-v, --version"), std::string::npos);
    EXPECT_NE(help.find("-t, --threads INTEGER"), std::string::npos);
    EXPECT_NE(help.find("default: 512mb; at least 1mb"), std::string::npos);
    EXPECT_NE(help.find("range 0..65535"), std::string::npos);
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_LE(line.size(), 100u) << "help wraps at 100 columns: " << line;
    }
    // Word wrapping aside, each option's block (up to the next flag) says it all.
    std::string flat;
    std::istringstream words(help);
    for (std::string word; words >> word;) flat += word + " ";
    for (const OptionSpec& spec : all_options()) {
        size_t at = flat.find("--" + std::string(spec.name) + " ");
        ASSERT_NE(at, std::string::npos) << spec.name;
        std::string details = flat.substr(at, flat.find(" --", at + 2) - at);
        EXPECT_NE(details.find(spec.description), std::string::npos) << spec.name;
        EXPECT_NE(details.find("default: "), std::string::npos) << spec.name;
        EXPECT_EQ(details.find("CONFIG SET") != std::string::npos, spec.runtime_settable)
            << spec.name;
        for (std::string_view choice : spec.choices) {
            EXPECT_NE(details.find(choice), std::string::npos) << spec.name;
        }
    }
}

// docs/configuration.md has one table row per option whose type, default and runtime columns
// agree with the table, so the reference cannot drift from the code.
TEST(Docs, ConfigurationReferenceMatchesTable) {
    std::filesystem::path doc =
        std::filesystem::path(__FILE__).parent_path() / "../../../docs/configuration.md";
    std::ifstream in(doc);
    ASSERT_TRUE(in) << "cannot open " << doc;
    std::stringstream contents;
    contents << in.rdbuf();
    // Rows of the "## Options" section only; other tables (listener keys) reuse some names.
    std::vector<std::string> rows;
    bool in_options = false;
    for (std::string line; std::getline(contents, line);) {
        if (line.rfind("## ", 0) == 0) in_options = line == "## Options";
        if (in_options && line.rfind("| `", 0) == 0) rows.push_back(line);
    }
    EXPECT_EQ(rows.size(), all_options().size()) << "one row per option, no stale rows";

    for (const OptionSpec& spec : all_options()) {
        std::string key = "| `" + std::string(spec.name) + "` |";
        std::string row;
        for (const std::string& line : rows) {
            if (line.rfind(key, 0) == 0) row = line;
        }
        ASSERT_FALSE(row.empty()) << "no row for " << spec.name << " in " << doc;
        std::string type = "| " + std::string(option_type_name(spec.type)) + " |";
        std::string def =
            "| `" + (spec.default_value.empty() ? "\"\"" : std::string(spec.default_value)) + "` |";
        std::string runtime = spec.runtime_settable ? "| yes |" : "| no |";
        EXPECT_NE(row.find(type), std::string::npos) << row;
        EXPECT_NE(row.find(def), std::string::npos) << row;
        EXPECT_NE(row.find(runtime), std::string::npos) << row;
    }
}

}  // namespace
}  // namespace larder
