// Drives a Parser the way a connection does (append bytes, parse requests out, drop what
// was consumed), so a case can be replayed whole, cut at every point, or byte by byte and
// the outcomes compared.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/resp/parser.h"

namespace larder::resp::testing {

struct Event {
    ParseStatus status;  // ok or error
    std::vector<std::string> args;
    size_t consumed = 0;
    std::string error;
    bool operator==(const Event&) const = default;
};

struct Outcome {
    std::vector<Event> events;
    // Bytes still held when parsing stopped for more input; npos after an error.
    size_t leftover = 0;
    bool operator==(const Outcome&) const = default;
};

Event ok(std::vector<std::string> args, size_t consumed);
Event error(std::string_view text);
Outcome outcome(std::vector<Event> events, size_t leftover);
Outcome failed(std::vector<Event> events);

// Feeds `input` in pieces ending at each of `cuts` (ascending) and then at its end.
// With `move_buffer`, every parse() call sees a freshly allocated copy of the buffer, so a
// parser that kept pointers between calls would be caught by the sanitizers.
Outcome run(std::string_view input, const std::vector<size_t>& cuts, Limits limits = {},
            bool move_buffer = false);
Outcome run_bytewise(std::string_view input, Limits limits = {});

std::string describe(const Outcome& o);
// Lets GoogleTest print outcomes readably in failure messages.
void PrintTo(const Outcome& o, std::ostream* os);

}  // namespace larder::resp::testing
