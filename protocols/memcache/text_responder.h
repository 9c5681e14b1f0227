// Encodes meaning-level replies as memcached text-protocol lines. begin() with each request
// first: it arms noreply (which silences every reply of that request, errors included, as
// memcached does) and whether VALUE lines carry the CAS (gets/gats).
#pragma once

#include <cstdint>
#include <string_view>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/responder.h"
#include "protocols/memcache/text_parser.h"

namespace larder::memcache {

// Appends memcached's text error line for `kind` ("ERROR", "CLIENT_ERROR <text>", ...);
// `text` replaces the kind's default message.
void append_text_error(proto::OutBuffer& out, ErrorKind kind, std::string_view text = {});

class TextResponder final : public Responder {
  public:
    // `out` must outlive the responder; replies are appended to it.
    explicit TextResponder(proto::OutBuffer& out) : out_(out) {}

    void begin(const TextRequest& req);

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

    // `shutdown`: memcached's answer when its shutdown command is not enabled.
    void shutdown_refused();

  private:
    void line(std::string_view s);

    proto::OutBuffer& out_;
    bool silent_ = false;
    bool with_cas_ = false;
};

}  // namespace larder::memcache
