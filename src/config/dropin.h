// Drop-in configuration: memcached's command-line flags (memcached_flags.cc) and redis.conf
// files (redis_conf_tokens.cc, redis_conf.cc, redis_directives.cc), turned into the same
// option values the JSON file and --NAME flags set. Internal to src/config/.
//
// Contract shared by both: a setting is honoured (mapped onto an option with the peer's
// meaning), or refused with one "config: ..." line, or — redis.conf directives only, which
// promise no protection — listed in one warning line (an error under --strict-config).
// Nothing that promises a protection or a limit is ever accepted and dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/config.h"
#include "src/config/options.h"

namespace larder::config_internal {

// One --NAME/-X value from the command line, applied after the config file, in order.
struct Override {
    const OptionSpec* spec;
    std::string value;
};

// Promises that can only be checked on the final values (after every source), collected
// while loading.
struct DropinChecks {
    bool sasl = false;           // memcached's -S: needs memcache-auth-file in the end
    std::string protected_mode;  // "PATH:LINE" of a redis.conf "protected-mode yes", or ""
};

// The checks above, as one "config: ..." line; nullopt when every promise holds.
std::optional<std::string> dropin_final_checks(const Config& config, const DropinChecks& checks);

// ---- memcached flags (memcached_flags.cc) ------------------------------------------------

// argv[i] is a single-dash argument. When its letter is one of memcached's flags that
// Larder translates or refuses, consumes it (and its value: -X V, -XV or -X=V), appends the
// resulting overrides and returns true; `error` is set to one line when it is refused or
// malformed. Returns false (nothing consumed) for letters left to the option table.
bool memcached_flag(int& i, int argc, const char* const* argv, std::vector<Override>& out,
                    DropinChecks& checks, std::optional<std::string>& error);

// memcached's size syntax (-I): digits, then an optional k/K (KiB) or m/M (MiB); nullopt when
// malformed or above 64 bits.
std::optional<uint64_t> parse_memcached_size(std::string_view text);

// ---- redis.conf (redis_conf_tokens.cc, redis_conf.cc) -------------------------------------

// Splits one line into arguments as Redis does (sdssplitargs): blanks separate; "..." with
// \n \r \t \b \a \\ \" and \xHH escapes; '...' with \' only; a closing quote must be followed
// by a blank or the end. nullopt: unbalanced quotes.
std::optional<std::vector<std::string>> split_redis_line(std::string_view line);

// Whether `text` (a config file's contents) is JSON: its first character other than
// whitespace and //, /* */ comments is '{'.
bool looks_like_json(std::string_view text);

// One directive, with where it came from for messages ("PATH:LINE", or "command line").
struct Directive {
    std::string where;
    std::vector<std::string> args;  // args[0] is the name, lowercased
};

// Reads a redis.conf file (following `include`) into directives, in order. Errors: unreadable
// file, unbalanced quotes, include too deep; one line each, "config: PATH:LINE: ...".
std::optional<std::string> read_redis_conf(const std::string& path, std::vector<Directive>& out);

// What applying redis.conf directives produced.
struct RedisConfOutcome {
    std::vector<std::string> errors;    // refused or malformed directives, one line each
    std::vector<std::string> warnings;  // at most one "ignored N directives" line per file,
                                        // plus notes (a dropped optional bind address)
};

// Applies `directives` (from `file`, the path named in the summary line) onto `config`, in
// order (a repeated directive: the last wins; of bind and the judged directives only the
// last is looked at, so a later `daemonize no` overrides an earlier `daemonize yes`). Option names
// are honoured with Redis's value syntax; the directives of redis_directives.cc are honoured when
// they ask for what Larder does anyway, else refused; any other directive is listed in one warning
// line, or with `strict` refused in one error line.
RedisConfOutcome apply_redis_conf(Config& config, const std::vector<Directive>& directives,
                                  std::string_view file, bool strict, DropinChecks& checks);

// ---- directives that are not options (redis_directives.cc) -------------------------------

enum class DirectiveVerdict {
    not_listed,  // not one of these: an option, or an unimplemented directive
    honoured,    // asks for what Larder does anyway (daemonize no, timeout 0, ...)
    refused,     // `reason` says why
};

// The verdict for a non-option directive `args` (args[0] = lowercased name). protected-mode
// yes is honoured here and checked at the end (dropin_final_checks).
DirectiveVerdict judge_directive(const std::vector<std::string>& args, std::string& reason);

// Whether `name` is one of the directives judge_directive knows (so --NAME may name it on a
// command line that also gives a redis.conf).
bool known_directive(std::string_view name);

}  // namespace larder::config_internal
