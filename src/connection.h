// One client connection: owns its transport, detects the protocol on the first byte, feeds
// input to the protocol session and sends each read's replies with one write. Lives on one
// worker thread for its whole life.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "protocols/common/out_buffer.h"
#include "src/detect.h"
#include "src/session.h"
#include "src/transport.h"

namespace larder {

struct ConnectionLimits {
    // Stop reading from a client while this many reply bytes wait to be sent; a client that
    // pipelines without reading cannot make the server buffer without bound.
    size_t max_pending_output = 8u << 20;
    // A request still incomplete past this many buffered bytes is a protocol error; the
    // protocols' own limits (bulk length, item size) are checked before this is reached.
    size_t max_input_buffer = 1200u << 20;
};

// Chooses the pinned protocol of a listener, or detection with a text default.
struct ListenerProtocol {
    bool pinned = false;
    WireProtocol pinned_protocol = WireProtocol::resp;
    ListenerDefault fallback = ListenerDefault::resp;
};

class Connection;
using SessionFactory = std::function<std::unique_ptr<Session>(WireProtocol, Connection&)>;

class Connection final : public net::TransportHandler {
  public:
    // on_gone runs after the transport closed; the owner then destroys the connection.
    Connection(std::unique_ptr<net::Transport> transport, ListenerProtocol protocol,
               SessionFactory factory, ConnectionLimits limits,
               std::function<void(Connection*)> on_gone);
    ~Connection() override;

    void start();
    // Stop reading, send replies in flight, then close (server shutdown).
    void shutdown();
    net::Transport& transport() { return *transport_; }

    void on_bytes(std::string_view bytes) override;
    void on_eof() override;
    void on_drained() override;
    void on_closed() override;

  private:
    void process(std::string_view input, bool input_is_buffer);
    void flush_output();
    void finish_stop();

    std::unique_ptr<net::Transport> transport_;
    ListenerProtocol protocol_;
    SessionFactory factory_;
    ConnectionLimits limits_;
    std::function<void(Connection*)> on_gone_;
    std::unique_ptr<Session> session_;
    std::string input_;  // bytes of an incomplete request carried between reads
    proto::OutBuffer output_;
    bool closing_ = false;
    bool paused_ = false;    // not reading: the client is behind on its replies
    bool stopping_ = false;  // server shutdown: answer what was read, then close
};

}  // namespace larder
