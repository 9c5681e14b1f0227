// A handler is written once against Responder and answers both protocols correctly: the
// parsers feed the same toy handlers, and each responder produces its protocol's bytes.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "binary_build.h"
#include "feed.h"
#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/binary_responder.h"
#include "protocols/memcache/text_parser.h"
#include "protocols/memcache/text_responder.h"

namespace larder::memcache::testing {
namespace {

struct Item {
    uint32_t flags;
    std::string data;
    uint64_t cas;
};

// What the daemon's handlers look like: store calls, then meaning-level replies.
struct ToyHandlers {
    std::map<std::string, Item, std::less<>> items;
    uint64_t next_cas = 100;

    void set(std::string_view key, uint32_t flags, std::string_view data, Responder& r) {
        items[std::string(key)] = Item{flags, std::string(data), ++next_cas};
        r.stored_cas(next_cas);
    }
    void add(std::string_view key, uint32_t flags, std::string_view data, Responder& r) {
        if (items.count(key)) return r.not_stored();
        set(key, flags, data, r);
    }
    void get(std::string_view key, Responder& r) {
        auto it = items.find(key);
        if (it == items.end()) return r.miss(key);
        r.value(key, it->second.flags, it->second.cas, it->second.data);
    }
    void remove(std::string_view key, Responder& r) {
        if (items.erase(std::string(key)) == 0) return r.not_found();
        r.deleted();
    }
};

TEST(OneHandler, TextProtocol) {
    ToyHandlers h;
    proto::OutBuffer out;
    TextResponder r(out);
    TextParser parser;
    TextRequest req;
    std::string in =
        "set k 3 0 1\r\nv\r\nget k nokey\r\ngets k\r\nadd k 0 0 1 noreply\r\nx\r\n"
        "add k 0 0 1\r\nx\r\ndelete nokey\r\ndelete k noreply\r\nget k\r\n";
    std::string_view rest = in;
    for (;;) {
        ParseResult p = parser.parse(rest, req);
        if (p.status == ParseStatus::need_more) break;
        ASSERT_EQ(p.status, ParseStatus::ok);
        r.begin(req);
        switch (req.cmd) {
            case TextCommand::set:
                h.set(req.key(), req.flags, req.data, r);
                break;
            case TextCommand::add:
                h.add(req.key(), req.flags, req.data, r);
                break;
            case TextCommand::delete_:
                h.remove(req.key(), r);
                break;
            case TextCommand::get:
            case TextCommand::gets:
                for (auto key : req.keys) h.get(key, r);
                r.end_values();
                break;
            default:
                FAIL();
        }
        rest.remove_prefix(p.consumed);
    }
    EXPECT_EQ(out.view(),
              "STORED\r\nVALUE k 3 1\r\nv\r\nEND\r\nVALUE k 3 1 101\r\nv\r\nEND\r\n"
              "NOT_STORED\r\nNOT_FOUND\r\nEND\r\n");
}

TEST(OneHandler, BinaryProtocol) {
    ToyHandlers h;
    proto::OutBuffer out;
    BinaryResponder r(out);
    BinaryParser parser;
    BinaryRequest req;
    std::string in =
        request(Opcode::set, "k", storage_extras_bytes(3, 0), "v", 1) +
        request(Opcode::getk, "k", {}, {}, 2) + request(Opcode::getkq, "nokey", {}, {}, 3) +
        request(Opcode::getk, "nokey", {}, {}, 4) +
        request(Opcode::addq, "k", storage_extras_bytes(0, 0), "x", 5) +
        request(Opcode::deleteq, "k", {}, {}, 6) + request(Opcode::noop, {}, {}, {}, 7);
    std::string_view rest = in;
    for (;;) {
        ParseResult p = parser.parse(rest, req);
        if (p.status == ParseStatus::need_more) break;
        ASSERT_EQ(p.status, ParseStatus::ok);
        r.begin(req);
        switch (req.base()) {
            case Opcode::set:
                h.set(req.key, storage_extras(req).flags, req.value, r);
                break;
            case Opcode::add:
                h.add(req.key, storage_extras(req).flags, req.value, r);
                break;
            case Opcode::delete_:
                h.remove(req.key, r);
                break;
            case Opcode::getk:
                h.get(req.key, r);
                r.end_values();
                break;
            case Opcode::noop:
                r.ok();
                break;
            default:
                FAIL();
        }
        rest.remove_prefix(p.consumed);
    }
    std::string expected = response(0x01, BinaryStatus::no_error, {}, {}, {}, 1, 101) +
                           response(0x0c, BinaryStatus::no_error, be32(3), "k", "v", 2, 101) +
                           response(0x0c, BinaryStatus::key_not_found, {}, "nokey", {}, 4) +
                           error_response(0x12, BinaryStatus::key_exists, 5) +
                           response(0x0a, BinaryStatus::no_error, {}, {}, {}, 7);
    EXPECT_EQ(printable(out.view()), printable(expected));
}

}  // namespace
}  // namespace larder::memcache::testing
