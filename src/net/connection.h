// One client connection: owns its transport, detects the protocol on the first byte, runs the
// batch loop that feeds input to the protocol session one request at a time (read budget,
// output budget, bytes counted, draining at shutdown), and sends each batch's replies with
// one write. Lives on one worker thread for its whole life.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "protocols/common/out_buffer.h"
#include "src/net/detect.h"
#include "src/net/transport.h"
#include "src/server/service.h"

namespace larder::net {

using server::ConnectionLimits;

// Opens the session once the protocol is known, from the facts the connection has.
using SessionOpener = std::function<std::unique_ptr<server::Session>(server::ConnectionFacts)>;

class Connection final : public TransportHandler {
  public:
    // on_gone runs after the transport closed; the owner then destroys the connection.
    Connection(std::unique_ptr<Transport> transport, ListenerProtocol protocol,
               std::string listener_name, SessionOpener opener, ConnectionLimits limits,
               std::function<void(Connection*)> on_gone);
    ~Connection() override;

    void start();
    // Stop reading, send replies in flight, then close (server shutdown).
    void shutdown();
    // Closes now, dropping what is queued (a stopping server's deadline passed).
    void close_now() { transport_->close(); }

    void on_bytes(std::string_view bytes) override;
    void on_eof() override;
    void on_drained() override;
    void on_closed() override;

  private:
    struct Batch {
        size_t consumed = 0;
        bool close = false;
        bool output_full = false;  // stopped with whole requests left: output reached the budget
    };
    void process(std::string_view input, bool input_is_buffer);
    Batch run_batch(std::string_view input);
    void flush_output();
    void finish_stop();

    std::unique_ptr<Transport> transport_;
    ListenerProtocol protocol_;
    std::string listener_name_;
    SessionOpener opener_;
    ConnectionLimits limits_;
    std::function<void(Connection*)> on_gone_;
    std::unique_ptr<server::Session> session_;
    std::string input_;  // bytes of an incomplete request carried between reads
    proto::OutBuffer output_;
    bool closing_ = false;
    bool paused_ = false;    // not reading: the client is behind on its replies
    bool stopping_ = false;  // server shutdown: answer what was read, then close
};

}  // namespace larder::net
