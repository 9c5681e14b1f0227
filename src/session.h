// A protocol session: turns a connection's unconsumed input bytes into replies, one protocol
// per connection, chosen by detection on the first byte. Runs on the connection's worker.
#pragma once

#include <cstddef>
#include <string_view>

#include "protocols/common/out_buffer.h"

namespace larder {

struct ProcessResult {
    size_t consumed = 0;       // input bytes fully handled; the rest is kept for later
    bool close = false;        // send what is in the output, then close (QUIT, protocol error)
    bool output_full = false;  // stopped early with whole requests left: out reached the budget
};

// A session stops taking requests from one batch once its replies reach this many bytes, so
// one client's pipelined large GETs cannot hold its worker (and other clients) for long or
// build an unbounded reply buffer; the connection continues once the transport drains.
inline constexpr size_t kOutputBatchBudget = 1u << 20;

class Session {
  public:
    virtual ~Session() = default;
    // Handles every complete request in input, appending replies to out in request order.
    virtual ProcessResult process(std::string_view input, proto::OutBuffer& out) = 0;
};

}  // namespace larder
