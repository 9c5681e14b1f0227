// What is refused until its feature lands: the option table says which options (their
// security marking) and why (their security note); this file applies it to values.
#include "src/config/unavailable.h"

#include <vector>

namespace larder::config_internal {
namespace {

// A listener with tls on would be served in plaintext: refused until the TLS issue lands.
std::optional<Refusal> tls_listener(const std::vector<ListenerConfig>& listeners) {
    for (size_t i = 0; i < listeners.size(); ++i) {
        if (!listeners[i].tls) continue;
        return Refusal{"listeners[" + std::to_string(i) + "].tls",
                       "TLS is not available in this build yet; refusing to serve port " +
                           std::to_string(listeners[i].port) + " in plaintext"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Refusal> unavailable_value(const Config& config, const OptionSpec& spec) {
    if (spec.security != OptionSecurity::refused_until_available) return std::nullopt;
    // options.cc allows this marking on string and listeners options only.
    if (const auto* field = std::get_if<std::string Config::*>(&spec.field)) {
        if ((config.*(*field)).empty()) return std::nullopt;
        return Refusal{std::string(spec.name), std::string(spec.security_note)};
    }
    if (const auto* field = std::get_if<std::vector<ListenerConfig> Config::*>(&spec.field)) {
        return tls_listener(config.*(*field));
    }
    return std::nullopt;
}

std::optional<std::string> refuse_unavailable(const Config& config) {
    for (const OptionSpec& spec : all_options()) {
        if (auto refusal = unavailable_value(config, spec))
            return "config: " + refusal->key + ": " + refusal->reason;
    }
    return std::nullopt;
}

}  // namespace larder::config_internal
