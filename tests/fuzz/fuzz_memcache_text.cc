// Fuzzes the memcached text parser: every input is parsed whole, split at a point chosen by
// the input, and byte by byte; the three must agree, and each result must keep the parser's
// contract (bounded consumption, views inside the input, limits honoured).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/text_parser.h"
#include "protocols/memcache/text_responder.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace larder::memcache;

using fuzz::Event;

bool inside(std::string_view part, std::string_view whole) {
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

std::string describe(const TextRequest& r) {
    std::string s = std::to_string(static_cast<int>(r.cmd));
    for (auto k : r.keys) s.append("|k:").append(k);
    for (auto a : r.args) s.append("|a:").append(a);
    s += "|" + std::to_string(r.flags) + "|" + std::to_string(r.exptime) + "|" +
         std::to_string(r.cas_unique) + "|" + std::to_string(r.delta) + "|" +
         std::to_string(r.noreply) + "|" + std::string(r.data);
    return s;
}

void check_request(const TextRequest& r, std::string_view buf, const Limits& limits) {
    const TextCommandSpec& spec = text_command_spec(r.cmd);
    for (auto k : r.keys) {
        FUZZ_CHECK(!k.empty() && k.size() <= limits.max_key_len);
        if (r.meta.binary_key) {
            // A decoded base64 key lives in the request and may hold any byte.
            FUZZ_CHECK(inside(k, r.meta.key_bytes));
            continue;
        }
        FUZZ_CHECK(inside(k, buf));
        FUZZ_CHECK(k.find(' ') == std::string_view::npos);
    }
    FUZZ_CHECK(r.keys.size() <= limits.max_keys_per_get);
    if (spec.has(command_flags::storage)) {
        FUZZ_CHECK(r.keys.size() == 1);
        FUZZ_CHECK(inside(r.data, buf));
        FUZZ_CHECK(!exceeds_item_size(limits, r.keys[0].size(), r.flags, r.data.size()));
    } else {
        FUZZ_CHECK(r.data.empty());
    }
    // Exercise the encoder on what the parser produced.
    larder::proto::OutBuffer out;
    TextResponder responder(out);
    responder.begin(r);
    for (auto k : r.keys) responder.value(k, r.flags, r.cas_unique, r.data);
    responder.end_values();
    FUZZ_CHECK(r.noreply || out.view().ends_with("END\r\n"));
    FUZZ_CHECK(!r.noreply || out.empty());
}

std::vector<Event> run(const std::vector<std::string_view>& chunks, const Limits& limits) {
    TextParser parser(limits);
    TextRequest req;
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
            FUZZ_CHECK(r.reply.empty() || r.reply.ends_with("\r\n"));
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
                    check_request(req, buf, limits);
                    e.request = describe(req);
                    FUZZ_CHECK(!r.close || req.cmd == TextCommand::quit);
                } else {
                    FUZZ_CHECK(!r.invalidate_key || req.cmd == TextCommand::set ||
                               req.cmd == TextCommand::meta_set);
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
    // The first byte picks the limits, so small limits are reachable with short inputs.
    Limits limits;
    if (data[0] & 1) {
        limits.max_item_size = 64 + data[0];
        limits.max_key_len = 1 + (data[0] >> 4);
        limits.max_line_len = 24 + (data[0] >> 2);
        limits.max_keys_per_get = 1 + (data[0] >> 5);
    }
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    std::vector<Event> whole = run({input}, limits);
    size_t cut = input.empty() ? 0 : (data[0] * 131u) % input.size();
    FUZZ_CHECK(run({input.substr(0, cut), input.substr(cut)}, limits) == whole);
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < input.size(); ++i) bytes.push_back(input.substr(i, 1));
    FUZZ_CHECK(run(bytes, limits) == whole);
    return 0;
}
