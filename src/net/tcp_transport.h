// Transport over a libuv TCP handle. Lives on one worker's loop; not thread-safe.
#pragma once

#include <uv.h>

#include <memory>
#include <string>

#include "src/net/transport.h"

namespace larder::net {

class TcpTransport final : public Transport {
  public:
    ~TcpTransport() override;
    // Takes a uv_tcp_t (heap-allocated) already accepted on a loop. The owner must destroy
    // the transport only after on_closed, which frees the handle with it.
    static std::unique_ptr<TcpTransport> adopt(uv_tcp_t* accepted, char* read_buffer,
                                               size_t read_buffer_size);

    void start(TransportHandler* handler) override;
    void write(std::string bytes) override;
    size_t pending_bytes() const override { return pending_bytes_; }
    void pause_reading() override;
    void resume_reading() override;
    void shutdown() override;
    void close() override;
    std::string peer_address() const override;

  private:
    struct WriteReq;
    TcpTransport(uv_tcp_t* handle, char* read_buffer, size_t read_buffer_size);

    static void alloc_cb(uv_handle_t* h, size_t suggested, uv_buf_t* buf);
    static void read_cb(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf);
    static void write_cb(uv_write_t* req, int status);
    static void shutdown_cb(uv_shutdown_t* req, int status);
    static void close_cb(uv_handle_t* h);
    void begin_close();

    uv_tcp_t* handle_;
    // Shared per worker: a read is consumed (or copied) before the next one starts.
    char* read_buffer_;
    size_t read_buffer_size_;
    TransportHandler* handler_ = nullptr;
    size_t pending_bytes_ = 0;
    size_t writes_in_flight_ = 0;
    bool reading_ = false;
    bool shutting_down_ = false;
    bool closing_ = false;
    bool handle_closed_ = false;
};

}  // namespace larder::net
