// The daemon: opens the listeners, starts one worker per thread, and stops them all on
// request. Runs on the main thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "src/server_context.h"
#include "src/worker.h"

namespace larder {

class Server {
  public:
    Server(ServerContext& ctx, const Config& config);
    ~Server();

    // Opens every listener once per worker and starts the workers. Returns an error line, or
    // an empty string on success.
    std::string start();
    // Thread-safe and idempotent.
    void request_stop();
    // Waits until every worker has finished.
    void wait();

  private:
    ServerContext& ctx_;
    Config config_;
    std::vector<std::unique_ptr<Worker>> workers_;
};

// The listeners a configuration asks for (explicit "listeners", else port + memcache-port).
std::vector<net::ListenSpec> listen_specs(const Config& config);

}  // namespace larder
