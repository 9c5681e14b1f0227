// Typed option values, internal to src/config/: parsing text and JSON into a Config field
// (driven by OptionSpec::type and OptionSpec::field, so no code names an individual option),
// the listener array, and the words for a refused value in both wordings (config file and
// command line; Redis's CONFIG SET).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/config/config.h"
#include "src/config/options.h"

namespace larder::config_internal {

// Why a value was refused. Each fault is rendered two ways: describe() and describe_redis().
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

inline ValueError refuse(Fault fault, std::string got) {
    return ValueError{fault, std::move(got), {}};
}

inline ValueError refuse_listeners(std::string detail) {
    return ValueError{Fault::bad_listeners, {}, std::move(detail)};
}

// ---- numbers (values.cc) -----------------------------------------------------------------

enum class NumberParse { ok, malformed, overflow };

// An integer option's syntax: an optional '-', then decimal digits; leading zeros and "-0"
// are accepted (unlike Redis's strict command-argument rule in base/numbers.h). overflow:
// well-formed but outside int64_t.
NumberParse parse_integer_text(std::string_view text, int64_t& out);

// Redis's memtoull syntax: digits, then an optional unit (b, k, kb, m, mb, g, gb, any case);
// no sign, spaces or fractions. overflow: the byte count does not fit 64 bits.
NumberParse parse_memory_value(std::string_view text, uint64_t& out);

// ---- storing (values.cc, listeners.cc) ---------------------------------------------------

// The single place a textual value becomes a typed one: parse, check type, range and
// constraint, store through spec.field. Writes to `config` only on success.
std::optional<ValueError> assign_text(Config& config, const OptionSpec& spec,
                                      std::string_view text);

// A config-file value: JSON numbers and strings go through assign_text; other JSON kinds are
// accepted only where they mean something (booleans, the listener array).
std::optional<ValueError> assign_json(Config& config, const OptionSpec& spec,
                                      const nlohmann::json& value);

// Parses the "listeners" array into `out` (only on success). Strict like the top level:
// unknown keys and wrong types are errors, so a typo never silently opens a default listener.
std::optional<ValueError> parse_listeners(const nlohmann::json& value,
                                          std::vector<ListenerConfig>& out);

// The listener array as CONFIG GET prints it: compact JSON with every key.
std::string listeners_json(const std::vector<ListenerConfig>& listeners);

// ---- words (value_errors.cc) -------------------------------------------------------------

// A max of INT_MAX or INT64_MAX means "no real limit, only what the field holds": messages
// then say "at least MIN" rather than quote a 10- or 19-digit bound nobody chose.
bool unbounded_above(const OptionSpec& spec);

// "512mb" rather than 536870912 where the unit is exact; for bounds in messages and help.
std::string format_memory(uint64_t bytes);

// A bound of the option's range in its own syntax (memory with a unit, integers plain).
std::string format_bound(const OptionSpec& spec, int64_t bound);

// "between MIN and MAX" or "at least MIN".
std::string range_phrase(const OptionSpec& spec);

// "option 'NAME' expects ..." — the config-file and command-line wording.
std::string describe(const OptionSpec& spec, const ValueError& error);

// Redis 7's CONFIG SET wording (checked against redis-server 7.0.15):
// "ERR CONFIG SET failed (possibly related to argument 'NAME') - ...".
std::string describe_redis(const OptionSpec& spec, const ValueError& error);

// The prefix of every CONFIG SET failure about option `name`.
std::string redis_set_failed(std::string_view name);

}  // namespace larder::config_internal
