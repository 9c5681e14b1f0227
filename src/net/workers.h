// The workers of a server: opens every listener once per worker, starts one worker thread
// per service, and stops them all on request. Created and driven from the main thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "src/net/listen_socket.h"
#include "src/net/worker.h"
#include "src/server/service.h"

namespace larder::net {

class WorkerPool {
  public:
    // One worker per service; the services must outlive the pool.
    explicit WorkerPool(std::vector<server::Service*> services);
    ~WorkerPool();

    // Refuses a listener whose port another socket already serves, then opens every listener
    // once per worker and starts the workers. Returns an error line, or "" on success.
    std::string start(const std::vector<ListenSpec>& listeners);
    // Thread-safe and idempotent.
    void request_stop();
    // Waits until every worker has finished.
    void wait();

  private:
    std::vector<server::Service*> services_;
    std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace larder::net
