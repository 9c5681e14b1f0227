#include "protocols/memcache/binary_parser.h"

#include <algorithm>
#include <limits>

namespace larder::memcache {
namespace {

ParseResult result(ParseStatus status, size_t consumed) {
    ParseResult r;
    r.status = status;
    r.consumed = consumed;
    return r;
}

bool extras_fit(const OpcodeLayout& l, uint8_t extras_len) {
    switch (l.extras) {
        case OpcodeLayout::Extras::none:
            return extras_len == 0;
        case OpcodeLayout::Extras::exactly:
            return extras_len == l.extras_len;
        case OpcodeLayout::Extras::none_or_exactly:
            return extras_len == 0 || extras_len == l.extras_len;
    }
    return false;
}

bool key_fits(const OpcodeLayout& l, uint16_t key_len) {
    switch (l.key) {
        case OpcodeLayout::Key::forbidden:
            return key_len == 0;
        case OpcodeLayout::Key::required:
            return key_len > 0;
        case OpcodeLayout::Key::optional:
            return true;
    }
    return false;
}

bool layout_fits(const OpcodeLayout& l, const BinaryHeader& h) {
    bool value_ok =
        l.value == OpcodeLayout::Value::allowed || h.body_len == uint32_t{h.extras_len} + h.key_len;
    return extras_fit(l, h.extras_len) && key_fits(l, h.key_len) && value_ok;
}

}  // namespace

void BinaryParser::reset() {
    swallow_ = 0;
    reply_.clear();
}

ParseResult BinaryParser::fail(uint8_t opcode, uint32_t opaque, BinaryStatus status,
                               size_t consumed, bool close) {
    append_error_response(reply_, opcode, status, opaque);
    ParseResult r = result(ParseStatus::error, consumed);
    r.reply = reply_;
    r.close = close;
    return r;
}

ParseResult BinaryParser::fail_and_swallow(const BinaryRequest& req, BinaryStatus status,
                                           std::string_view input, size_t fixed_len,
                                           uint64_t swallow) {
    uint64_t now = std::min<uint64_t>(swallow, input.size() - fixed_len);
    swallow_ = swallow - now;
    return fail(req.opcode, req.opaque, status, fixed_len + static_cast<size_t>(now), false);
}

ParseResult BinaryParser::parse(std::string_view input, BinaryRequest& out) {
    reply_.clear();
    if (swallow_ > 0) {
        if (input.empty()) return result(ParseStatus::need_more, 0);
        size_t n = static_cast<size_t>(std::min<uint64_t>(swallow_, input.size()));
        swallow_ -= n;
        return result(ParseStatus::skip, n);
    }
    if (input.size() < kBinaryHeaderLen) return result(ParseStatus::need_more, 0);

    BinaryHeader h = decode_binary_header(input);
    if (h.magic != kBinaryRequestMagic) {
        // memcached closes without a word: nothing after a bad header can be trusted.
        ParseResult r = result(ParseStatus::error, input.size());
        r.close = true;
        return r;
    }
    // Like memcached, decide on header, extras and key; the value may still be on its way.
    size_t fixed_len = kBinaryHeaderLen + h.extras_len + h.key_len;
    if (input.size() < fixed_len) return result(ParseStatus::need_more, 0);

    out.opcode = h.opcode;
    out.data_type = h.data_type;
    out.vbucket = h.vbucket_or_status;
    out.opaque = h.opaque;
    out.cas = h.cas;
    out.extras = input.substr(kBinaryHeaderLen, h.extras_len);
    out.key = input.substr(kBinaryHeaderLen + h.extras_len, h.key_len);
    out.value = {};

    if (uint32_t{h.extras_len} + h.key_len > h.body_len) {
        return fail(h.opcode, h.opaque, BinaryStatus::unknown_command, input.size(), true);
    }
    if (h.key_len > limits_.max_key_len) {
        return fail(h.opcode, h.opaque, BinaryStatus::invalid_arguments, input.size(), true);
    }
    uint64_t value_len = h.body_len - h.extras_len - h.key_len;
    OpcodeLayout layout = opcode_layout(h.opcode);
    if (!layout.known) {
        // memcached 1.6 swallows body_len more bytes after extras and key, i.e. extras_len +
        // key_len too many; Larder swallows exactly the rest of the packet.
        return fail_and_swallow(out, BinaryStatus::unknown_command, input, fixed_len, value_len);
    }
    if (!layout_fits(layout, h)) {
        return fail(h.opcode, h.opaque, BinaryStatus::invalid_arguments, input.size(), true);
    }
    if (layout.value == OpcodeLayout::Value::allowed) {
        uint32_t flags = layout.extras_len == 8 ? storage_extras(out).flags : 0;
        if (exceeds_item_size(limits_, h.key_len, flags, value_len)) {
            if (value_len > uint64_t{std::numeric_limits<int32_t>::max()}) {
                // memcached's int arithmetic goes negative here and it loses the stream;
                // refuse and close rather than swallow gigabytes.
                return fail(h.opcode, h.opaque, BinaryStatus::value_too_large, input.size(), true);
            }
            ParseResult r =
                fail_and_swallow(out, BinaryStatus::value_too_large, input, fixed_len, value_len);
            r.invalidate_key = base_opcode(h.opcode) == static_cast<uint8_t>(Opcode::set);
            return r;
        }
    }

    size_t total = fixed_len + static_cast<size_t>(value_len);
    if (input.size() < total) return result(ParseStatus::need_more, 0);
    out.value = input.substr(fixed_len, static_cast<size_t>(value_len));
    ParseResult r = result(ParseStatus::ok, total);
    r.close = base_opcode(h.opcode) == static_cast<uint8_t>(Opcode::quit);
    return r;
}

}  // namespace larder::memcache
