#include "tests/unit/resp/parse_harness.h"

#include <gtest/gtest.h>

#include <memory>

namespace larder::resp::testing {

Event ok(std::vector<std::string> args, size_t consumed) {
    return {ParseStatus::ok, std::move(args), consumed, {}};
}

Event error(std::string_view text) {
    return {ParseStatus::error, {}, 0, std::string(text)};
}

Outcome outcome(std::vector<Event> events, size_t leftover) {
    return {std::move(events), leftover};
}

Outcome failed(std::vector<Event> events) {
    return {std::move(events), std::string_view::npos};
}

namespace {

// Parses everything parseable out of `buf`; returns false once an error ends the stream.
bool drain(Parser& parser, std::string& buf, bool move_buffer, Outcome& out) {
    Request req;
    while (true) {
        std::unique_ptr<char[]> copy;
        std::string_view view = buf;
        if (move_buffer) {
            copy = std::make_unique<char[]>(buf.size() + 1);
            buf.copy(copy.get(), buf.size());
            view = std::string_view(copy.get(), buf.size());
        }
        const ParseResult res = parser.parse(view, req);
        switch (res.status) {
            case ParseStatus::need_more:
                EXPECT_EQ(res.consumed, 0u);
                EXPECT_TRUE(req.args.empty());
                return true;
            case ParseStatus::error:
                EXPECT_EQ(res.consumed, 0u);
                EXPECT_TRUE(req.args.empty());
                EXPECT_FALSE(res.error.empty());
                out.events.push_back(error(res.error));
                out.leftover = std::string_view::npos;
                return false;
            case ParseStatus::ok: {
                EXPECT_GT(res.consumed, 0u);
                EXPECT_LE(res.consumed, buf.size());
                Event e{ParseStatus::ok, {}, res.consumed, {}};
                for (std::string_view a : req.args) e.args.emplace_back(a);
                out.events.push_back(std::move(e));
                buf.erase(0, res.consumed);
                break;
            }
        }
    }
}

}  // namespace

Outcome run(std::string_view input, const std::vector<size_t>& cuts, Limits limits,
            bool move_buffer) {
    Parser parser(limits);
    Outcome out;
    std::string buf;
    size_t fed = 0;
    std::vector<size_t> ends = cuts;
    ends.push_back(input.size());
    for (size_t end : ends) {
        buf.append(input.substr(fed, end - fed));
        fed = end;
        if (!drain(parser, buf, move_buffer, out)) return out;
    }
    out.leftover = buf.size();
    return out;
}

Outcome run_bytewise(std::string_view input, Limits limits) {
    std::vector<size_t> cuts;
    for (size_t i = 1; i < input.size(); ++i) cuts.push_back(i);
    // Copying the buffer per call is quadratic; keep it to inputs where that is cheap.
    return run(input, cuts, limits, input.size() <= 4096);
}

std::string describe(const Outcome& o) {
    std::string s;
    for (const Event& e : o.events) {
        if (e.status == ParseStatus::error) {
            s += "error(" + e.error + ") ";
            continue;
        }
        s += "ok" + std::to_string(e.consumed) + "[";
        for (const std::string& a : e.args) s += "'" + a + "' ";
        s += "] ";
    }
    s += o.leftover == std::string_view::npos ? "<closed>" : "left " + std::to_string(o.leftover);
    return s;
}

void PrintTo(const Outcome& o, std::ostream* os) {
    *os << describe(o);
}

}  // namespace larder::resp::testing
