// load_config: argv → Config. First every argument is collected (so the config file, wherever
// --config appears, sits under every flag), then the file is applied, then the flags in order.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "src/config/loading.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder {
namespace {

using namespace config_internal;

struct Override {
    const OptionSpec* spec;
    std::string value;
};

struct Arguments {
    std::vector<Override> overrides;  // in command-line order; later ones win
    std::optional<std::string> config_path;
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

// Parses argv into overrides and the config path; an error is one "config: ..." line.
std::optional<std::string> collect(int argc, const char* const* argv, Arguments& out) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        const OptionSpec* spec = nullptr;
        std::optional<std::string> value;
        bool is_config = false;
        if (arg.starts_with("--") && arg.size() > 2) {
            std::string_view name = arg.substr(2);
            if (size_t eq = name.find('='); eq != std::string_view::npos) {
                value = std::string(name.substr(eq + 1));
                name = name.substr(0, eq);
            }
            is_config = name == "config";
            if (!is_config && (spec = find_option(name)) == nullptr) {
                return "config: unknown option '--" + std::string(name) + "'" +
                       suggestion(name, "--");
            }
        } else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
            spec = find_short_option(arg[1]);
            if (spec == nullptr)
                return "config: unknown option '" + std::string(arg.substr(0, 2)) + "'";
            if (arg.size() > 2) value = std::string(arg.substr(arg[2] == '=' ? 3 : 2));
        } else {
            return "config: unexpected argument " + quote(arg) +
                   " (options are --NAME VALUE; see --help)";
        }
        if (!value) value = take_value(i, argc, argv, spec);
        if (!value) {
            std::string name = is_config ? "config" : std::string(spec->name);
            return "config: option '" + name + "' needs a value";
        }
        if (is_config) {
            if (out.config_path) return std::string("config: --config is given twice");
            out.config_path = std::move(*value);
        } else {
            out.overrides.push_back({spec, std::move(*value)});
        }
    }
    return std::nullopt;
}

std::optional<std::string> apply_file(Config& config, const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return "config: cannot read config file " + quote(path) + ": " + std::strerror(errno);
    }
    std::stringstream contents;
    contents << file.rdbuf();
    return apply_json(config, contents.str(), "config: " + path + ": ");
}

}  // namespace

LoadResult load_config(int argc, const char* const* argv) {
    LoadResult result;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") result.show_help = true;
        if (arg == "-v" || arg == "--version") result.show_version = true;
    }
    if (result.show_help || result.show_version) {
        result.ok = true;
        return result;
    }

    Arguments args;
    if (auto error = collect(argc, argv, args)) return fail(std::move(result), *error);
    if (args.config_path) {
        if (auto error = apply_file(result.config, *args.config_path))
            return fail(std::move(result), *error);
    }
    for (const Override& o : args.overrides) {
        if (auto error = assign_text(result.config, *o.spec, o.value)) {
            return fail(std::move(result), "config: " + describe(*o.spec, *error));
        }
    }
    if (auto error = final_checks(result.config)) return fail(std::move(result), *error);
    result.ok = true;
    return result;
}

}  // namespace larder
