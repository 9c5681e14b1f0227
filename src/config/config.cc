// Loading and changing configuration, driven entirely by the option table: each step below
// (parse, check, store, print) dispatches on OptionSpec::type and writes through
// OptionSpec::field, so no code here names an individual option.
#include "src/config/config.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

namespace larder {
namespace {

using nlohmann::json;

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * kKiB;
constexpr uint64_t kGiB = 1024 * kMiB;

// Why a value was refused. Each fault is rendered two ways: as a config-file/command-line
// message and as Redis's CONFIG SET wording.
enum class Fault {
    not_integer,
    not_memory,
    not_boolean,
    not_string,
    not_choice,
    out_of_range,  // parsed, but outside [min, max]
    too_large,     // did not fit in 64 bits, or above a max that is effectively unbounded
    not_power_of_two,
    empty,
    bad_listeners,  // `detail` says which entry and key
};

struct ValueError {
    Fault fault;
    std::string got;     // the refused value as the user wrote it (strings quoted)
    std::string detail;  // bad_listeners only
};

ValueError refuse(Fault fault, std::string got) {
    return ValueError{fault, std::move(got), {}};
}

ValueError refuse_listeners(std::string detail) {
    return ValueError{Fault::bad_listeners, {}, std::move(detail)};
}

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

// JSON-style quoting, so control bytes and quotes in a refused value stay on one line.
std::string quote(std::string_view text) {
    return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// 'name' with the same escaping, for names that may hold anything (config-file keys).
std::string single_quote(std::string_view text) {
    std::string out = quote(text);
    out.front() = '\'';
    out.back() = '\'';
    return out;
}

std::string render(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string join(std::span<const std::string_view> items, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += sep;
        out += items[i];
    }
    return out;
}

// "512mb" rather than 536870912 where the unit is exact; for bounds in messages and help.
std::string format_memory(uint64_t bytes) {
    if (bytes != 0 && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + "gb";
    if (bytes != 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "mb";
    if (bytes != 0 && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + "kb";
    return std::to_string(bytes);
}

std::string format_bound(const OptionSpec& spec, int64_t bound) {
    return spec.type == OptionType::memory ? format_memory(static_cast<uint64_t>(bound))
                                           : std::to_string(bound);
}

enum class NumberParse { ok, malformed, overflow };

NumberParse parse_int64(std::string_view text, int64_t& out) {
    if (text.empty()) return NumberParse::malformed;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (end != text.data() + text.size()) return NumberParse::malformed;
    if (ec == std::errc::result_out_of_range) return NumberParse::overflow;
    if (ec != std::errc()) return NumberParse::malformed;
    return NumberParse::ok;
}

// Redis's memtoull syntax: digits, then an optional unit; no sign, spaces or fractions.
NumberParse parse_memory_value(std::string_view text, uint64_t& out) {
    size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == 0) return NumberParse::malformed;
    std::string unit;
    for (char c : text.substr(digits)) unit += lower(c);
    uint64_t multiplier = 0;
    if (unit.empty() || unit == "b")
        multiplier = 1;
    else if (unit == "k")
        multiplier = 1000;
    else if (unit == "kb")
        multiplier = kKiB;
    else if (unit == "m")
        multiplier = 1000 * 1000;
    else if (unit == "mb")
        multiplier = kMiB;
    else if (unit == "g")
        multiplier = 1000 * 1000 * 1000;
    else if (unit == "gb")
        multiplier = kGiB;
    else
        return NumberParse::malformed;
    uint64_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
    if (ec == std::errc::result_out_of_range) return NumberParse::overflow;
    if (ec != std::errc() || end != text.data() + digits) return NumberParse::malformed;
    if (number > UINT64_MAX / multiplier) return NumberParse::overflow;
    out = number * multiplier;
    return NumberParse::ok;
}

// A max of INT_MAX or INT64_MAX means "no real limit, only what the field holds": messages then
// say "at least MIN" rather than quote a 10- or 19-digit bound nobody chose.
bool unbounded_above(const OptionSpec& spec) {
    return spec.max == INT64_MAX || (spec.type == OptionType::integer && spec.max == INT_MAX);
}

std::optional<ValueError> check_range(const OptionSpec& spec, std::string_view text, bool below_min,
                                      bool above_max) {
    if (above_max && unbounded_above(spec)) return refuse(Fault::too_large, std::string(text));
    if (below_min || above_max) return refuse(Fault::out_of_range, std::string(text));
    return std::nullopt;
}

std::optional<ValueError> listener_error(size_t index, std::string message) {
    return refuse_listeners("entry " + std::to_string(index) + ": " + message);
}

// Parses the "listeners" array into `out`. Strict like the top level: unknown keys and wrong
// types are errors, so a typo never silently opens a default listener.
std::optional<ValueError> parse_listeners(const json& value, std::vector<ListenerConfig>& out) {
    if (!value.is_array()) {
        return refuse_listeners("expects a JSON array of listener objects, got " + render(value));
    }
    std::vector<ListenerConfig> result;
    for (size_t i = 0; i < value.size(); ++i) {
        const json& entry = value[i];
        if (!entry.is_object()) return listener_error(i, "expects an object, got " + render(entry));
        ListenerConfig listener;
        bool has_port = false;
        for (const auto& [key, field] : entry.items()) {
            if (key == "port") {
                int64_t port = 0;
                std::string text = field.is_string() ? field.get<std::string>() : render(field);
                NumberParse parsed = parse_int64(text, port);
                if ((!field.is_number_integer() && !field.is_string()) ||
                    parsed == NumberParse::malformed) {
                    return listener_error(i, "'port' expects an integer, got " + render(field));
                }
                if (parsed != NumberParse::ok || port < 1 || port > 65535) {
                    return listener_error(i, "'port' must be between 1 and 65535, got " + text);
                }
                listener.port = static_cast<int>(port);
                has_port = true;
            } else if (key == "bind") {
                if (!field.is_string() || field.get<std::string>().empty()) {
                    return listener_error(i, "'bind' expects an address, got " + render(field));
                }
                listener.bind = field.get<std::string>();
            } else if (key == "protocol") {
                constexpr ListenerConfig::Protocol kAll[] = {
                    ListenerConfig::Protocol::auto_resp, ListenerConfig::Protocol::auto_memcache,
                    ListenerConfig::Protocol::resp, ListenerConfig::Protocol::memcache};
                bool found = false;
                for (ListenerConfig::Protocol p : kAll) {
                    if (field.is_string() && iequals(field.get<std::string>(), protocol_name(p))) {
                        listener.protocol = p;
                        found = true;
                    }
                }
                if (!found) {
                    return listener_error(i,
                                          "'protocol' must be one of auto-resp, auto-memcache, "
                                          "resp, memcache; got " +
                                              render(field));
                }
            } else if (key == "tls") {
                std::optional<bool> tls;
                if (field.is_boolean()) tls = field.get<bool>();
                if (field.is_string()) tls = parse_bool(field.get<std::string>());
                if (!tls) return listener_error(i, "'tls' expects yes or no, got " + render(field));
                listener.tls = *tls;
            } else {
                return listener_error(
                    i, "unknown key " + single_quote(key) + " (keys: port, bind, protocol, tls)");
            }
        }
        if (!has_port) return listener_error(i, "needs a 'port'");
        result.push_back(std::move(listener));
    }
    out = std::move(result);
    return std::nullopt;
}

// The single place a textual value becomes a typed one: parse, check, store. Writes to
// `config` only on success.
std::optional<ValueError> assign_text(Config& config, const OptionSpec& spec,
                                      std::string_view text) {
    switch (spec.type) {
        case OptionType::integer: {
            int64_t value = 0;
            NumberParse parsed = parse_int64(text, value);
            if (parsed == NumberParse::malformed) return refuse(Fault::not_integer, quote(text));
            if (parsed == NumberParse::overflow)
                return check_range(spec, text, text[0] == '-', text[0] != '-');
            bool below = value < spec.min;
            bool above = value > spec.max;
            if (auto error = check_range(spec, text, below, above)) return error;
            if (spec.constraint == OptionConstraint::power_of_two && (value & (value - 1)) != 0) {
                return refuse(Fault::not_power_of_two, std::string(text));
            }
            config.*std::get<int Config::*>(spec.field) = static_cast<int>(value);
            return std::nullopt;
        }
        case OptionType::memory: {
            uint64_t value = 0;
            NumberParse parsed = parse_memory_value(text, value);
            if (parsed == NumberParse::malformed) return refuse(Fault::not_memory, quote(text));
            bool above = parsed == NumberParse::overflow || value > static_cast<uint64_t>(spec.max);
            bool below = !above && value < static_cast<uint64_t>(spec.min);
            if (auto error = check_range(spec, text, below, above)) return error;
            config.*std::get<uint64_t Config::*>(spec.field) = value;
            return std::nullopt;
        }
        case OptionType::boolean: {
            std::optional<bool> value = parse_bool(text);
            if (!value) return refuse(Fault::not_boolean, quote(text));
            config.*std::get<bool Config::*>(spec.field) = *value;
            return std::nullopt;
        }
        case OptionType::string: {
            if (spec.constraint == OptionConstraint::non_empty && text.empty()) {
                return refuse(Fault::empty, quote(text));
            }
            config.*std::get<std::string Config::*>(spec.field) = std::string(text);
            return std::nullopt;
        }
        case OptionType::enumeration: {
            for (std::string_view choice : spec.choices) {
                if (iequals(choice, text)) {
                    config.*std::get<std::string Config::*>(spec.field) = std::string(choice);
                    return std::nullopt;
                }
            }
            return refuse(Fault::not_choice, quote(text));
        }
        case OptionType::listeners: {
            json value = json::parse(text, nullptr, /*allow_exceptions=*/false,
                                     /*ignore_comments=*/true);
            if (value.is_discarded()) {
                return refuse_listeners("expects a JSON array of listener objects, got " +
                                        quote(text));
            }
            std::vector<ListenerConfig> listeners;
            if (auto error = parse_listeners(value, listeners)) return error;
            config.*std::get<std::vector<ListenerConfig> Config::*>(spec.field) =
                std::move(listeners);
            return std::nullopt;
        }
    }
    return refuse(Fault::not_string, quote(text));
}

// A config-file value: JSON numbers and strings go through assign_text; other JSON kinds are
// accepted only where they mean something (booleans, the listener array).
std::optional<ValueError> assign_json(Config& config, const OptionSpec& spec, const json& value) {
    switch (spec.type) {
        case OptionType::integer:
        case OptionType::memory:
            if (value.is_number_integer()) {
                // Show a refused number as written (-1), not as the string assign_text saw.
                std::optional<ValueError> error = assign_text(config, spec, value.dump());
                if (error &&
                    (error->fault == Fault::not_integer || error->fault == Fault::not_memory))
                    error->got = render(value);
                return error;
            }
            if (value.is_string()) return assign_text(config, spec, value.get<std::string>());
            return refuse(spec.type == OptionType::integer ? Fault::not_integer : Fault::not_memory,
                          render(value));
        case OptionType::boolean:
            if (value.is_boolean())
                return assign_text(config, spec, value.get<bool>() ? "yes" : "no");
            if (value.is_string()) return assign_text(config, spec, value.get<std::string>());
            return refuse(Fault::not_boolean, render(value));
        case OptionType::string:
            if (value.is_string()) return assign_text(config, spec, value.get<std::string>());
            return refuse(Fault::not_string, render(value));
        case OptionType::enumeration:
            if (value.is_string()) return assign_text(config, spec, value.get<std::string>());
            return refuse(Fault::not_choice, render(value));
        case OptionType::listeners: {
            std::vector<ListenerConfig> listeners;
            if (auto error = parse_listeners(value, listeners)) return error;
            config.*std::get<std::vector<ListenerConfig> Config::*>(spec.field) =
                std::move(listeners);
            return std::nullopt;
        }
    }
    return refuse(Fault::not_string, render(value));
}

std::string range_phrase(const OptionSpec& spec) {
    if (unbounded_above(spec)) return "at least " + format_bound(spec, spec.min);
    return "between " + format_bound(spec, spec.min) + " and " + format_bound(spec, spec.max);
}

// "option 'NAME' expects ..." — the config-file and command-line wording.
std::string describe(const OptionSpec& spec, const ValueError& error) {
    std::string out = "option '" + std::string(spec.name) + "' ";
    switch (error.fault) {
        case Fault::not_integer:
            return out + "expects an integer, got " + error.got;
        case Fault::not_memory:
            return out +
                   "expects a memory size (bytes, or a number with unit k, kb, m, mb, g, "
                   "gb), got " +
                   error.got;
        case Fault::not_boolean:
            return out + "expects yes or no, got " + error.got;
        case Fault::not_string:
            return out + "expects a string, got " + error.got;
        case Fault::not_choice:
            return out + "must be one of " + join(spec.choices, ", ") + "; got " + error.got;
        case Fault::out_of_range:
            return out + "must be " + range_phrase(spec) + ", got " + error.got;
        case Fault::too_large:
            return out + "must be at most " + format_bound(spec, spec.max) + ", got " + error.got;
        case Fault::not_power_of_two:
            return out + "must be a power of two, got " + error.got;
        case Fault::empty:
            return out + "must not be empty";
        case Fault::bad_listeners:
            return out + error.detail;
    }
    return out + "is invalid";
}

// Redis 7's CONFIG SET wording (checked against redis-server 7.0.15).
std::string describe_redis(const OptionSpec& spec, const ValueError& error) {
    std::string out =
        "ERR CONFIG SET failed (possibly related to argument '" + std::string(spec.name) + "') - ";
    switch (error.fault) {
        case Fault::not_integer:
            return out + "argument couldn't be parsed into an integer";
        case Fault::not_memory:
            return out + "argument must be a memory value";
        case Fault::not_boolean:
            return out + "argument must be 'yes' or 'no'";
        case Fault::not_string:
            return out + "argument must be a string";
        case Fault::not_choice:
            return out + "argument(s) must be one of the following: " + join(spec.choices, ", ");
        case Fault::out_of_range:
        case Fault::too_large:
            return out + "argument must be between " + std::to_string(spec.min) + " and " +
                   std::to_string(spec.max) + " inclusive";
        case Fault::not_power_of_two:
            return out + "argument must be a power of two";
        case Fault::empty:
            return out + "argument must not be empty";
        case Fault::bad_listeners:
            return out + "invalid listeners: " + error.detail;
    }
    return out + "invalid argument";
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean 'maxmemory'?)" for a near miss, else "".
std::string suggestion(std::string_view unknown, std::string_view prefix) {
    const OptionSpec* best = nullptr;
    size_t best_distance = std::max<size_t>(2, unknown.size() / 4) + 1;
    for (const OptionSpec& spec : all_options()) {
        size_t distance = edit_distance(unknown, spec.name);
        if (distance < best_distance) {
            best = &spec;
            best_distance = distance;
        }
    }
    if (best == nullptr) return "";
    return " (did you mean '" + std::string(prefix) + std::string(best->name) + "'?)";
}

// Rules that involve more than one option. Runs after all sources are applied, so the order
// of keys in the file or flags on the command line never matters.
std::optional<std::string> validate(const Config& config) {
    if (config.port != 0 && config.port == config.memcache_port && config.listeners.empty()) {
        return "config: options 'port' and 'memcache-port' are both " + std::to_string(config.port);
    }
    std::vector<ListenerConfig> listeners = effective_listeners(config);
    if (listeners.empty()) {
        return "config: no listeners: 'port' and 'memcache-port' are 0 and 'listeners' is empty";
    }
    for (size_t i = 0; i < listeners.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (listeners[i].bind == listeners[j].bind && listeners[i].port == listeners[j].port) {
                return "config: option 'listeners' entries " + std::to_string(j) + " and " +
                       std::to_string(i) + " both listen on " + listeners[i].bind + ":" +
                       std::to_string(listeners[i].port);
            }
        }
        if (listeners[i].tls && (config.tls_cert_file.empty() || config.tls_key_file.empty())) {
            return "config: option 'listeners' entry " + std::to_string(i) +
                   " has tls on, which needs 'tls-cert-file' and 'tls-key-file'";
        }
    }
    return std::nullopt;
}

// Applies a JSON document onto `config`; errors start with `prefix` ("config: " or
// "config: PATH: ").
std::optional<std::string> apply_json(Config& config, std::string_view text,
                                      const std::string& prefix) {
    // nlohmann keeps the last of duplicate keys silently; a config file that says maxmemory
    // twice is a mistake worth reporting. One key set per open object.
    std::vector<std::set<std::string>> open_objects;
    std::string duplicate;
    bool duplicate_at_top = false;
    json::parser_callback_t watch = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) open_objects.emplace_back();
        if (event == json::parse_event_t::object_end && !open_objects.empty())
            open_objects.pop_back();
        if (event == json::parse_event_t::key && !open_objects.empty() && duplicate.empty()) {
            std::string key = parsed.get<std::string>();
            bool top = open_objects.size() == 1;
            if (top) std::transform(key.begin(), key.end(), key.begin(), lower);
            if (!open_objects.back().insert(key).second) {
                duplicate = parsed.get<std::string>();
                duplicate_at_top = top;
            }
        }
        return true;
    };
    json document;
    try {
        document = json::parse(text, watch, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        // what() is "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
        std::string message = e.what();
        if (size_t close = message.find("] "); close != std::string::npos)
            message.erase(0, close + 2);
        return prefix + "invalid JSON: " + message;
    }
    if (!document.is_object()) {
        return prefix + "expected a JSON object of option names to values, got " +
               std::string(document.type_name());
    }
    if (!duplicate.empty()) {
        if (duplicate_at_top)
            return prefix + "option " + single_quote(duplicate) + " is given twice";
        return prefix + "key " + single_quote(duplicate) + " is given twice in one object";
    }
    for (const auto& [key, value] : document.items()) {
        const OptionSpec* spec = find_option(key);
        if (spec == nullptr)
            return prefix + "unknown option " + single_quote(key) + suggestion(key, "");
        if (auto error = assign_json(config, *spec, value)) return prefix + describe(*spec, *error);
    }
    return std::nullopt;
}

// `line` followed by the words of `text`, wrapped at 100 columns; continuation lines start with
// `indent`.
std::string wrap(std::string line, const std::string& indent, std::string_view text) {
    constexpr size_t kWidth = 100;
    std::string out;
    size_t start = line.size();
    std::istringstream words{std::string(text)};
    for (std::string word; words >> word;) {
        if (line.size() > start && line.size() + 1 + word.size() > kWidth) {
            out += line + "\n";
            line = indent;
            start = line.size();
        }
        if (line.size() > start) line += ' ';
        line += word;
    }
    return out + line + "\n";
}

LoadResult fail(LoadResult result, std::string error) {
    result.ok = false;
    result.error = std::move(error);
    return result;
}

}  // namespace

std::string_view protocol_name(ListenerConfig::Protocol protocol) {
    switch (protocol) {
        case ListenerConfig::Protocol::auto_resp:
            return "auto-resp";
        case ListenerConfig::Protocol::auto_memcache:
            return "auto-memcache";
        case ListenerConfig::Protocol::resp:
            return "resp";
        case ListenerConfig::Protocol::memcache:
            return "memcache";
    }
    return "?";
}

Config::Config() {
    for (const OptionSpec& spec : all_options()) {
        // The defaults are table data checked by the unit tests; a bad one is a build defect.
        if (assign_text(*this, spec, spec.default_value)) std::abort();
    }
}

std::optional<uint64_t> parse_memory(std::string_view text) {
    uint64_t value = 0;
    if (parse_memory_value(text, value) != NumberParse::ok) return std::nullopt;
    return value;
}

std::optional<bool> parse_bool(std::string_view text) {
    if (iequals(text, "yes") || iequals(text, "on") || iequals(text, "true")) return true;
    if (iequals(text, "no") || iequals(text, "off") || iequals(text, "false")) return false;
    return std::nullopt;
}

LoadResult load_config_from_json(std::string_view json_text, Config base) {
    LoadResult result;
    result.config = std::move(base);
    if (auto error = apply_json(result.config, json_text, "config: "))
        return fail(std::move(result), *error);
    if (auto error = validate(result.config)) return fail(std::move(result), *error);
    result.ok = true;
    return result;
}

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

    // First collect, so the config file (wherever --config appears) sits under every flag.
    struct Override {
        const OptionSpec* spec;
        std::string value;
    };
    std::vector<Override> overrides;
    std::optional<std::string> config_path;
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
                return fail(std::move(result), "config: unknown option '--" + std::string(name) +
                                                   "'" + suggestion(name, "--"));
            }
        } else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
            spec = find_short_option(arg[1]);
            if (spec == nullptr) {
                return fail(std::move(result),
                            "config: unknown option '" + std::string(arg.substr(0, 2)) + "'");
            }
            if (arg.size() > 2) value = std::string(arg.substr(arg[2] == '=' ? 3 : 2));
        } else {
            return fail(std::move(result), "config: unexpected argument " + quote(arg) +
                                               " (options are --NAME VALUE; see --help)");
        }
        if (!value) {
            bool next_is_value =
                i + 1 < argc && !(spec != nullptr && spec->type == OptionType::boolean &&
                                  std::string_view(argv[i + 1]).starts_with("-"));
            if (next_is_value) {
                value = argv[++i];
            } else if (spec != nullptr && spec->type == OptionType::boolean) {
                value = "yes";  // a bare boolean flag turns the option on
            } else {
                std::string name = is_config ? "config" : std::string(spec->name);
                return fail(std::move(result), "config: option '" + name + "' needs a value");
            }
        }
        if (is_config) {
            if (config_path) return fail(std::move(result), "config: --config is given twice");
            config_path = std::move(*value);
        } else {
            overrides.push_back({spec, std::move(*value)});
        }
    }

    if (config_path) {
        std::ifstream file(*config_path, std::ios::binary);
        if (!file) {
            return fail(std::move(result), "config: cannot read config file " +
                                               quote(*config_path) + ": " + std::strerror(errno));
        }
        std::stringstream contents;
        contents << file.rdbuf();
        if (auto error =
                apply_json(result.config, contents.str(), "config: " + *config_path + ": ")) {
            return fail(std::move(result), *error);
        }
    }
    for (const Override& o : overrides) {
        if (auto error = assign_text(result.config, *o.spec, o.value)) {
            return fail(std::move(result), "config: " + describe(*o.spec, *error));
        }
    }
    if (auto error = validate(result.config)) return fail(std::move(result), *error);
    result.ok = true;
    return result;
}

std::string help_text(std::string_view program) {
    struct Row {
        std::string flags;
        std::string description;
        std::string details;
    };
    std::vector<Row> rows = {
        {"-h, --help", "Print this help and exit.", ""},
        {"-v, --version", "Print the version and exit.", ""},
        {"    --config FILE", "JSON config file; its keys are the option names below.", ""},
    };
    for (const OptionSpec& spec : all_options()) {
        Row row;
        row.flags = spec.short_flag != 0 ? std::string("-") + spec.short_flag + ", " : "    ";
        row.flags += "--" + std::string(spec.name) + " ";
        for (char c : option_type_name(spec.type)) row.flags += static_cast<char>(std::toupper(c));
        row.description = spec.description;
        row.details = "default: " + (spec.default_value.empty() ? std::string("\"\"")
                                                                : std::string(spec.default_value));
        if (spec.type == OptionType::integer || spec.type == OptionType::memory) {
            if (!unbounded_above(spec)) {
                row.details +=
                    "; range " + format_bound(spec, spec.min) + ".." + format_bound(spec, spec.max);
            } else if (spec.min > 0) {
                row.details += "; " + range_phrase(spec);
            }
        }
        if (spec.type == OptionType::enumeration)
            row.details += "; one of " + join(spec.choices, ", ");
        if (spec.constraint == OptionConstraint::power_of_two) row.details += "; a power of two";
        if (spec.runtime_settable) row.details += "; CONFIG SET can change it";
        rows.push_back(std::move(row));
    }
    size_t width = 0;
    for (const Row& row : rows) width = std::max(width, row.flags.size());
    width += 2;

    std::string out = "Usage: " + std::string(program) +
                      " [--config FILE] [--OPTION VALUE | --OPTION=VALUE]...\n\n"
                      "Larder, a cache server speaking RESP and memcached over one store.\n"
                      "Settings come from defaults, then the config file, then the command line.\n"
                      "MEMORY values are bytes or take a unit: k=1000, kb=1024, m, mb, g, gb.\n\n";
    const std::string indent(width + 2, ' ');
    for (const Row& row : rows) {
        out += wrap("  " + row.flags + std::string(width - row.flags.size(), ' '), indent,
                    row.description);
        if (!row.details.empty()) out += wrap(indent, indent, row.details);
    }
    return out;
}

std::string option_value(const Config& config, const OptionSpec& spec) {
    switch (spec.type) {
        case OptionType::integer:
            return std::to_string(config.*std::get<int Config::*>(spec.field));
        case OptionType::memory:
            return std::to_string(config.*std::get<uint64_t Config::*>(spec.field));
        case OptionType::boolean:
            return config.*std::get<bool Config::*>(spec.field) ? "yes" : "no";
        case OptionType::string:
        case OptionType::enumeration:
            return config.*std::get<std::string Config::*>(spec.field);
        case OptionType::listeners: {
            json array = json::array();
            for (const ListenerConfig& l :
                 config.*std::get<std::vector<ListenerConfig> Config::*>(spec.field)) {
                array.push_back({{"bind", l.bind},
                                 {"port", l.port},
                                 {"protocol", protocol_name(l.protocol)},
                                 {"tls", l.tls}});
            }
            return render(array);
        }
    }
    return "";
}

std::optional<std::string> set_option(Config& config, std::string_view name, std::string_view value,
                                      bool runtime) {
    const OptionSpec* spec = find_option(name);
    if (spec == nullptr) {
        return "ERR Unknown option or number of arguments for CONFIG SET - '" + std::string(name) +
               "'";
    }
    if (runtime && !spec->runtime_settable) {
        return "ERR CONFIG SET failed (possibly related to argument '" + std::string(spec->name) +
               "') - can't set immutable config";
    }
    if (auto error = assign_text(config, *spec, value)) return describe_redis(*spec, *error);
    return std::nullopt;
}

std::vector<ListenerConfig> effective_listeners(const Config& config) {
    if (!config.listeners.empty()) return config.listeners;
    std::vector<ListenerConfig> out;
    if (config.port != 0) {
        out.push_back({config.bind, config.port, ListenerConfig::Protocol::auto_resp, false});
    }
    if (config.memcache_port != 0) {
        out.push_back(
            {config.bind, config.memcache_port, ListenerConfig::Protocol::auto_memcache, false});
    }
    return out;
}

unsigned worker_threads(const Config& config) {
    if (config.threads > 0) return static_cast<unsigned>(config.threads);
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace larder
