// Connection behaviour with an in-memory transport: detection, one write per read batch,
// requests split across reads, backpressure, and closing.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "src/net/connection.h"
#include "src/net/detect.h"
#include "src/net/fake_transport.h"

namespace larder::net {
namespace {

using server::Session;
using server::Step;

// A line protocol for tests: each "\n"-terminated line is answered with "<tag>:<line>\n";
// the line "quit" closes. Counts the bytes the connection reports per batch.
class LineSession final : public Session {
  public:
    explicit LineSession(std::string tag) : tag_(std::move(tag)) {}
    Step step(std::string_view input, proto::OutBuffer& out) override {
        size_t nl = input.find('\n');
        if (nl == std::string_view::npos) return Step::need_more();
        std::string_view line = input.substr(0, nl);
        if (line == "quit") return Step::close();
        out.append(tag_ + ":");
        out.append(line);
        out.append('\n');
        return Step::handled(nl + 1);
    }
    void end_batch(size_t bytes) override { batch_bytes_->push_back(bytes); }

    std::vector<size_t>* batch_bytes_ = nullptr;

  private:
    std::string tag_;
};

struct Harness {
    FakeTransport* transport = nullptr;
    std::unique_ptr<Connection> connection;
    WireProtocol chosen = WireProtocol::resp;
    server::ConnectionFacts facts;
    std::vector<size_t> batch_bytes;
    bool gone = false;

    // one_per_batch: an output budget of one byte, so each batch answers one request.
    explicit Harness(ListenerProtocol p = {}, ConnectionLimits limits = {},
                     bool one_per_batch = false) {
        auto t = std::make_unique<FakeTransport>();
        transport = t.get();
        if (one_per_batch) limits.max_batch_output = 1;
        connection = std::make_unique<Connection>(
            std::move(t), p, "test-listener",
            [this](server::ConnectionFacts f) {
                chosen = f.protocol;
                facts = f;
                const char* tag = f.protocol == WireProtocol::resp            ? "resp"
                                  : f.protocol == WireProtocol::memcache_text ? "text"
                                                                              : "bin";
                auto s = std::make_unique<LineSession>(tag);
                s->batch_bytes_ = &batch_bytes;
                return s;
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

TEST(Connection, SessionLearnsPeerAndListener) {
    Harness h;
    h.transport->feed("a\n");
    EXPECT_EQ(h.facts.peer, "127.0.0.1:1");
    EXPECT_EQ(h.facts.listener, "test-listener");
    EXPECT_EQ(h.facts.protocol, WireProtocol::resp);
}

TEST(Connection, CountsConsumedBytesPerBatch) {
    Harness h;
    h.transport->feed("ab\ncd\npart");
    h.transport->feed("ial\n");
    EXPECT_EQ(h.batch_bytes, (std::vector<size_t>{6, 8}));
    h.transport->feed("x\nquit\nnever");
    EXPECT_EQ(h.batch_bytes.back(), 12u);  // a batch that closes counts all it was given
}

TEST(Connection, PeerEofShutsDownAfterReplies) {
    Harness h;
    h.transport->feed("a\n");
    h.transport->peer_closes();
    EXPECT_EQ(h.transport->take_written(), "resp:a\n");
    EXPECT_TRUE(h.transport->is_closed());
}

}  // namespace
}  // namespace larder::net
