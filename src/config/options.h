// The option table: every configuration option is declared here exactly once (name, type,
// default, description, range, whether CONFIG SET may change it, its security marking, and
// which Config field holds it). `--help`, the JSON config file, command-line flags, CONFIG GET/SET
// and the reference in docs/configuration.md all follow this table; none of them lists options on
// its own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace larder {

struct Config;
struct ListenerConfig;

enum class OptionType {
    boolean,      // JSON true/false or "yes"/"no" (also "on"/"off", "true"/"false")
    integer,      // JSON number or decimal string; checked against [min, max]
    memory,       // bytes or a number with a Redis unit: b, k, kb, m, mb, g, gb (k = 1000,
                  // kb = 1024), case-insensitive; checked against [min, max] bytes
    string,       // free text
    enumeration,  // one of `choices`, case-insensitive; stored in the spelling of `choices`
    listeners,    // JSON array of listener objects (see ListenerConfig in config.h)
};

// Checks beyond type and range. Kept as data (not a callback) so help text and docs can say
// what the rule is.
enum class OptionConstraint {
    none,
    power_of_two,  // integer options: the value must be 1, 2, 4, 8, ...
    non_empty,     // string options: "" is refused
};

// How an option stands with "failing closed" (DESIGN.md section 7): a setting that promises a
// protection or a limit is enforced from the moment the server accepts it, or refused. Every
// such option is marked; --help and docs/configuration.md show the marking, and
// tests/integration/test_security_options.py has a test per marked option (and fails when an
// option is marked without one).
enum class OptionSecurity {
    none,      // promises no protection or limit
    enforced,  // a protection or limit the server applies from the moment it accepts the value
    // Would promise a protection this build cannot give yet. Only a value that asks for
    // nothing is accepted ("" for a string; for listeners, entries with tls off); any other is
    // refused when loading (the server does not start) and by CONFIG SET. Only string and
    // listeners options may carry it (checked at compile time).
    refused_until_available,
};

// Where an option's typed value lives. The alternative must match the type: integer → int,
// memory → uint64_t, string and enumeration → std::string, boolean → bool, listeners → the
// listener vector. options.cc checks this for the whole table at compile time.
using OptionField = std::variant<int Config::*, uint64_t Config::*, std::string Config::*,
                                 bool Config::*, std::vector<ListenerConfig> Config::*>;

struct OptionSpec {
    std::string_view name;  // Redis's name where Redis has the option, else memcached's
    OptionType type;
    std::string_view default_value;  // in the syntax the config file accepts
    std::string_view description;    // one line, for --help and docs
    int64_t min = 0;                 // integer and memory options: inclusive range
    int64_t max = 0;
    std::span<const std::string_view> choices = {};  // enumeration options
    bool runtime_settable = false;                   // CONFIG SET may change it while running
    char short_flag = 0;  // single-letter command-line flag (memcached's letters), 0 if none
    OptionConstraint constraint = OptionConstraint::none;
    OptionSecurity security = OptionSecurity::none;
    // One line for every marked option (empty otherwise), shown after the marking in --help.
    // enforced: what is enforced and what a client sees. refused_until_available (string
    // options): the reason given when refusing, worded to follow "NAME: " in an error.
    std::string_view security_note = {};
    OptionField field;
};

// The whole table, in the order --help and the docs present it. Static storage; never changes.
std::span<const OptionSpec> all_options();

// Exact, case-insensitive lookup by name (CONFIG GET/SET names are case-insensitive in
// Redis). nullptr when there is no such option.
const OptionSpec* find_option(std::string_view name);

// The option whose short flag is `flag`, or nullptr.
const OptionSpec* find_short_option(char flag);

// Human name of a type, as --help and the docs print it ("integer", "memory", ...).
std::string_view option_type_name(OptionType type);

// The marking as --help and the docs print it: "", "enforced", "refused until available".
std::string_view option_security_name(OptionSecurity security);

}  // namespace larder
