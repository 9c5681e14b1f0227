// Encodes the replies of the meta commands (mg, ms, md, ma, mn, me) from meaning-level
// calls. begin() with each request first: the request's flags decide which return flags
// each reply carries (in the order they were sent), and `q` which nominal replies are
// dropped (mg: EN; ms, md, ma: HD and, for ma, VA). Errors are always sent.
#pragma once

#include <cstdint>
#include <string_view>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/responder.h"
#include "protocols/memcache/text_parser.h"

namespace larder::memcache {

// What a meta command learned about the item it read, created or changed.
struct MetaItem {
    std::string_view value;     // sent with v (ma: the new number as decimal text)
    uint32_t client_flags = 0;  // f
    uint64_t cas = 0;           // c
    uint64_t size = 0;          // s: value bytes
    int64_t ttl = -1;           // t: seconds left before this command; -1 = none
    int64_t ttl_after = -1;     // t once a T flag (or N on a created item) is passed
    bool created = false;       // vivified by N: N then changes the TTL too (and a
                                // quiet ma still answers)
    bool fetched = false;       // h
    uint64_t idle_seconds = 0;  // l
    bool win_sent = false;      // Z: another client already won the recache
    bool stale = false;         // X
    bool won = false;           // W: this client won the recache
};

// What `me` shows of an item, in memcached's terms.
struct MetaDebugInfo {
    int64_t exp = -1;  // memcached prints minus the seconds left; -1 = no expiry
    uint64_t idle_seconds = 0;
    uint64_t cas = 0;
    bool fetched = false;
    uint32_t slab_class = 0;
    uint64_t item_size = 0;  // memcached's whole-item size (header, key, value, CRLF)
};

enum class MetaStatus : uint8_t {
    not_stored,  // NS
    exists,      // EX: CAS mismatch
    not_found,   // NF
};

class MetaResponder {
  public:
    // `out` must outlive the responder; replies are appended to it.
    explicit MetaResponder(proto::OutBuffer& out) : out_(out) {}

    // The request must stay valid until its last reply call.
    void begin(const TextRequest& req);

    // mg hit, or ma success (value = the number).
    void item(const MetaItem& it);
    // mg miss: EN.
    void miss();
    // ms success: HD (its c flag shows `cas`).
    void stored(uint64_t cas);
    // ms, md, ma outcomes other than success.
    void status(MetaStatus s);
    // md success (deleted or marked stale): HD.
    void deleted();
    void noop();
    void debug(const MetaDebugInfo& info);
    void debug_miss();
    // An error line (text-protocol wording), sent whatever the flags.
    void error(ErrorKind kind, std::string_view text = {});

  private:
    void code(std::string_view rc);
    void opaque_and_key(const MetaFlag& f);
    void key_token();
    void end_line() { out_.append("\r\n"); }
    bool quiet_success() const;

    proto::OutBuffer& out_;
    const TextRequest* req_ = nullptr;
};

}  // namespace larder::memcache
