// The steps load_config (command_line.cc) and load_config_from_json (json_file.cc) share.
// Internal to src/config/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "src/config/config.h"
#include "src/config/options.h"
#include "src/config/unavailable.h"

namespace larder::config_internal {

// Applies a JSON document (an object of option names to values; comments allowed) onto
// `config`. Errors are one line starting with `prefix` ("config: " or "config: PATH: ").
// On error `config` holds the keys applied before the bad one.
std::optional<std::string> apply_json(Config& config, std::string_view text,
                                      const std::string& prefix);  // json_file.cc

// Rules that involve more than one option, on the final values (so neither the order of keys
// nor the source of a value matters). One line, "config: ...".
std::optional<std::string> validate(const Config& config);  // cross_checks.cc

// " (did you mean 'PREFIXNAME'?)" for a near miss of an option name, else "".
std::string suggestion(std::string_view unknown, std::string_view prefix);  // suggest.cc

// Every check a loaded configuration must pass before it may run.
inline std::optional<std::string> final_checks(const Config& config) {
    if (auto error = validate(config)) return error;
    return refuse_unavailable(config);
}

inline LoadResult fail(LoadResult result, std::string error) {
    result.ok = false;
    result.error = std::move(error);
    return result;
}

}  // namespace larder::config_internal
