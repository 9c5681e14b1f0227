// Failing closed (DESIGN.md section 7) for options marked
// OptionSecurity::refused_until_available: a value that asks for a protection this build
// cannot give (a password without AUTH, TLS without TLS) is refused, never stored and ignored.
// Internal to src/config/; loading calls refuse_unavailable(), CONFIG SET unavailable_value().
#pragma once

#include <optional>
#include <string>

#include "src/config/config.h"
#include "src/config/options.h"

namespace larder::config_internal {

struct Refusal {
    std::string key;     // the option name, or the path of a listener key ("listeners[0].tls")
    std::string reason;  // e.g. "AUTH is not available yet; refusing a password that would
                         // not be enforced"
};

// Why the value `config` holds for `spec` must be refused; nullopt when it asks for nothing
// ("" for a string, no listener with tls on) or `spec` is not marked refused_until_available.
std::optional<Refusal> unavailable_value(const Config& config, const OptionSpec& spec);

// The first refusal over the whole table, in table order, as one line
// "config: KEY: REASON"; nullopt when nothing is refused.
std::optional<std::string> refuse_unavailable(const Config& config);

}  // namespace larder::config_internal
