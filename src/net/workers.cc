#include "src/net/workers.h"

#include "src/base/log.h"

namespace larder::net {

WorkerPool::WorkerPool(std::vector<server::Service*> services) : services_(std::move(services)) {}

WorkerPool::~WorkerPool() {
    request_stop();
    wait();
}

std::string WorkerPool::start(const std::vector<ListenSpec>& listeners) {
    if (listeners.empty()) return "no listeners configured (port and memcache-port are both 0)";
    for (const ListenSpec& spec : listeners) {
        if (std::string err = check_port_free(spec); !err.empty()) return err;
    }
    for (size_t i = 0; i < services_.size(); ++i)
        workers_.push_back(std::make_unique<Worker>(static_cast<int>(i), *services_[i]));
    for (const ListenSpec& spec : listeners) {
        for (auto& w : workers_) {
            OpenedSocket s = open_listen_socket(spec);
            if (s.fd < 0) return s.error;
            w->add_listener(s.fd, spec);
        }
        log::notice("listening on " + spec.bind + ":" + std::to_string(spec.port) + " (" +
                    spec.name + ")");
    }
    for (auto& w : workers_) w->start();
    log::notice("ready: " + std::to_string(workers_.size()) + " worker threads");
    return "";
}

void WorkerPool::request_stop() {
    for (auto& w : workers_) w->request_stop();
}

void WorkerPool::wait() {
    for (auto& w : workers_) w->join();
}

}  // namespace larder::net
