// The seam between the network (src/net) and command execution (src/server): the one header
// of src/server that src/net includes. A worker's connections reach commands only through a
// Service and the Sessions it opens; nothing here names a socket, a transport, a command or
// the store, so either side can change without the other noticing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/common/out_buffer.h"

namespace larder::server {

// What a connection speaks, decided once per connection by detection in src/net.
enum class WireProtocol : uint8_t { resp, memcache_text, memcache_binary };

// What the network knows about a connection and command execution may show (CLIENT LIST,
// `stats conns`, ACL, logs). Copied into the session when it opens.
struct ConnectionFacts {
    std::string peer;      // "ip:port"
    std::string listener;  // the listener's name, e.g. "auto-resp"
    WireProtocol protocol = WireProtocol::resp;
    std::optional<std::string> peer_cert;  // PEM, on transports that authenticate peers
};

// Outcome of one Session::step.
struct Step {
    enum class Status : uint8_t {
        handled,    // one request (or login step, or answered protocol error) was taken
        need_more,  // the input holds no whole request; call again with more bytes
        close,      // send what is in the output, then close (QUIT, fatal protocol error)
    };
    Status status = Status::need_more;
    size_t consumed = 0;  // bytes taken from the front of the input when handled

    static Step handled(size_t n) { return {Status::handled, n}; }
    static Step need_more() { return {Status::need_more, 0}; }
    static Step close() { return {Status::close, 0}; }
};

// One connection's protocol session: parses and dispatches, one request per step. The
// connection (src/net) owns the batch loop around it: read and output budgets, byte counts,
// draining at shutdown. Lives on its connection's worker thread, and dies with it.
class Session {
  public:
    virtual ~Session() = default;
    // Takes the request at the front of `input` (all unconsumed bytes of the connection) and
    // appends its reply to `out`. After need_more, the next call repeats the same bytes plus
    // whatever arrived since (the buffer may have moved).
    virtual Step step(std::string_view input, proto::OutBuffer& out) = 0;
    // After each batch of steps: `bytes` of input were consumed (all of them when the batch
    // ended in close).
    virtual void end_batch(size_t bytes) = 0;
};

// Limits a connection applies to its buffers, from the configuration at accept time.
struct ConnectionLimits {
    // Stop reading from a client while this many reply bytes wait to be sent; a client that
    // pipelines without reading cannot make the server buffer without bound.
    size_t max_pending_output = 8u << 20;
    // A request still incomplete past this many buffered bytes is a protocol error; the
    // protocols' own limits (bulk length, item size) are checked before this is reached.
    size_t max_input_buffer = 1200u << 20;
    // A batch stops taking requests once its replies reach this many bytes, so one client's
    // pipelined large GETs cannot hold its worker (and other clients) for long or build an
    // unbounded reply buffer; the connection continues once the replies are sent.
    size_t max_batch_output = 1u << 20;
};

// Command execution as one worker sees it. One instance per worker; every call is made on
// that worker's thread.
class Service {
  public:
    virtual ~Service() = default;
    // A connection was accepted on a listener whose text default is `listener_default`.
    // nullopt admits it; otherwise the bytes to send before closing it (maxclients), in
    // that protocol.
    virtual std::optional<std::string> admit(WireProtocol listener_default) = 0;
    // An admitted connection closed (whether or not it opened a session).
    virtual void connection_closed() = 0;
    virtual ConnectionLimits connection_limits() = 0;
    // The connection's protocol is known (first bytes seen).
    virtual std::unique_ptr<Session> open_session(ConnectionFacts facts) = 0;
    // Periodic work (active expiry), `tick_hz()` times a second.
    virtual void tick(uint64_t period_us) = 0;
    virtual int tick_hz() = 0;
};

}  // namespace larder::server
