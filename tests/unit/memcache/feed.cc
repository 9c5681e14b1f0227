#include "feed.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace larder::memcache::testing {

std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '\r') {
            out += "\\r";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c >= 0x7f) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

namespace {

std::string list(const std::vector<std::string_view>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ",";
        out += printable(items[i]);
    }
    return out + "]";
}

const char* status_name(ParseStatus s) {
    switch (s) {
        case ParseStatus::ok:
            return "ok";
        case ParseStatus::need_more:
            return "need_more";
        case ParseStatus::error:
            return "error";
        case ParseStatus::skip:
            return "skip";
    }
    return "?";
}

template <typename Parser, typename Request>
FeedResult feed(const std::vector<std::string_view>& chunks, const Limits& limits) {
    Parser parser(limits);
    Request req;
    FeedResult out;
    std::string buf;
    for (std::string_view chunk : chunks) {
        buf.append(chunk);
        for (;;) {
            ParseResult r = parser.parse(buf, req);
            if (r.status == ParseStatus::need_more) {
                if (r.consumed != 0) throw std::logic_error("need_more consumed bytes");
                break;
            }
            if (r.consumed > buf.size()) throw std::logic_error("consumed past the input");
            if (r.status == ParseStatus::skip) {
                if (out.events.empty() || r.consumed == 0) throw std::logic_error("bad skip");
                out.events.back().consumed += r.consumed;
            } else {
                Event e;
                e.status = r.status;
                // A connection that is closing drops its buffer; how much of it was buffered
                // depends on the split, so it is not part of the event.
                e.consumed = r.close && r.status == ParseStatus::error ? 0 : r.consumed;
                e.reply = std::string(r.reply);
                e.close = r.close;
                e.invalidate_key = r.invalidate_key;
                if (r.status == ParseStatus::ok || r.invalidate_key) e.request = describe(req);
                out.events.push_back(std::move(e));
                if (r.consumed == 0) throw std::logic_error("result consumed nothing");
            }
            buf.erase(0, r.consumed);
            // Whatever follows a close depends on how the bytes were split; it is never read.
            if (r.close) return out;
        }
    }
    out.leftover = buf.size();
    return out;
}

}  // namespace

std::string describe(const TextRequest& r) {
    // Only what differs from a default request, so expectations stay short.
    std::ostringstream s;
    s << text_command_spec(r.cmd).name;
    if (!r.keys.empty()) s << " keys=" << list(r.keys);
    if (r.flags) s << " flags=" << r.flags;
    if (r.exptime) s << " exptime=" << r.exptime;
    if (r.cas_unique) s << " cas=" << r.cas_unique;
    if (r.delta) s << " delta=" << r.delta;
    if (r.noreply) s << " noreply";
    if (r.data.data() != nullptr) s << " data=" << printable(r.data);
    if (!r.args.empty()) s << " args=" << list(r.args);
    if (text_command_spec(r.cmd).has(command_flags::meta)) s << describe(r.meta);
    return s.str();
}

std::string describe(const MetaRequest& m) {
    std::ostringstream s;
    if (m.binary_key) s << " b";
    if (m.flag_count != 0) {
        s << " flags=[";
        for (size_t i = 0; i < m.flag_count; ++i) {
            if (i) s << ",";
            s << m.flag_storage[i].flag << printable(m.flag_storage[i].token);
        }
        s << "]";
    }
    if (m.value) s << " v";
    if (m.quiet) s << " q";
    if (m.no_bump) s << " u";
    if (m.invalidate) s << " I";
    if (m.ttl) s << " T=" << *m.ttl;
    if (m.vivify_ttl) s << " N=" << *m.vivify_ttl;
    if (m.recache_ttl) s << " R=" << *m.recache_ttl;
    if (m.compare_cas) s << " C=" << *m.compare_cas;
    if (m.client_flags) s << " F=" << m.client_flags;
    if (m.mode) s << " M=" << m.mode;
    if (m.delta != 1) s << " D=" << m.delta;
    if (m.initial) s << " J=" << m.initial;
    return s.str();
}

std::string describe(const BinaryRequest& r) {
    std::ostringstream s;
    s << "op=" << std::hex << int{r.opcode} << std::dec;
    if (r.data_type) s << " dt=" << int{r.data_type};
    if (r.vbucket) s << " vb=" << r.vbucket;
    if (r.opaque) s << " opaque=" << std::hex << r.opaque << std::dec;
    if (r.cas) s << " cas=" << r.cas;
    if (!r.extras.empty()) s << " extras=" << printable(r.extras);
    if (!r.key.empty()) s << " key=" << printable(r.key);
    if (!r.value.empty()) s << " value=" << printable(r.value);
    return s.str();
}

std::string to_string(const Event& e) {
    std::ostringstream s;
    s << status_name(e.status) << " " << e.consumed;
    if (e.close) s << " close";
    if (e.invalidate_key) s << " invalidate";
    if (!e.reply.empty()) s << " '" << printable(e.reply) << "'";
    if (!e.request.empty()) s << " {" << e.request << "}";
    return s.str();
}

std::string to_string(const std::vector<Event>& events) {
    std::string out;
    for (const auto& e : events) out += to_string(e) + "\n";
    return out;
}

FeedResult feed_text(const std::vector<std::string_view>& chunks, const Limits& limits) {
    return feed<TextParser, TextRequest>(chunks, limits);
}

FeedResult feed_binary(const std::vector<std::string_view>& chunks, const Limits& limits) {
    return feed<BinaryParser, BinaryRequest>(chunks, limits);
}

std::vector<std::vector<std::string_view>> splits_of(std::string_view input) {
    std::vector<std::vector<std::string_view>> out;
    out.push_back({input});
    for (size_t i = 1; i < input.size(); ++i) {
        out.push_back({input.substr(0, i), input.substr(i)});
    }
    std::vector<std::string_view> bytes;
    for (size_t i = 0; i < input.size(); ++i) bytes.push_back(input.substr(i, 1));
    out.push_back(std::move(bytes));
    return out;
}

namespace {

template <typename Feed>
std::vector<std::string> events_at_every_split(std::string_view input, const Limits& limits,
                                               Feed feed) {
    FeedResult whole = feed({input}, limits);
    for (const auto& chunks : splits_of(input)) {
        FeedResult got = feed(chunks, limits);
        if (got != whole) {
            ADD_FAILURE() << "split into " << chunks.size() << " pieces, first " << chunks[0].size()
                          << " bytes, of '" << printable(input) << "':\n got:\n"
                          << to_string(got.events) << "leftover " << got.leftover << "\n whole:\n"
                          << to_string(whole.events) << "leftover " << whole.leftover;
            break;
        }
    }
    std::vector<std::string> out;
    for (const auto& e : whole.events) out.push_back(to_string(e));
    if (whole.leftover != 0) out.push_back("leftover " + std::to_string(whole.leftover));
    return out;
}

}  // namespace

std::vector<std::string> text_events(std::string_view input, const Limits& limits) {
    return events_at_every_split(input, limits, feed_text);
}

std::vector<std::string> binary_events(std::string_view input, const Limits& limits) {
    return events_at_every_split(input, limits, feed_binary);
}

}  // namespace larder::memcache::testing
