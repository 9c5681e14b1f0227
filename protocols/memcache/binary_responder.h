// Encodes meaning-level replies as memcached binary response packets. begin() with each
// request first: it remembers the opcode (echoed as sent, quiet forms included), the opaque
// (echoed), and whether the opcode is quiet. Quiet rules are memcached's: quiet opcodes drop
// success replies and get misses, never errors; hits of quiet gets are always sent.
#pragma once

#include <cstdint>
#include <string_view>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/binary_request.h"
#include "protocols/memcache/responder.h"

namespace larder::memcache {

class BinaryResponder final : public Responder {
  public:
    // `out` must outlive the responder; packets are appended to it.
    explicit BinaryResponder(proto::OutBuffer& out) : out_(out) {}

    void begin(const BinaryRequest& req);

    using Responder::stored;
    using Responder::touched;
    void stored_cas(uint64_t cas) override;
    void not_stored() override;
    void exists() override;
    void not_found() override;
    void deleted() override;
    void touched(uint32_t flags, uint64_t cas) override;
    void ok() override;
    void quit() override;
    void value(std::string_view key, uint32_t flags, uint64_t cas, std::string_view data) override;
    void miss(std::string_view key) override;
    void end_values() override;
    void number(uint64_t value, uint64_t cas) override;
    void version(std::string_view version) override;
    void stat(std::string_view name, std::string_view value) override;
    void end_stats() override;
    void stats_reset() override;
    void stats_dump(std::string_view text) override;
    void no_such_stats(std::string_view text_error = {}) override;
    void error(ErrorKind kind, std::string_view text = {}) override;

    // SASL (binary only): the mechanism list; a successful AUTH; a failed AUTH or STEP, or a
    // command refused before authentication (the caller then closes the connection).
    void sasl_mechanisms(std::string_view names);
    void sasl_authenticated();
    void auth_failed();

  private:
    void packet(BinaryStatus status, std::string_view extras, std::string_view key,
                std::string_view body, uint64_t cas);
    void success(uint64_t cas = 0);
    void failure(BinaryStatus status, std::string_view text = {});

    proto::OutBuffer& out_;
    uint8_t opcode_ = 0;
    uint8_t base_ = 0;
    uint32_t opaque_ = 0;
    bool quiet_ = false;
};

}  // namespace larder::memcache
