// Parsing typed values and storing them through the option table.
#include "src/config/values.h"

#include "src/base/ascii.h"
#include "src/base/numbers.h"
#include "src/config/text.h"

namespace larder::config_internal {
namespace {

using nlohmann::json;

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * kKiB;
constexpr uint64_t kGiB = 1024 * kMiB;

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

// Magnitude of a non-empty digit string. base::parse_uint64 has the same rule for digits but
// caps the length at 20 characters, so leading zeros (which config accepts) are dropped first;
// nullopt then only means "more than 64 bits".
std::optional<uint64_t> digits_value(std::string_view digits) {
    size_t first = digits.find_first_not_of('0');
    digits =
        first == std::string_view::npos ? digits.substr(digits.size() - 1) : digits.substr(first);
    return base::parse_uint64(digits);
}

std::optional<ValueError> check_range(const OptionSpec& spec, std::string_view text, bool below_min,
                                      bool above_max) {
    if (above_max && unbounded_above(spec)) return refuse(Fault::too_large, std::string(text));
    if (below_min || above_max) return refuse(Fault::out_of_range, std::string(text));
    return std::nullopt;
}

std::optional<ValueError> assign_integer(Config& config, const OptionSpec& spec,
                                         std::string_view text) {
    int64_t value = 0;
    NumberParse parsed = parse_integer_text(text, value);
    if (parsed == NumberParse::malformed) return refuse(Fault::not_integer, quote(text));
    if (parsed == NumberParse::overflow)
        return check_range(spec, text, text[0] == '-', text[0] != '-');
    if (auto error = check_range(spec, text, value<spec.min, value> spec.max)) return error;
    if (spec.constraint == OptionConstraint::power_of_two && (value & (value - 1)) != 0) {
        return refuse(Fault::not_power_of_two, std::string(text));
    }
    config.*std::get<int Config::*>(spec.field) = static_cast<int>(value);
    return std::nullopt;
}

std::optional<ValueError> assign_memory(Config& config, const OptionSpec& spec,
                                        std::string_view text) {
    uint64_t value = 0;
    NumberParse parsed = parse_memory_value(text, value);
    if (parsed == NumberParse::malformed) return refuse(Fault::not_memory, quote(text));
    bool above = parsed == NumberParse::overflow || value > static_cast<uint64_t>(spec.max);
    bool below = !above && value < static_cast<uint64_t>(spec.min);
    if (auto error = check_range(spec, text, below, above)) return error;
    config.*std::get<uint64_t Config::*>(spec.field) = value;
    return std::nullopt;
}

std::optional<ValueError> assign_listeners(Config& config, const OptionSpec& spec,
                                           const json& value) {
    std::vector<ListenerConfig> listeners;
    if (auto error = parse_listeners(value, listeners)) return error;
    config.*std::get<std::vector<ListenerConfig> Config::*>(spec.field) = std::move(listeners);
    return std::nullopt;
}

}  // namespace

NumberParse parse_integer_text(std::string_view text, int64_t& out) {
    bool negative = text.starts_with('-');
    std::string_view digits = negative ? text.substr(1) : text;
    if (!all_digits(digits)) return NumberParse::malformed;
    std::optional<uint64_t> magnitude = digits_value(digits);
    constexpr uint64_t kMaxPositive = static_cast<uint64_t>(INT64_MAX);
    if (!magnitude || *magnitude > kMaxPositive + (negative ? 1 : 0)) return NumberParse::overflow;
    out = negative ? static_cast<int64_t>(0 - *magnitude) : static_cast<int64_t>(*magnitude);
    return NumberParse::ok;
}

NumberParse parse_memory_value(std::string_view text, uint64_t& out) {
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return NumberParse::malformed;
    std::string unit = base::to_lower(text.substr(digits));
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
    std::optional<uint64_t> number = digits_value(text.substr(0, digits));
    if (!number || *number > UINT64_MAX / multiplier) return NumberParse::overflow;
    out = *number * multiplier;
    return NumberParse::ok;
}

std::optional<ValueError> assign_text(Config& config, const OptionSpec& spec,
                                      std::string_view text) {
    switch (spec.type) {
        case OptionType::integer:
            return assign_integer(config, spec, text);
        case OptionType::memory:
            return assign_memory(config, spec, text);
        case OptionType::boolean: {
            std::optional<bool> value = parse_bool(text);
            if (!value) return refuse(Fault::not_boolean, quote(text));
            config.*std::get<bool Config::*>(spec.field) = *value;
            return std::nullopt;
        }
        case OptionType::string:
            if (spec.constraint == OptionConstraint::non_empty && text.empty()) {
                return refuse(Fault::empty, quote(text));
            }
            config.*std::get<std::string Config::*>(spec.field) = std::string(text);
            return std::nullopt;
        case OptionType::enumeration:
            for (std::string_view choice : spec.choices) {
                if (base::equals_ci(choice, text)) {
                    config.*std::get<std::string Config::*>(spec.field) = std::string(choice);
                    return std::nullopt;
                }
            }
            return refuse(Fault::not_choice, quote(text));
        case OptionType::listeners: {
            json value = json::parse(text, nullptr, /*allow_exceptions=*/false,
                                     /*ignore_comments=*/true);
            if (value.is_discarded()) {
                return refuse_listeners("expects a JSON array of listener objects, got " +
                                        quote(text));
            }
            return assign_listeners(config, spec, value);
        }
    }
    return refuse(Fault::not_string, quote(text));
}

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
        case OptionType::listeners:
            return assign_listeners(config, spec, value);
    }
    return refuse(Fault::not_string, render(value));
}

}  // namespace larder::config_internal

namespace larder {

std::optional<uint64_t> parse_memory(std::string_view text) {
    uint64_t value = 0;
    if (config_internal::parse_memory_value(text, value) != config_internal::NumberParse::ok)
        return std::nullopt;
    return value;
}

std::optional<bool> parse_bool(std::string_view text) {
    using base::equals_ci;
    if (equals_ci(text, "yes") || equals_ci(text, "on") || equals_ci(text, "true")) return true;
    if (equals_ci(text, "no") || equals_ci(text, "off") || equals_ci(text, "false")) return false;
    return std::nullopt;
}

}  // namespace larder
