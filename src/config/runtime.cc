// CONFIG GET and CONFIG SET: an option's current value as text, and a validated set in
// Redis 7's error wording.
#include "src/config/unavailable.h"
#include "src/config/values.h"

namespace larder {

using namespace config_internal;

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
        case OptionType::listeners:
            return listeners_json(config.*
                                  std::get<std::vector<ListenerConfig> Config::*>(spec.field));
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
        return redis_set_failed(spec->name) + "can't set immutable config";
    }
    Config changed = config;
    if (auto error = assign_text(changed, *spec, value)) return describe_redis(*spec, *error);
    if (runtime) {
        // Failing closed at run time: a value the server could not enforce is never stored.
        if (auto refusal = unavailable_value(changed, *spec))
            return redis_set_failed(spec->name) + refusal->reason;
    }
    config = std::move(changed);
    return std::nullopt;
}

}  // namespace larder
