// A worker thread: its own libuv loop, its own listening socket per listener, and the
// connections it accepted, which stay on it for life. Commands run through the worker's
// server::Service (the seam); nothing here is shared with other workers, and cross-thread
// requests arrive through uv_async.
#pragma once

#include <uv.h>

#include <atomic>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

#include "src/net/connection.h"
#include "src/net/listen_socket.h"
#include "src/server/service.h"

namespace larder::net {

class Worker {
  public:
    // `service` must outlive the worker; it is used only on the worker's thread once started.
    Worker(int index, server::Service& service);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Adopts an already listening socket (before start()).
    void add_listener(int fd, const ListenSpec& spec);
    void start();
    // Thread-safe: stop accepting, finish replies in flight, close connections, end the loop.
    void request_stop();
    void join();

    int index() const { return index_; }

  private:
    struct Listener {
        uv_tcp_t handle;
        ListenSpec spec;
        Worker* worker;
    };

    void run();
    void begin_stop();
    static void on_new_connection(uv_stream_t* server, int status);
    static void on_stop_async(uv_async_t* async);
    static void on_expiry_timer(uv_timer_t* timer);
    void accept_from(Listener& listener);
    void refuse(std::unique_ptr<Transport> transport, std::string reply);

    int index_;
    server::Service& service_;
    uv_loop_t loop_{};
    uv_async_t stop_async_{};
    uv_timer_t expiry_timer_{};
    uv_timer_t stop_deadline_{};
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
    std::unique_ptr<char[]> read_buffer_;
    std::thread thread_;
    bool stopping_ = false;
};

}  // namespace larder::net
