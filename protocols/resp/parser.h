// Incremental RESP request parser: turns the bytes a client sent into command arguments,
// accepting and rejecting exactly what Redis 7.0 does (multibulk and inline forms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace larder::resp {

struct Limits {
    // Longest bulk argument (Redis: proto-max-bulk-len).
    size_t max_bulk_len = 512ull << 20;
    // Most arguments per request. Redis 7.0 itself allows up to INT_MAX; values above that
    // are treated as INT_MAX.
    size_t max_multibulk_len = 1024 * 1024;
    // Longest inline line, and longest "*N" / "$N" header line (Redis: PROTO_INLINE_MAX_SIZE).
    size_t max_inline_len = 64 * 1024;
    // Set while the connection still has to AUTH: Redis then caps multibulk requests at 10
    // arguments of at most 16 KB each, with their own errors, so that an unauthenticated
    // peer cannot make the server buffer much. Inline requests are not affected.
    bool unauthenticated = false;
};

enum class ParseStatus { ok, need_more, error };

// One parsed command. An ok result with empty `args` is a request Redis skips (an empty or
// blank inline line, "*0", "*-1" or any "*<negative>"): consume its bytes and send nothing.
//
// Lifetime: each view points either into the `input` given to the parse() call that returned
// ok, or into the parser's own storage (inline arguments that needed unquoting). Views are
// valid until the next parse() or reset() on that parser, and only while the caller keeps
// those input bytes where they were.
struct Request {
    std::vector<std::string_view> args;
};

struct ParseResult {
    ParseStatus status;
    // ok: bytes of this request (always > 0); need_more and error: 0.
    size_t consumed;
    // error only: the full Redis error text, without the leading '-' and the CRLF, e.g.
    // "ERR Protocol error: invalid bulk length". Valid until the next parse() or reset().
    std::string_view error;
};

class Parser {
  public:
    explicit Parser(Limits limits = {});

    // `input` holds all unconsumed bytes the connection has, starting at a request boundary.
    // - ok: `out` holds the request; drop `consumed` bytes and call again for the next one.
    // - need_more: the request is incomplete; call again once more bytes have been appended.
    //   Progress is remembered, so the next call must see the same bytes first (the caller
    //   only appends, though the buffer may move); a 512 MB bulk arriving in 64 KB pieces is
    //   scanned once: amortized O(total bytes). If the caller discards its input instead, it
    //   calls reset().
    // - error: send `error` and close the connection, as Redis does. Requests returned ok
    //   earlier in the same input must still be answered first.
    // Outcomes never depend on how the bytes were split across calls: an over-long line is
    // rejected as soon as more than max_inline_len bytes of it are held without its
    // terminator, as Redis does when bytes trickle in (Redis may accept such a line if it
    // happens to read it whole).
    ParseResult parse(std::string_view input, Request& out);

    // Forgets any partial request.
    void reset();
    // Applies to checks made from now on, including those of a request in progress.
    void set_limits(Limits limits);
    const Limits& limits() const { return limits_; }

  private:
    enum class Kind : uint8_t { none, multibulk, inline_cmd };
    enum class LineScan : uint8_t { found, need_more, too_long };

    ParseResult parse_multibulk(std::string_view in, Request& out);
    ParseResult parse_inline(std::string_view in, Request& out);
    LineScan find_line_end(std::string_view in, size_t start, char term, size_t& at);
    ParseResult finish(std::string_view in, Request& out);
    ParseResult fail(std::string_view message);
    void start_line(size_t pos);

    Limits limits_;

    // Progress through the current request, as offsets from the start of `input`.
    Kind kind_ = Kind::none;
    size_t pos_ = 0;          // first byte not yet parsed
    size_t scanned_ = 0;      // the current line holds no terminator before this offset
    bool nul_seen_ = false;   // the current line has a NUL before any terminator
    int64_t remaining_ = -1;  // bulks still expected; -1 until the "*N" line is parsed
    int64_t bulk_len_ = -1;   // length of the bulk being read; -1 until its "$N" line is
    struct Span {
        size_t offset;
        size_t len;
    };
    std::vector<Span> spans_;  // arguments parsed so far

    std::string unquoted_;  // inline arguments that needed unquoting
    std::string error_;     // formatted error text
};

}  // namespace larder::resp
