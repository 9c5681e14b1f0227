// The byte pipe under a benchmark connection. The runner only sees this interface, so a TLS
// transport (an SSL object over the same non-blocking socket, where a read may also need the
// socket writable and vice versa) can be added by implementing it and extending the factory;
// nothing in the request/reply logic changes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <sys/types.h>

namespace larder_bench {

struct IoResult {
  enum Kind { kOk, kWouldBlock, kClosed, kError } kind;
  std::size_t bytes;   // for kOk
  int err;             // errno for kError
};

class Transport {
 public:
  virtual ~Transport() = default;
  // The socket to poll. A transport that needs the other direction to make progress (a TLS
  // handshake or renegotiation) says so through wants_read()/wants_write().
  virtual int fd() const = 0;
  virtual IoResult read(char* buf, std::size_t cap) = 0;
  virtual IoResult write(const char* buf, std::size_t len) = 0;
  virtual bool wants_write() const { return false; }
  virtual bool wants_read() const { return false; }
  virtual std::string describe() const = 0;  // e.g. "tcp 127.0.0.1:6379"
};

enum class TransportKind { kTcp /*, kTls later */ };

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 0;
  TransportKind kind = TransportKind::kTcp;
  double connect_timeout_s = 5.0;
};

// Connects (blocking, with a timeout), then switches the socket to non-blocking with
// TCP_NODELAY. nullptr and *err on failure.
std::unique_ptr<Transport> connect_transport(const Endpoint& ep, std::string* err);

}  // namespace larder_bench
