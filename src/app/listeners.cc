#include "src/app/listeners.h"

namespace larder::app {

std::vector<net::ListenSpec> listen_specs(const Config& config) {
    std::vector<net::ListenSpec> specs;
    for (const ListenerConfig& l : effective_listeners(config)) {
        net::ListenSpec s;
        s.bind = l.bind;
        s.port = l.port;
        s.backlog = config.tcp_backlog;
        switch (l.protocol) {
            case ListenerConfig::Protocol::auto_resp:
                s.protocol.fallback = net::ListenerDefault::resp;
                break;
            case ListenerConfig::Protocol::auto_memcache:
                s.protocol.fallback = net::ListenerDefault::memcache;
                break;
            case ListenerConfig::Protocol::resp:
                s.protocol.pinned = true;
                s.protocol.pinned_protocol = net::WireProtocol::resp;
                break;
            case ListenerConfig::Protocol::memcache:
                s.protocol.pinned = true;
                s.protocol.pinned_protocol = net::WireProtocol::memcache_text;
                break;
        }
        s.name = std::string(protocol_name(l.protocol));
        specs.push_back(s);
    }
    return specs;
}

}  // namespace larder::app
