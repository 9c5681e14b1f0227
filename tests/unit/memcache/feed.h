// Test driver that plays the daemon's part for a parser: appends reads to a buffer, parses
// until need_more, drops consumed bytes, and records what came out. Feeding the same bytes
// whole, at every split point and byte by byte must record the same events.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/text_parser.h"

namespace larder::memcache::testing {

struct Event {
    ParseStatus status = ParseStatus::need_more;
    // For errors, bytes swallowed afterwards (skip results) are added here, so the figure
    // does not depend on how the input was split.
    size_t consumed = 0;
    std::string reply;
    bool close = false;
    bool invalidate_key = false;
    std::string request;  // describe() of the request, for ok and invalidate_key results

    bool operator==(const Event&) const = default;
};

// Bytes with \r, \n and non-printables escaped.
std::string printable(std::string_view s);
std::string describe(const TextRequest& r);
std::string describe(const MetaRequest& m);  // the meta part of describe(TextRequest)
std::string describe(const BinaryRequest& r);
std::string to_string(const Event& e);
std::string to_string(const std::vector<Event>& events);

struct FeedResult {
    std::vector<Event> events;
    size_t leftover = 0;  // bytes still buffered when the input ran out (0 after a close)
    bool operator==(const FeedResult&) const = default;
};

// Feeds `chunks` in order to a fresh parser built from `limits`.
FeedResult feed_text(const std::vector<std::string_view>& chunks, const Limits& limits = {});
FeedResult feed_binary(const std::vector<std::string_view>& chunks, const Limits& limits = {});

// Feeds `input` whole, at every split point and byte by byte, reports a test failure if any
// way disagrees with the whole, and returns the events as strings (plus "leftover N" when
// bytes remain buffered), for EXPECT_EQ against expectations.
std::vector<std::string> text_events(std::string_view input, const Limits& limits = {});
std::vector<std::string> binary_events(std::string_view input, const Limits& limits = {});

// Splits `input` into pieces: whole, every two-piece split, and one byte at a time.
std::vector<std::vector<std::string_view>> splits_of(std::string_view input);

}  // namespace larder::memcache::testing
