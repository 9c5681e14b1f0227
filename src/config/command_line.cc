// load_config: argv → Config. First every argument is collected (so the config file, wherever
// it appears, sits under every flag), then the file is applied (JSON, or redis.conf followed
// by the command line's directives), then the flags in order, then the final checks.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "src/base/ascii.h"
#include "src/config/dropin.h"
#include "src/config/loading.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder {
namespace {

using namespace config_internal;

struct Arguments {
    std::vector<Override> overrides;    // in command-line order; later ones win
    std::vector<Directive> directives;  // --daemonize no, --supervised systemd, ...
    std::optional<std::string> config_path;
    bool check_only = false;
    bool strict = false;
    DropinChecks checks;
};

// The value of a flag that did not carry one after '=': the next argument, unless the option
// is a boolean and the next argument looks like a flag (then a bare flag means "yes").
std::optional<std::string> take_value(int& i, int argc, const char* const* argv,
                                      const OptionSpec* spec) {
    bool boolean = spec != nullptr && spec->type == OptionType::boolean;
    if (i + 1 < argc && !(boolean && std::string_view(argv[i + 1]).starts_with("-"))) {
        return std::string(argv[++i]);
    }
    if (boolean) return "yes";
    return std::nullopt;
}

// A positional argument that names a redis.conf (as `redis-server /etc/redis/redis.conf`):
// ends in ".conf" and is a path (has a '/') or an existing file.
bool positional_conf(std::string_view arg) {
    if (!arg.ends_with(".conf") || arg.starts_with("-")) return false;
    std::error_code ignored;
    return arg.find('/') != std::string_view::npos ||
           std::filesystem::is_regular_file(std::filesystem::path(arg), ignored);
}

std::optional<std::string> set_path(Arguments& out, std::string path) {
    if (out.config_path) return std::string("config: --config is given twice");
    out.config_path = std::move(path);
    return std::nullopt;
}

// --NAME ARG...: a redis.conf directive on the command line takes every following argument
// up to the next "--" one, as redis-server does.
void take_directive(int& i, int argc, const char* const* argv, std::string_view name,
                    std::optional<std::string> value, Arguments& out) {
    Directive d{"command line", {std::string(name)}};
    if (value) {
        d.args.push_back(std::move(*value));
    } else {
        while (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--"))
            d.args.push_back(argv[++i]);
    }
    out.directives.push_back(std::move(d));
}

// Parses argv into overrides and the config path; an error is one "config: ..." line.
std::optional<std::string> collect(int argc, const char* const* argv, Arguments& out) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        const OptionSpec* spec = nullptr;
        std::optional<std::string> value;
        std::string_view special;  // "config" or "check-config": a file, not an option
        if (arg == "--strict-config") {
            out.strict = true;
            continue;
        }
        if (arg.starts_with("--") && arg.size() > 2) {
            std::string_view name = arg.substr(2);
            if (size_t eq = name.find('='); eq != std::string_view::npos) {
                value = std::string(name.substr(eq + 1));
                name = name.substr(0, eq);
            }
            if (name == "config" || name == "check-config") {
                special = name;
            } else if ((spec = find_option(name)) == nullptr) {
                std::string lower = base::to_lower(name);
                if (known_directive(lower)) {
                    take_directive(i, argc, argv, lower, std::move(value), out);
                    continue;
                }
                return "config: unknown option '--" + std::string(name) + "'" +
                       suggestion(name, "--");
            }
        } else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
            std::optional<std::string> error;
            if (memcached_flag(i, argc, argv, out.overrides, out.checks, error)) {
                if (error) return error;
                continue;
            }
            spec = find_short_option(arg[1]);
            if (spec == nullptr)
                return "config: unknown option '" + std::string(arg.substr(0, 2)) + "'";
            if (arg.size() > 2) value = std::string(arg.substr(arg[2] == '=' ? 3 : 2));
        } else if (positional_conf(arg)) {
            if (auto error = set_path(out, std::string(arg))) return error;
            continue;
        } else {
            return "config: unexpected argument " + quote(arg) +
                   " (options are --NAME VALUE; see --help)";
        }
        if (!value) value = take_value(i, argc, argv, spec);
        if (!value) {
            std::string name = !special.empty() ? std::string(special) : std::string(spec->name);
            return "config: option '" + name + "' needs a value";
        }
        if (!special.empty()) {
            if (special == "check-config") out.check_only = true;
            if (auto error = set_path(out, std::move(*value))) return error;
        } else {
            out.overrides.push_back({spec, std::move(*value)});
        }
    }
    return std::nullopt;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
    return out;
}

// The config file: JSON when its first character is '{' or its name does not end in ".conf";
// else redis.conf. Refused redis.conf directives are all reported, one line each.
std::optional<std::string> apply_file(LoadResult& result, const std::string& path,
                                      Arguments& args) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return "config: cannot read config file " + quote(path) + ": " + std::strerror(errno);
    }
    std::stringstream contents;
    contents << file.rdbuf();
    if (looks_like_json(contents.str()) || !path.ends_with(".conf"))
        return apply_json(result.config, contents.str(), "config: " + path + ": ");
    std::vector<Directive> directives;
    if (auto error = read_redis_conf(path, directives)) return error;
    // The command line's directives follow the file's, as redis-server appends them.
    directives.insert(directives.end(), args.directives.begin(), args.directives.end());
    args.directives.clear();
    RedisConfOutcome outcome =
        apply_redis_conf(result.config, directives, path, args.strict, args.checks);
    result.warnings.insert(result.warnings.end(), outcome.warnings.begin(), outcome.warnings.end());
    if (!outcome.errors.empty()) return join_lines(outcome.errors);
    return std::nullopt;
}

}  // namespace

LoadResult load_config(int argc, const char* const* argv) {
    LoadResult result;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") result.show_help = true;
        // memcached's -V; -v only alone (redis-server -v), as memcached's -v is verbosity.
        if (arg == "-V" || arg == "--version" || (arg == "-v" && argc == 2))
            result.show_version = true;
    }
    if (result.show_help || result.show_version) {
        result.ok = true;
        return result;
    }

    Arguments args;
    std::optional<std::string> collected = collect(argc, argv, args);
    result.check_only = args.check_only;
    if (collected) return fail(std::move(result), *collected);
    if (args.config_path) {
        if (auto error = apply_file(result, *args.config_path, args))
            return fail(std::move(result), *error);
    }
    if (!args.directives.empty()) {
        RedisConfOutcome outcome = apply_redis_conf(result.config, args.directives, "command line",
                                                    args.strict, args.checks);
        if (!outcome.errors.empty()) return fail(std::move(result), join_lines(outcome.errors));
    }
    for (const Override& o : args.overrides) {
        if (auto error = assign_text(result.config, *o.spec, o.value)) {
            return fail(std::move(result), "config: " + describe(*o.spec, *error));
        }
    }
    if (auto error = final_checks(result.config)) return fail(std::move(result), *error);
    if (auto error = dropin_final_checks(result.config, args.checks))
        return fail(std::move(result), *error);
    result.ok = true;
    return result;
}

}  // namespace larder
