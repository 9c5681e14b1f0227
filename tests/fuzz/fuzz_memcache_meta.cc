// Fuzzes the meta-command side of the memcached text codec: the input, behind a meta
// command prefix chosen by its first byte and with its bytes 0xf0..0xff read as flag tokens
// (so mutations stay meta-shaped), is parsed whole,
// split at a point the input picks, and byte by byte; the three must agree. Every parsed
// meta request is encoded with each MetaResponder call, and the same bytes also go through
// the base64 decoder and the text login parser, which must keep their contracts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/common/out_buffer.h"
#include "protocols/memcache/auth.h"
#include "protocols/memcache/base64.h"
#include "protocols/memcache/meta_responder.h"
#include "protocols/memcache/text_parser.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace larder::memcache;

constexpr std::string_view kPrefixes[] = {
    "mg ",   "ms ",   "md ",        "ma ",          "me ",        "mn",     "mg k ",     "ms k 3 ",
    "md k ", "ma n ", "mg Zm9v b ", "ms Zm9v 2 b ", "ms k 1 MA ", "mg k O", "ma n N0 J", "",
};

// Bytes 0xf0..0xff of the input stand for these flag tokens, so random bytes become
// well-formed flag lists often enough to reach the per-flag code.
constexpr std::string_view kFlagTokens[16] = {
    " v",  " k",  " O12", " T30", " N0", " b", " q",           " C5",
    " MA", " D3", " J9",  " I",   " c",  " t", " s\r\nmg k v", "\r\nhi\r\n",
};

std::string expand(std::string_view raw) {
    std::string out;
    for (char c : raw) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0xf0)
            out.append(kFlagTokens[u - 0xf0]);
        else
            out.push_back(c);
    }
    return out;
}

struct Event {
    ParseStatus status;
    size_t consumed;
    std::string reply, request;
    bool close;
    bool operator==(const Event&) const = default;
};

std::string describe(const TextRequest& r) {
    std::string s = std::to_string(static_cast<int>(r.cmd));
    for (auto k : r.keys) s.append("|k:").append(k);
    const MetaRequest& m = r.meta;
    for (const MetaFlag& f : m.flags()) s.append("|f:").push_back(f.flag), s.append(f.token);
    s += "|" + std::to_string(m.client_flags) + "|" + std::to_string(m.delta) + "|" +
         std::to_string(m.initial) + "|" + std::string(r.data);
    return s;
}

void encode_all(const TextRequest& r) {
    larder::proto::OutBuffer out;
    MetaResponder reply(out);
    reply.begin(r);
    MetaItem it;
    it.value = r.data;
    it.size = r.data.size();
    it.created = r.meta.vivify_ttl.has_value();
    it.stale = it.won = r.meta.invalidate;
    reply.item(it);
    reply.miss();
    reply.stored(1);
    reply.status(MetaStatus::exists);
    reply.deleted();
    reply.noop();
    reply.debug(MetaDebugInfo{});
    reply.debug_miss();
    reply.error(ErrorKind::server, "x");
    std::string_view bytes = out.view();
    FUZZ_CHECK(bytes.empty() || bytes.ends_with("\r\n"));
}

void check_request(const TextRequest& r, std::string_view buf, const Limits& limits) {
    const MetaRequest& m = r.meta;
    FUZZ_CHECK(m.flag_count <= kMaxMetaFlags);
    for (const MetaFlag& f : m.flags()) {
        FUZZ_CHECK(f.flag != 0 && static_cast<unsigned char>(f.flag) < 127);
        if (f.flag == 'O') FUZZ_CHECK(f.token.size() + 1 <= kMaxOpaqueLen);
    }
    if (r.cmd != TextCommand::meta_noop && text_command_spec(r.cmd).has(command_flags::meta)) {
        FUZZ_CHECK(r.keys.size() == 1 && r.keys[0].data() == m.key.data());
        if (!m.binary_key) FUZZ_CHECK(m.key.size() <= limits.max_key_len);
    }
    if (r.cmd == TextCommand::meta_set) {
        FUZZ_CHECK(r.data.data() >= buf.data() &&
                   r.data.data() + r.data.size() <= buf.data() + buf.size());
        FUZZ_CHECK(!exceeds_item_size(limits, m.key.size(), m.client_flags, r.data.size()));
    }
    encode_all(r);
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
            if (r.status == ParseStatus::need_more) break;
            FUZZ_CHECK(r.consumed > 0);
            if (r.status == ParseStatus::skip) {
                FUZZ_CHECK(!events.empty());
                events.back().consumed += r.consumed;
            } else {
                Event e{r.status, r.close && r.status == ParseStatus::error ? 0 : r.consumed,
                        std::string(r.reply), "", r.close};
                if (r.status == ParseStatus::ok) {
                    check_request(req, buf, limits);
                    e.request = describe(req);
                }
                events.push_back(std::move(e));
            }
            buf.erase(0, r.consumed);
            if (r.close) return events;
        }
    }
    events.push_back(Event{ParseStatus::need_more, buf.size(), "", "", false});
    return events;
}

void check_login(std::string_view input) {
    std::string buf(input);
    while (!buf.empty()) {
        TextLogin r = parse_text_login(buf);
        if (r.kind == TextLogin::Kind::need_more) {
            FUZZ_CHECK(r.consumed == 0);
            return;
        }
        FUZZ_CHECK(r.consumed > 0 && r.consumed <= buf.size());
        if (r.kind == TextLogin::Kind::close) return;
        if (r.kind == TextLogin::Kind::login) FUZZ_CHECK(!r.password.empty());
        buf.erase(0, r.consumed);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    Limits limits;
    if (data[0] & 0x80) {
        limits.max_item_size = 64 + data[0];
        limits.max_key_len = 1 + (data[0] >> 4);
    }
    std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string input(kPrefixes[data[0] % std::size(kPrefixes)]);
    input.append(expand(raw));

    std::vector<Event> whole = run({input}, limits);
    size_t cut = input.empty() ? 0 : (data[0] * 131u) % input.size();
    FUZZ_CHECK(run({std::string_view(input).substr(0, cut), std::string_view(input).substr(cut)},
                   limits) == whole);
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < input.size(); ++i) bytes.push_back(std::string_view(input).substr(i, 1));
    FUZZ_CHECK(run(bytes, limits) == whole);

    std::string decoded, encoded, again;
    if (base64_decode(raw, decoded)) {
        FUZZ_CHECK(!decoded.empty() && decoded.size() <= raw.size());
        base64_encode(decoded, encoded);
        FUZZ_CHECK(base64_decode(encoded, again) && again == decoded);
    }
    check_login(raw);
    (void)parse_sasl_plain(raw);
    return 0;
}
