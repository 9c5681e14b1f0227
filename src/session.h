// A protocol session: turns a connection's unconsumed input bytes into replies, one protocol
// per connection, chosen by detection on the first byte. Runs on the connection's worker.
#pragma once

#include <cstddef>
#include <string_view>

#include "protocols/common/out_buffer.h"

namespace larder {

struct ProcessResult {
    size_t consumed = 0;  // input bytes fully handled; the rest is kept for the next read
    bool close = false;   // send what is in the output, then close (QUIT, protocol error)
};

class Session {
  public:
    virtual ~Session() = default;
    // Handles every complete request in input, appending replies to out in request order.
    virtual ProcessResult process(std::string_view input, proto::OutBuffer& out) = 0;
};

}  // namespace larder
