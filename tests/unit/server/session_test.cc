// Command execution through the seam, without sockets: a WorkerService opens sessions as the
// network would, and the test steps them one request at a time. The store's injected clock
// is the clock handlers use, so expiry over both protocols is tested without sleeping.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/server/server_harness.h"

namespace larder::server {
namespace {

using testing::run;
using Server = testing::ServerHarness;

TEST(ServerClock, RespExpiryFollowsTheInjectedClock) {
    Server srv;
    auto s = srv.open(WireProtocol::resp);
    EXPECT_EQ(run(*s, "SET k v EX 10\r\n"), "+OK\r\n");
    EXPECT_EQ(run(*s, "TTL k\r\n"), ":10\r\n");
    srv.clock.advance(9'000);
    EXPECT_EQ(run(*s, "GET k\r\n"), "$1\r\nv\r\n");
    EXPECT_EQ(run(*s, "TTL k\r\n"), ":1\r\n");
    srv.clock.advance(1'001);
    EXPECT_EQ(run(*s, "GET k\r\n"), "$-1\r\n");
}

TEST(ServerClock, MemcachedExpiryFollowsTheInjectedClock) {
    Server srv;
    auto s = srv.open(WireProtocol::memcache_text);
    EXPECT_EQ(run(*s, "set k 5 30 1\r\nx\r\n"), "STORED\r\n");
    srv.clock.advance(29'000);
    EXPECT_EQ(run(*s, "get k\r\n"), "VALUE k 5 1\r\nx\r\nEND\r\n");
    srv.clock.advance(1'001);
    EXPECT_EQ(run(*s, "get k\r\n"), "END\r\n");
}

TEST(ServerClock, BothProtocolsShareOneKeyspaceAndOneClock) {
    Server srv;
    auto resp = srv.open(WireProtocol::resp);
    auto mc = srv.open(WireProtocol::memcache_text);
    EXPECT_EQ(run(*resp, "SET shared v PX 500\r\n"), "+OK\r\n");
    EXPECT_EQ(run(*mc, "get shared\r\n"), "VALUE shared 0 1\r\nv\r\nEND\r\n");
    srv.clock.advance(500);
    EXPECT_EQ(run(*mc, "get shared\r\n"), "END\r\n");
}

TEST(ServerSession, ClientSeesTheFactsTheNetworkGave) {
    Server srv;
    auto s = srv.open(WireProtocol::resp);
    std::string reply = run(*s, "CLIENT INFO\r\n");
    EXPECT_NE(reply.find("addr=127.0.0.1:5555"), std::string::npos) << reply;
}

// Redis 7.2's CLIENT SETINFO, which newer clients send on connect.
TEST(ServerSession, ClientSetinfoRecordsTheLibrary) {
    Server srv;
    auto s = srv.open(WireProtocol::resp);
    EXPECT_EQ(run(*s, "CLIENT SETINFO LIB-NAME redis-py\r\n"), "+OK\r\n");
    EXPECT_EQ(run(*s, "CLIENT SETINFO lib-ver 5.0.1\r\n"), "+OK\r\n");
    EXPECT_EQ(run(*s, "CLIENT SETINFO lib-arch x\r\n"), "-ERR Unrecognized option 'lib-arch'\r\n");
    EXPECT_EQ(run(*s, "*4\r\n$6\r\nCLIENT\r\n$7\r\nSETINFO\r\n$8\r\nlib-name\r\n$3\r\na b\r\n"),
              "-ERR lib-name cannot contain spaces, newlines or special characters.\r\n");
    EXPECT_EQ(run(*s, "CLIENT SETINFO lib-name\r\n"),
              "-ERR wrong number of arguments for 'client|setinfo' command\r\n");
}

TEST(ServerSession, BytesAndCommandsAreCounted) {
    Server srv;
    auto s = srv.open(WireProtocol::resp);
    run(*s, "PING\r\nPING\r\n");
    EXPECT_EQ(srv.service->stats().commands.load(), 2u);
    EXPECT_EQ(srv.service->stats().bytes_read.load(), 12u);
}

TEST(ServerSession, ProtocolErrorClosesAfterTheReply) {
    Server srv;
    auto s = srv.open(WireProtocol::resp);
    proto::OutBuffer out;
    Step step = s->step("*1\r\n$x\r\n", out);
    EXPECT_EQ(step.status, Step::Status::close);
    EXPECT_EQ(out.take().substr(0, 20), "-ERR Protocol error:");
}

TEST(ServerAdmit, RefusalIsWordedInTheListenersProtocol) {
    Config config;
    config.maxclients = 1;
    Server srv(config);
    EXPECT_FALSE(srv.service->admit(WireProtocol::resp).has_value());
    EXPECT_EQ(srv.service->admit(WireProtocol::resp), "-ERR max number of clients reached\r\n");
    EXPECT_EQ(srv.service->admit(WireProtocol::memcache_text),
              "ERROR Too many open connections\r\n");
    srv.service->connection_closed();
    EXPECT_FALSE(srv.service->admit(WireProtocol::memcache_text).has_value());
    EXPECT_EQ(srv.service->stats().rejected_connections.load(), 2u);
}

}  // namespace
}  // namespace larder::server
