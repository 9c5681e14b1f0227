// The drop-in promises that only the final values can confirm (all sources applied).
#include "src/config/dropin.h"

namespace larder::config_internal {
namespace {

bool loopback(std::string_view address) {
    return address.starts_with("127.") || address == "::1" || address == "localhost";
}

}  // namespace

std::optional<std::string> dropin_final_checks(const Config& config, const DropinChecks& checks) {
    if (checks.sasl && config.memcache_auth_file.empty()) {
        return std::string(
            "config: -S: Larder's memcached logins need an auth file: give -Y FILE "
            "(memcache-auth-file), which enables SASL PLAIN and the text login");
    }
    // Redis's protected mode: without a password, only loopback clients. Larder keeps that
    // promise only by binding loopback addresses (a non-empty requirepass is refused anyway).
    if (!checks.protected_mode.empty() && config.requirepass.empty()) {
        for (const ListenerConfig& l : effective_listeners(config)) {
            if (loopback(l.bind)) continue;
            return "config: " + checks.protected_mode +
                   ": protected-mode yes: Larder has no protected mode and would accept "
                   "clients from other hosts on " +
                   l.bind + ":" + std::to_string(l.port) +
                   "; bind a loopback address or set protected-mode no";
        }
    }
    return std::nullopt;
}

}  // namespace larder::config_internal
