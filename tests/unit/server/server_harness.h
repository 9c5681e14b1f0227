// A server without sockets for unit tests: a store with a ManualClock, its ServerContext and
// one WorkerService, whose sessions the test steps one request at a time as the network's
// batch loop would.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "src/server/context.h"
#include "src/server/service.h"
#include "src/server/worker_service.h"
#include "store/clock.h"
#include "store/store.h"

namespace larder::server::testing {

struct ServerHarness {
    store::ManualClock clock;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<ServerContext> ctx;
    std::unique_ptr<WorkerService> service;

    explicit ServerHarness(Config config = {}) {
        store::Config sc;
        sc.shard_count = 4;
        sc.clock = &clock;
        store = std::make_unique<store::Store>(sc);
        ctx = std::make_unique<ServerContext>(config, *store);
        service = std::make_unique<WorkerService>(*ctx, 0);
    }

    std::unique_ptr<Session> open(WireProtocol protocol) {
        ConnectionFacts facts;
        facts.peer = "127.0.0.1:5555";
        facts.listener = protocol == WireProtocol::resp ? "auto-resp" : "auto-memcache";
        facts.protocol = protocol;
        return service->open_session(facts);
    }
};

// Steps every whole request in `input`, then ends the batch; returns the replies.
inline std::string run(Session& s, std::string_view input) {
    proto::OutBuffer out;
    size_t offset = 0;
    while (offset < input.size()) {
        Step step = s.step(input.substr(offset), out);
        if (step.status != Step::Status::handled) break;
        offset += step.consumed;
    }
    s.end_batch(offset);
    return out.take();
}

}  // namespace larder::server::testing
