#include "protocols/memcache/text_parser.h"

#include <algorithm>
#include <cstring>

#include "protocols/memcache/text_line.h"

namespace larder::memcache {
namespace {

ParseResult result(ParseStatus status, size_t consumed, std::string_view reply = {}) {
    ParseResult r;
    r.status = status;
    r.consumed = consumed;
    r.reply = reply;
    return r;
}

// memcached drops a connection that sends this much without a newline; it sends nothing.
ParseResult close_silently(size_t consumed) {
    ParseResult r = result(ParseStatus::error, consumed);
    r.close = true;
    return r;
}

}  // namespace

void TextParser::reset() {
    scanned_ = 0;
    awaiting_data_ = false;
    header_len_ = 0;
    data_len_ = 0;
    swallow_ = 0;
}

bool TextParser::may_exceed_line_limit(std::string_view line) const {
    // memcached lets only multigets run past the short limit: after at most 100 leading
    // spaces, a retrieval command name and a space. It grows its buffer without bound;
    // Larder stops at the limit the key count implies.
    if (line.size() > limits_.retrieval_line_limit()) return false;
    size_t start = line.find_first_not_of(' ');
    if (start == std::string_view::npos || start > 100) return false;
    size_t space = line.find(' ', start);
    if (space == std::string_view::npos) return false;
    const TextCommandSpec* spec = find_text_command(line.substr(start, space - start));
    return spec != nullptr && spec->has(command_flags::retrieval);
}

ParseResult TextParser::parse(std::string_view input, TextRequest& out) {
    if (swallow_ > 0) {
        if (input.empty()) return result(ParseStatus::need_more, 0);
        size_t n = static_cast<size_t>(std::min<uint64_t>(swallow_, input.size()));
        swallow_ -= n;
        return result(ParseStatus::skip, n);
    }
    if (awaiting_data_) {
        if (input.size() < header_len_ + data_len_ + 2) return result(ParseStatus::need_more, 0);
        awaiting_data_ = false;
        // Re-reading the header is O(line) once, and yields views into this buffer.
        return finish_line(input, header_len_, out);
    }

    if (scanned_ > input.size()) scanned_ = 0;  // caller broke the contract; rescan
    const void* nl = std::memchr(input.data() + scanned_, '\n', input.size() - scanned_);
    if (nl == nullptr) {
        scanned_ = input.size();
        if (input.size() > limits_.max_line_len && !may_exceed_line_limit(input)) {
            reset();
            return close_silently(input.size());
        }
        return result(ParseStatus::need_more, 0);
    }
    scanned_ = 0;
    size_t line_len = static_cast<size_t>(static_cast<const char*>(nl) - input.data());
    // memcached decides on the bytes it has when no newline is among them, so a long line
    // survives there if it happens to arrive in one read. Larder applies the limit to the
    // line itself, so the outcome never depends on how the bytes were split.
    if (line_len > limits_.max_line_len && !may_exceed_line_limit(input.substr(0, line_len))) {
        reset();
        return close_silently(input.size());
    }
    return finish_line(input, line_len + 1, out);
}

ParseResult TextParser::finish_line(std::string_view input, size_t header_len, TextRequest& out) {
    LineOutcome line = read_command_line(input.substr(0, header_len - 1), limits_, out);
    switch (line.kind) {
        case LineOutcome::Kind::request: {
            ParseResult r = result(ParseStatus::ok, header_len);
            r.close = line.close;
            return r;
        }
        case LineOutcome::Kind::error: {
            // Swallow what is already here at once and the rest as it arrives.
            uint64_t avail = input.size() - header_len;
            uint64_t now = std::min<uint64_t>(line.swallow, avail);
            swallow_ = line.swallow - now;
            ParseResult r =
                result(ParseStatus::error, header_len + static_cast<size_t>(now), line.reply);
            r.close = line.close;
            r.invalidate_key = line.invalidate_key;
            return r;
        }
        case LineOutcome::Kind::needs_data:
            break;
    }

    size_t total = header_len + line.data_len + 2;
    if (input.size() < total) {
        awaiting_data_ = true;
        header_len_ = header_len;
        data_len_ = line.data_len;
        return result(ParseStatus::need_more, 0);
    }
    // memcached reads exactly bytes+2 and only then checks the last two; whatever follows
    // is parsed as the next command.
    if (input.substr(header_len + line.data_len, 2) != "\r\n") {
        return result(ParseStatus::error, total,
                      out.noreply ? std::string_view{} : text_errors::bad_chunk);
    }
    out.data = input.substr(header_len, line.data_len);
    return result(ParseStatus::ok, total);
}

}  // namespace larder::memcache
