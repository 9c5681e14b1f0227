// Fuzzes the memcached binary parser: every input is parsed whole, split at a point chosen
// by the input, and byte by byte; the three must agree, every accepted request must fit its
// opcode's layout, and every error packet must be well formed and echo the opaque.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/binary_responder.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace larder::memcache;

using fuzz::Event;

std::string describe(const BinaryRequest& r) {
    return std::to_string(r.opcode) + "|" + std::to_string(r.data_type) + "|" +
           std::to_string(r.vbucket) + "|" + std::to_string(r.opaque) + "|" +
           std::to_string(r.cas) + "|" + std::string(r.extras) + "|" + std::string(r.key) + "|" +
           std::string(r.value);
}

void check_packet(std::string_view reply, uint8_t opcode, uint32_t opaque) {
    FUZZ_CHECK(reply.size() >= kBinaryHeaderLen);
    BinaryHeader h = decode_binary_header(reply);
    FUZZ_CHECK(h.magic == kBinaryResponseMagic);
    FUZZ_CHECK(h.opcode == opcode);
    FUZZ_CHECK(h.opaque == opaque);
    FUZZ_CHECK(h.body_len == reply.size() - kBinaryHeaderLen);
    FUZZ_CHECK(uint32_t{h.key_len} + h.extras_len <= h.body_len);
}

void check_request(const BinaryRequest& r, std::string_view buf, size_t consumed,
                   const Limits& limits) {
    OpcodeLayout layout = opcode_layout(r.opcode);
    FUZZ_CHECK(layout.known);
    FUZZ_CHECK(r.key.size() <= limits.max_key_len);
    FUZZ_CHECK(consumed == kBinaryHeaderLen + r.extras.size() + r.key.size() + r.value.size());
    FUZZ_CHECK(r.extras.data() == buf.data() + kBinaryHeaderLen);
    FUZZ_CHECK(layout.value == OpcodeLayout::Value::allowed || r.value.empty());
    FUZZ_CHECK(layout.key != OpcodeLayout::Key::required || !r.key.empty());
    FUZZ_CHECK(layout.key != OpcodeLayout::Key::forbidden || r.key.empty());
    if (layout.value == OpcodeLayout::Value::allowed) {
        uint32_t flags = r.extras.size() == 8 ? storage_extras(r).flags : 0;
        FUZZ_CHECK(!exceeds_item_size(limits, r.key.size(), flags, r.value.size()));
    }
    // Exercise the encoder on what the parser produced.
    larder::proto::OutBuffer out;
    BinaryResponder responder(out);
    responder.begin(r);
    responder.value(r.key, 7, r.cas, r.value);
    check_packet(out.view(), r.opcode, r.opaque);
    out.clear();
    responder.not_stored();
    check_packet(out.view(), r.opcode, r.opaque);
}

std::vector<Event> run(const std::vector<std::string_view>& chunks, const Limits& limits) {
    BinaryParser parser(limits);
    BinaryRequest req;
    std::vector<Event> events;
    std::string buf;
    for (std::string_view chunk : chunks) {
        buf.append(chunk);
        for (;;) {
            ParseResult r = parser.parse(buf, req);
            FUZZ_CHECK(r.consumed <= buf.size());
            if (r.status == ParseStatus::need_more) {
                FUZZ_CHECK(r.consumed == 0);
                break;
            }
            FUZZ_CHECK(r.consumed > 0);
            if (r.status == ParseStatus::skip) {
                FUZZ_CHECK(!events.empty() && events.back().status == ParseStatus::error);
                FUZZ_CHECK(r.reply.empty());
                events.back().consumed += r.consumed;
            } else {
                Event e{r.status,
                        r.close && r.status == ParseStatus::error ? 0 : r.consumed,
                        std::string(r.reply),
                        "",
                        r.close,
                        r.invalidate_key};
                if (r.status == ParseStatus::ok) {
                    check_request(req, buf, r.consumed, limits);
                    e.request = describe(req);
                } else if (!r.reply.empty()) {
                    BinaryHeader in = decode_binary_header(buf);
                    check_packet(r.reply, in.opcode, in.opaque);
                } else {
                    FUZZ_CHECK(r.close);  // only a bad magic goes unanswered
                }
                events.push_back(std::move(e));
            }
            buf.erase(0, r.consumed);
            if (r.close) return events;
        }
    }
    events.push_back(Event{ParseStatus::need_more, buf.size(), "", "", false, false});
    return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    Limits limits;
    if (data[0] & 1) {
        limits.max_item_size = 60 + data[0];
        limits.max_key_len = 1 + (data[0] >> 3);
    }
    // Most fuzz inputs would die on the magic byte; force it on half of them so the
    // validation behind it gets exercised.
    std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    if ((data[0] & 2) && !input.empty()) input[0] = static_cast<char>(kBinaryRequestMagic);

    std::vector<Event> whole = run({input}, limits);
    size_t cut = input.empty() ? 0 : (data[0] * 131u) % input.size();
    std::string_view in = input;
    FUZZ_CHECK(run({in.substr(0, cut), in.substr(cut)}, limits) == whole);
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < in.size(); ++i) bytes.push_back(in.substr(i, 1));
    FUZZ_CHECK(run(bytes, limits) == whole);
    return 0;
}
