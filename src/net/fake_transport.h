// An in-memory Transport for unit tests: the test pushes bytes in and reads what the
// connection wrote, so pipelining, partial reads and backpressure are tested without sockets.
#pragma once

#include <string>

#include "src/net/transport.h"

namespace larder::net {

class FakeTransport final : public Transport {
  public:
    void start(TransportHandler* handler) override { handler_ = handler; }
    void write(std::string bytes) override {
        if (closed_ || shutdown_) return;
        written_ += bytes;
        ++write_calls_;
    }
    size_t pending_bytes() const override { return pending_; }
    void pause_reading() override { paused_ = true; }
    void resume_reading() override { paused_ = false; }
    // Closing completes only when the test says so (finish_close), as a real close is
    // asynchronous: the connection must not be destroyed inside its own call.
    void shutdown() override { shutdown_ = true; }
    void close() override { closed_ = true; }
    std::string peer_address() const override { return "127.0.0.1:1"; }

    // Test side.
    void feed(std::string_view bytes) {
        if (handler_ && !paused_) handler_->on_bytes(bytes);
    }
    void peer_closes() {
        if (handler_) handler_->on_eof();
    }
    // Simulates a slow reader: pretend this many bytes still wait in the kernel queue.
    void set_pending(size_t n) { pending_ = n; }
    void drain() {
        pending_ = 0;
        if (handler_) handler_->on_drained();
    }
    std::string take_written() {
        std::string s;
        s.swap(written_);
        return s;
    }
    size_t write_calls() const { return write_calls_; }
    bool paused() const { return paused_; }
    bool is_closed() const { return closed_ || shutdown_; }

    void finish_close() {
        if (finished_) return;
        finished_ = true;
        if (handler_) handler_->on_closed();
    }

  private:
    TransportHandler* handler_ = nullptr;
    std::string written_;
    size_t write_calls_ = 0;
    size_t pending_ = 0;
    bool paused_ = false;
    bool shutdown_ = false;
    bool closed_ = false;
    bool finished_ = false;
};

}  // namespace larder::net
