// Rules that involve more than one option (docs/configuration.md, "Validation").
#include <vector>

#include "src/config/loading.h"

namespace larder::config_internal {

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
        // The rule TLS will need once it exists; until then refuse_unavailable() refuses any
        // listener with tls on, after this.
        if (listeners[i].tls && (config.tls_cert_file.empty() || config.tls_key_file.empty())) {
            return "config: option 'listeners' entry " + std::to_string(i) +
                   " has tls on, which needs 'tls-cert-file' and 'tls-key-file'";
        }
    }
    return std::nullopt;
}

}  // namespace larder::config_internal
