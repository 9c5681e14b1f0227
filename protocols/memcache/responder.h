// The meaning-level replies a memcached command handler gives. Handlers are written once
// against this interface; TextResponder and BinaryResponder alone know the bytes (and the
// binary protocol's per-opcode status mapping, quiet variants, opaque and CAS echo).
// Call begin() on the concrete responder with each request before its handler runs.
#pragma once

#include <cstdint>
#include <string_view>

namespace larder::memcache {

enum class ErrorKind : uint8_t {
    generic,            // text "ERROR"
    client,             // text "CLIENT_ERROR <text>"
    server,             // text "SERVER_ERROR <text>"
    non_numeric,        // incr/decr on a non-numeric value
    too_large,          // value larger than the item size limit
    out_of_memory,      // could not allocate the item
    invalid_arguments,  // malformed request
    unknown_command,
};

class Responder {
  public:
    virtual ~Responder() = default;

    // Storage outcomes. For the binary protocol "not stored" means key_exists for ADD,
    // key_not_found for REPLACE and item_not_stored otherwise, as memcached maps it.
    void stored() { stored_cas(0); }
    // Stored, with the item's new CAS (binary puts it in the header; text has no place).
    virtual void stored_cas(uint64_t cas) = 0;
    virtual void not_stored() = 0;
    virtual void exists() = 0;
    virtual void not_found() = 0;
    virtual void deleted() = 0;
    // Touched. Binary TOUCH replies carry the item's flags and CAS, as memcached's do.
    void touched() { touched(0, 0); }
    virtual void touched(uint32_t flags, uint64_t cas) = 0;
    // Success without data: flush_all, verbosity; binary NOOP, FLUSH, VERBOSITY.
    virtual void ok() = 0;
    // quit: text sends nothing; binary QUIT acknowledges (QUITQ does not). Then close.
    virtual void quit() = 0;

    // Retrieval: value() per hit, miss() per miss, then end_values() once per request.
    // Text prints the CAS for gets/gats; binary returns the key for GETK/GATK.
    virtual void value(std::string_view key, uint32_t flags, uint64_t cas,
                       std::string_view data) = 0;
    virtual void miss(std::string_view key) = 0;  // text: nothing; binary: not found
    virtual void end_values() = 0;                // text: END; binary: nothing

    // incr/decr result, with the item's new CAS.
    virtual void number(uint64_t value, uint64_t cas) = 0;
    virtual void version(std::string_view version) = 0;
    virtual void stat(std::string_view name, std::string_view value) = 0;
    virtual void end_stats() = 0;
    // `stats reset` done: text "RESET"; binary the empty packet that ends a STAT list.
    virtual void stats_reset() = 0;
    // `stats detail dump`: text sends memcached's dump lines as they are (they end with
    // END); binary sends them as the value of one "detailed" stat, then ends the list.
    virtual void stats_dump(std::string_view text) = 0;
    // A stats group that does not exist (or is refused): text "ERROR", or CLIENT_ERROR with
    // `text_error` when given; binary "Not found".
    virtual void no_such_stats(std::string_view text_error = {}) = 0;
    // `text` replaces the kind's default message where the protocol carries one (text
    // client/server errors; binary generic/client/server bodies). Empty: the default.
    virtual void error(ErrorKind kind, std::string_view text = {}) = 0;
};

}  // namespace larder::memcache
