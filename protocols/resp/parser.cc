#include "protocols/resp/parser.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include "protocols/resp/errors.h"
#include "protocols/resp/inline_split.h"
#include "protocols/resp/integer.h"

namespace larder::resp {
namespace {

// Redis's caps for clients that have not authenticated yet (see Limits::unauthenticated).
constexpr int64_t kUnauthMaxArgs = 10;
constexpr int64_t kUnauthMaxBulk = 16 * 1024;

// Spans of a huge request are not kept around for the rest of the connection's life.
constexpr size_t kKeptSpans = 1024;

}  // namespace

Parser::Parser(Limits limits) : limits_(limits) {}

void Parser::set_limits(Limits limits) {
    limits_ = limits;
}

void Parser::reset() {
    kind_ = Kind::none;
    pos_ = 0;
    scanned_ = 0;
    nul_seen_ = false;
    remaining_ = -1;
    bulk_len_ = -1;
    spans_.clear();
    if (spans_.capacity() > kKeptSpans) spans_ = {};
}

void Parser::start_line(size_t pos) {
    pos_ = pos;
    scanned_ = pos;
    nul_seen_ = false;
}

ParseResult Parser::parse(std::string_view input, Request& out) {
    out.args.clear();
    // Input shorter than what was already parsed breaks the contract; start over rather
    // than read past its end.
    if (input.size() < pos_ || input.size() < scanned_) reset();
    if (input.empty()) return {ParseStatus::need_more, 0, {}};
    if (kind_ == Kind::none) kind_ = input[0] == '*' ? Kind::multibulk : Kind::inline_cmd;
    return kind_ == Kind::multibulk ? parse_multibulk(input, out) : parse_inline(input, out);
}

// Redis finds line ends with strchr() on its NUL-terminated query buffer, so a NUL byte
// hides every terminator after it and the line then waits until it is too long. Only the
// first max_inline_len + 1 bytes of a line are searched: a terminator further on would be
// found by Redis only if it read the whole line at once, and outcomes must not depend on
// how the bytes arrived.
Parser::LineScan Parser::find_line_end(std::string_view in, size_t start, char term, size_t& at) {
    const size_t held = in.size() - start;
    if (!nul_seen_) {
        const size_t window = held <= limits_.max_inline_len ? held : limits_.max_inline_len + 1;
        const size_t end = start + window;
        const size_t from = std::max(scanned_, start);
        if (from < end) {
            const char* base = in.data();
            const auto* t = static_cast<const char*>(std::memchr(base + from, term, end - from));
            const size_t t_at = t ? static_cast<size_t>(t - base) : end;
            if (std::memchr(base + from, '\0', t_at - from) != nullptr) {
                nul_seen_ = true;
            } else if (t != nullptr) {
                scanned_ = t_at;
                at = t_at;
                return LineScan::found;
            } else {
                scanned_ = end;
            }
        }
    }
    return held > limits_.max_inline_len ? LineScan::too_long : LineScan::need_more;
}

ParseResult Parser::parse_inline(std::string_view in, Request& out) {
    size_t newline = 0;
    switch (find_line_end(in, 0, '\n', newline)) {
        case LineScan::need_more:
            return {ParseStatus::need_more, 0, {}};
        case LineScan::too_long:
            return fail(kErrTooBigInline);
        case LineScan::found:
            break;
    }
    size_t len = newline;
    if (len > 0 && in[len - 1] == '\r') --len;
    if (!split_inline(in.substr(0, len), unquoted_, out.args)) {
        out.args.clear();
        return fail(kErrUnbalancedQuotes);
    }
    reset();
    return {ParseStatus::ok, newline + 1, {}};
}

ParseResult Parser::parse_multibulk(std::string_view in, Request& out) {
    if (remaining_ < 0) {
        size_t cr = 0;
        switch (find_line_end(in, 0, '\r', cr)) {
            case LineScan::need_more:
                return {ParseStatus::need_more, 0, {}};
            case LineScan::too_long:
                return fail(kErrTooBigMbulkCount);
            case LineScan::found:
                break;
        }
        // Redis skips the byte after '\r' without checking that it is '\n'.
        if (in.size() - cr < 2) return {ParseStatus::need_more, 0, {}};
        const auto max_args = static_cast<int64_t>(
            std::min<size_t>(limits_.max_multibulk_len, static_cast<size_t>(INT_MAX)));
        const auto count = parse_int64(in.substr(1, cr - 1));
        if (!count || *count > max_args) return fail(kErrInvalidMultibulkLength);
        if (limits_.unauthenticated && *count > kUnauthMaxArgs)
            return fail(kErrUnauthenticatedMultibulk);
        start_line(cr + 2);
        if (*count <= 0) return finish(in, out);
        remaining_ = *count;
    }

    while (remaining_ > 0) {
        if (bulk_len_ < 0) {
            size_t cr = 0;
            switch (find_line_end(in, pos_, '\r', cr)) {
                case LineScan::need_more:
                    return {ParseStatus::need_more, 0, {}};
                case LineScan::too_long:
                    return fail(kErrTooBigBulkCount);
                case LineScan::found:
                    break;
            }
            if (in.size() - cr < 2) return {ParseStatus::need_more, 0, {}};
            if (in[pos_] != '$') {
                error_ = expected_dollar_error(in[pos_]);
                return fail(error_);
            }
            const auto len = parse_int64(in.substr(pos_ + 1, cr - pos_ - 1));
            if (!len || *len < 0 || static_cast<uint64_t>(*len) > limits_.max_bulk_len)
                return fail(kErrInvalidBulkLength);
            if (limits_.unauthenticated && *len > kUnauthMaxBulk)
                return fail(kErrUnauthenticatedBulk);
            start_line(cr + 2);
            bulk_len_ = *len;
        }
        // The two bytes after the data are skipped unchecked, as Redis does.
        const auto len = static_cast<size_t>(bulk_len_);
        if (in.size() - pos_ < len || in.size() - pos_ - len < 2) {
            return {ParseStatus::need_more, 0, {}};
        }
        spans_.push_back({pos_, len});
        start_line(pos_ + len + 2);
        bulk_len_ = -1;
        --remaining_;
    }
    return finish(in, out);
}

ParseResult Parser::finish(std::string_view in, Request& out) {
    out.args.reserve(spans_.size());
    for (const Span& s : spans_) out.args.push_back(in.substr(s.offset, s.len));
    const size_t consumed = pos_;
    reset();
    return {ParseStatus::ok, consumed, {}};
}

ParseResult Parser::fail(std::string_view message) {
    reset();
    return {ParseStatus::error, 0, message};
}

}  // namespace larder::resp
