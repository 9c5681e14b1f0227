// Fuzzes the RESP request parser: the same bytes, parsed whole and in chunks derived from
// the data, must give the same requests and errors, and every result must keep its
// contract (consumed within the input, nothing returned with an error, args re-encode to
// the same request).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/resp/parser.h"

namespace {

using larder::resp::Limits;
using larder::resp::Parser;
using larder::resp::ParseResult;
using larder::resp::ParseStatus;
using larder::resp::Request;

void check(bool ok) {
    if (!ok) std::abort();
}

struct Event {
    ParseStatus status;
    size_t consumed;
    std::vector<std::string> args;
    std::string error;
    bool operator==(const Event&) const = default;
};

std::string encode_multibulk(const std::vector<std::string>& args) {
    std::string out = "*" + std::to_string(args.size()) + "\r\n";
    for (const std::string& a : args) out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
    return out;
}

// A re-encoded request must parse back to the same arguments, in one piece.
void check_round_trip(const std::vector<std::string>& args) {
    if (args.empty()) return;
    const std::string wire = encode_multibulk(args);
    Parser p(Limits{SIZE_MAX, SIZE_MAX, SIZE_MAX, false});
    Request r;
    const ParseResult res = p.parse(wire, r);
    check(res.status == ParseStatus::ok && res.consumed == wire.size());
    check(r.args.size() == args.size());
    for (size_t i = 0; i < args.size(); ++i) check(r.args[i] == args[i]);
}

// Feeds `data` in chunks of the given sizes (cycled), parsing everything possible after each.
std::vector<Event> run(std::string_view data, const Limits& limits,
                       const std::vector<size_t>& chunks) {
    Parser parser(limits);
    Request req;
    std::vector<Event> events;
    std::string buf;
    size_t fed = 0, next = 0;
    while (true) {
        const size_t n = chunks.empty() ? data.size() : chunks[next++ % chunks.size()];
        buf.append(data.substr(fed, n));
        fed = std::min(data.size(), fed + n);
        while (true) {
            const ParseResult res = parser.parse(buf, req);
            if (res.status == ParseStatus::need_more) {
                check(res.consumed == 0 && req.args.empty());
                break;
            }
            if (res.status == ParseStatus::error) {
                check(res.consumed == 0 && req.args.empty() && !res.error.empty());
                check(res.error.starts_with("ERR Protocol error: "));
                events.push_back({res.status, 0, {}, std::string(res.error)});
                return events;
            }
            check(res.consumed > 0 && res.consumed <= buf.size());
            Event e{res.status, res.consumed, {}, {}};
            size_t arg_bytes = 0;
            for (std::string_view a : req.args) {
                e.args.emplace_back(a);
                arg_bytes += a.size();
            }
            check(arg_bytes < res.consumed);
            if (buf[0] == '*') {
                // Multibulk args are slices of the consumed bytes, never copies.
                check(req.args.size() <= limits.max_multibulk_len);
                for (std::string_view a : req.args) {
                    check(a.size() <= limits.max_bulk_len);
                    check(a.data() >= buf.data() &&
                          a.data() + a.size() <= buf.data() + res.consumed);
                }
            } else {
                check(res.consumed <= limits.max_inline_len + 1);
            }
            check_round_trip(e.args);
            events.push_back(std::move(e));
            buf.erase(0, res.consumed);
        }
        if (fed == data.size()) break;
    }
    // Whatever is left is less than one request; parsing it again changes nothing.
    check(parser.parse(buf, req).status == ParseStatus::need_more);
    events.push_back({ParseStatus::need_more, buf.size(), {}, {}});
    return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Small limits so the length and line checks are reached by short inputs.
    const uint8_t knobs = size > 0 ? data[0] : 0;
    Limits limits;
    limits.max_bulk_len = 1 + knobs % 16;
    limits.max_multibulk_len = 1 + (knobs >> 4) % 8;
    limits.max_inline_len = 4 + knobs % 29;
    limits.unauthenticated = (knobs & 0x80) != 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const std::vector<Event> whole = run(input, limits, {});

    // Chunk sizes from a cheap hash of the input, so each input has its own deterministic cut.
    uint64_t h = 1469598103934665603ull;
    for (uint8_t b : input) h = (h ^ b) * 1099511628211ull;
    std::vector<size_t> chunks;
    for (int i = 0; i < 8; ++i) {
        chunks.push_back(1 + (h & 7));
        h = (h >> 3) | (h << 61);
    }
    check(run(input, limits, chunks) == whole);
    check(run(input, limits, {1}) == whole);
    return 0;
}
