// The byte pipe under a connection. TCP, TLS (later) and the in-memory fake used by tests
// each implement it; only a listener's factory chooses one, so nothing above this layer
// knows which it talks to.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace larder::net {

// Callbacks from a transport to its owner. All run on the transport's worker thread.
class TransportHandler {
  public:
    virtual ~TransportHandler() = default;
    // Bytes arrived. The view is valid only during the call.
    virtual void on_bytes(std::string_view bytes) = 0;
    // The peer closed its side, or the socket failed; no more bytes will come.
    virtual void on_eof() = 0;
    // All queued writes reached the kernel (or were dropped by close).
    virtual void on_drained() = 0;
    // The transport is closed and will make no further calls; the owner may free it now.
    virtual void on_closed() = 0;
};

class Transport {
  public:
    virtual ~Transport() = default;
    // Begins delivering bytes to handler. Called once.
    virtual void start(TransportHandler* handler) = 0;
    // Queues bytes for sending, in order; the transport owns them until they are written.
    virtual void write(std::string bytes) = 0;
    // Bytes queued but not yet accepted by the kernel; drives backpressure.
    virtual size_t pending_bytes() const = 0;
    // Backpressure: stop / restart delivering bytes.
    virtual void pause_reading() = 0;
    virtual void resume_reading() = 0;
    // Sends what is queued, then closes. on_closed follows.
    virtual void shutdown() = 0;
    // Closes now, dropping queued bytes. on_closed follows.
    virtual void close() = 0;
    // The peer's certificate (PEM) on transports that authenticate peers.
    virtual std::optional<std::string> peer_cert() const { return std::nullopt; }
    // "ip:port" of the peer, for CLIENT LIST and logs.
    virtual std::string peer_address() const = 0;
};

}  // namespace larder::net
