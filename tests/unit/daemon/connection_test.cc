// Connection behaviour with an in-memory transport: detection, one write per read batch,
// requests split across reads, backpressure, and closing.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "src/connection.h"
#include "src/detect.h"
#include "src/fake_transport.h"

namespace larder {
namespace {

// A line protocol for tests: each "\n"-terminated line is answered with "<tag>:<line>\n";
// the line "quit" closes.
class LineSession final : public Session {
public:
    explicit LineSession(std::string tag, bool one_per_batch = false)
        : tag_(std::move(tag)), one_per_batch_(one_per_batch) {}
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override {
        size_t off = 0;
        while (true) {
            size_t nl = input.find('\n', off);
            if (nl == std::string_view::npos) break;
            std::string_view line = input.substr(off, nl - off);
            off = nl + 1;
            if (line == "quit") return {off, true};
            out.append(tag_ + ":");
            out.append(line);
            out.append('\n');
            // Simulates a session whose output budget is one reply per batch.
            if (one_per_batch_ && off < input.size()) return {off, false, true};
        }
        return {off, false};
    }

private:
    std::string tag_;
    bool one_per_batch_;
};

struct Harness {
    net::FakeTransport* transport = nullptr;
    std::unique_ptr<Connection> connection;
    WireProtocol chosen = WireProtocol::resp;
    bool gone = false;

    explicit Harness(ListenerProtocol p = {}, ConnectionLimits limits = {},
                     bool one_per_batch = false) {
        auto t = std::make_unique<net::FakeTransport>();
        transport = t.get();
        connection = std::make_unique<Connection>(
            std::move(t), p,
            [this, one_per_batch](WireProtocol w, Connection&) {
                chosen = w;
                const char* tag = w == WireProtocol::resp ? "resp"
                                  : w == WireProtocol::memcache_text ? "text"
                                                                    : "bin";
                return std::make_unique<LineSession>(tag, one_per_batch);
            },
            limits, [this](Connection*) { gone = true; });
        connection->start();
    }
};

TEST(Detect, FirstByteChoosesProtocol) {
    EXPECT_EQ(detect_protocol(0x80, ListenerDefault::resp), WireProtocol::memcache_binary);
    EXPECT_EQ(detect_protocol('*', ListenerDefault::memcache), WireProtocol::resp);
    EXPECT_EQ(detect_protocol('g', ListenerDefault::memcache), WireProtocol::memcache_text);
    EXPECT_EQ(detect_protocol('P', ListenerDefault::resp), WireProtocol::resp);
    EXPECT_EQ(detect_protocol(0x16, ListenerDefault::memcache), WireProtocol::memcache_text);
}

TEST(Connection, DetectsFromASingleByteRead) {
    ListenerProtocol p;
    p.fallback = ListenerDefault::memcache;
    Harness h(p);
    h.transport->feed("g");
    EXPECT_EQ(h.chosen, WireProtocol::memcache_text);
    EXPECT_EQ(h.transport->take_written(), "");
    h.transport->feed("et k\n");
    EXPECT_EQ(h.transport->take_written(), "text:get k\n");
}

TEST(Connection, BinaryMagicOnAPinnedMemcachePort) {
    ListenerProtocol p;
    p.pinned = true;
    p.pinned_protocol = WireProtocol::memcache_text;
    Harness h(p);
    h.transport->feed(std::string("\x80x\n", 3));
    EXPECT_EQ(h.chosen, WireProtocol::memcache_binary);
}

TEST(Connection, PipelinedBatchIsOneWrite) {
    Harness h;
    h.transport->feed("a\nb\nc\n");
    EXPECT_EQ(h.transport->take_written(), "resp:a\nresp:b\nresp:c\n");
    EXPECT_EQ(h.transport->write_calls(), 1u);
}

TEST(Connection, RequestSplitAtEveryByte) {
    const std::string stream = "first\nsecond line\nthird\n";
    const std::string expected = "resp:first\nresp:second line\nresp:third\n";
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
        Harness h;
        h.transport->feed(stream.substr(0, cut));
        h.transport->feed(stream.substr(cut));
        EXPECT_EQ(h.transport->take_written(), expected) << "cut at " << cut;
    }
    Harness bytewise;
    for (char c : stream) bytewise.transport->feed(std::string(1, c));
    EXPECT_EQ(bytewise.transport->take_written(), expected);
}

TEST(Connection, CloseRequestFlushesRepliesFirst) {
    Harness h;
    h.transport->feed("a\nquit\nnever\n");
    EXPECT_EQ(h.transport->take_written(), "resp:a\n");
    EXPECT_TRUE(h.transport->is_closed());
    h.transport->finish_close();
    EXPECT_TRUE(h.gone);
}

TEST(Connection, SlowReaderPausesInputUntilDrained) {
    ConnectionLimits limits;
    limits.max_pending_output = 100;
    Harness h({}, limits);
    h.transport->set_pending(1000);
    h.transport->feed("x\n");
    EXPECT_TRUE(h.transport->paused());
    h.transport->drain();
    EXPECT_FALSE(h.transport->paused());
}

TEST(Connection, FullOutputBudgetContinuesUntilTheClientFallsBehind) {
    Harness h({}, {}, /*one_per_batch=*/true);
    h.transport->feed("a\nb\nc\n");
    EXPECT_EQ(h.transport->take_written(), "resp:a\nresp:b\nresp:c\n");
    EXPECT_EQ(h.transport->write_calls(), 3u);
}

TEST(Connection, BufferedRequestsWaitForDrainThenRun) {
    ConnectionLimits limits;
    limits.max_pending_output = 100;
    Harness h({}, limits, /*one_per_batch=*/true);
    h.transport->set_pending(1000);
    h.transport->feed("a\nb\nc\n");
    EXPECT_EQ(h.transport->take_written(), "resp:a\n");
    EXPECT_TRUE(h.transport->paused());
    h.transport->drain();
    EXPECT_EQ(h.transport->take_written(), "resp:b\nresp:c\n");
    EXPECT_FALSE(h.transport->paused());
}

TEST(Connection, ShutdownAnswersWhatWasReadThenCloses) {
    ConnectionLimits limits;
    limits.max_pending_output = 100;
    Harness h({}, limits, /*one_per_batch=*/true);
    h.transport->set_pending(1000);
    h.transport->feed("a\nb\nc\npartial");
    h.connection->shutdown();
    EXPECT_FALSE(h.transport->is_closed());
    h.transport->drain();
    EXPECT_EQ(h.transport->take_written(), "resp:a\nresp:b\nresp:c\n");
    EXPECT_TRUE(h.transport->is_closed());
}

TEST(Connection, OversizedIncompleteInputCloses) {
    ConnectionLimits limits;
    limits.max_input_buffer = 64;
    Harness h({}, limits);
    h.transport->feed(std::string(100, 'z'));
    EXPECT_TRUE(h.transport->is_closed());
}

TEST(Connection, PeerEofShutsDownAfterReplies) {
    Harness h;
    h.transport->feed("a\n");
    h.transport->peer_closes();
    EXPECT_EQ(h.transport->take_written(), "resp:a\n");
    EXPECT_TRUE(h.transport->is_closed());
}

}  // namespace
}  // namespace larder
