#include "src/server.h"

#include <unistd.h>

#include <thread>

#include "src/log.h"

namespace larder {

std::vector<net::ListenSpec> listen_specs(const Config& config) {
    std::vector<net::ListenSpec> specs;
    for (const ListenerConfig& l : effective_listeners(config)) {
        net::ListenSpec s;
        s.bind = l.bind;
        s.port = l.port;
        s.backlog = config.tcp_backlog;
        switch (l.protocol) {
            case ListenerConfig::Protocol::auto_resp:
                s.protocol.fallback = ListenerDefault::resp;
                break;
            case ListenerConfig::Protocol::auto_memcache:
                s.protocol.fallback = ListenerDefault::memcache;
                break;
            case ListenerConfig::Protocol::resp:
                s.protocol.pinned = true;
                s.protocol.pinned_protocol = WireProtocol::resp;
                break;
            case ListenerConfig::Protocol::memcache:
                s.protocol.pinned = true;
                s.protocol.pinned_protocol = WireProtocol::memcache_text;
                break;
        }
        s.name = std::string(protocol_name(l.protocol));
        specs.push_back(s);
    }
    return specs;
}

Server::Server(ServerContext& ctx, const Config& config) : ctx_(ctx), config_(config) {}

Server::~Server() {
    request_stop();
    wait();
}

std::string Server::start() {
    int threads = static_cast<int>(worker_threads(config_));
    auto specs = listen_specs(config_);
    if (specs.empty()) return "no listeners configured (port and memcache-port are both 0)";
    for (int i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>(i, ctx_));
    for (const auto& spec : specs) {
        for (auto& w : workers_) {
            net::OpenedSocket s = net::open_listen_socket(spec);
            if (s.fd < 0) return s.error;
            w->add_listener(s.fd, spec);
        }
        log::notice("listening on " + spec.bind + ":" + std::to_string(spec.port) + " (" +
                    spec.name + ")");
    }
    for (auto& w : workers_) w->start();
    log::notice("ready: " + std::to_string(threads) + " worker threads");
    return "";
}

void Server::request_stop() {
    for (auto& w : workers_) w->request_stop();
}

void Server::wait() {
    for (auto& w : workers_) w->join();
}

}  // namespace larder
