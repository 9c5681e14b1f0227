// memcached sessions: the text protocol (classic and meta commands) and the binary protocol.
// Each parses one request per step and runs the handler its command table binds to the
// request's id (text_commands.h, binary_commands.h). With memcache-auth-file set, a session
// first requires a login: memcached's set-command login on text, SASL PLAIN on binary.
#pragma once

#include <memory>
#include <optional>

#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/text_parser.h"
#include "src/server/client_context.h"
#include "src/server/memcache_state.h"
#include "src/server/service.h"
#include "src/server/session_env.h"

namespace larder::server {

// What both memcached sessions share: registration in `stats conns` for their lifetime, the
// client's state, and the login state.
class MemcacheSessionBase : public Session {
  public:
    void end_batch(size_t bytes) override;

    // Checks a login against memcache-auth-file and counts it (auth_cmds, auth_errors).
    bool login(std::string_view user, std::string_view password);
    bool authenticated() const { return authenticated_; }
    uint64_t conn_id() const { return registration_->id; }
    SessionEnv& env() { return env_; }
    memcache_ops::MemcacheShared& shared() { return shared_; }

  protected:
    MemcacheSessionBase(SessionEnv env, ConnectionFacts facts);
    ~MemcacheSessionBase() override;
    MemcacheSessionBase(const MemcacheSessionBase&) = delete;
    MemcacheSessionBase& operator=(const MemcacheSessionBase&) = delete;

    SessionEnv env_;
    memcache_ops::MemcacheShared& shared_;
    ClientContext client_;
    std::shared_ptr<memcache_ops::ConnRegistry::Conn> registration_;
    bool authenticated_;
    bool ran_ = false;  // a command ran in this batch (stats conns: secs_since_last_cmd)
};

class MemcacheTextSession final : public MemcacheSessionBase {
  public:
    MemcacheTextSession(SessionEnv env, ConnectionFacts facts);
    Step step(std::string_view input, proto::OutBuffer& out) override;

  private:
    // One login attempt from the unauthenticated input.
    Step login_step(std::string_view input, proto::OutBuffer& out);

    memcache::TextParser parser_;
    memcache::TextRequest request_;
};

class MemcacheBinarySession final : public MemcacheSessionBase {
  public:
    MemcacheBinarySession(SessionEnv env, ConnectionFacts facts);
    Step step(std::string_view input, proto::OutBuffer& out) override;

  private:
    memcache::BinaryParser parser_;
    memcache::BinaryRequest request_;
};

}  // namespace larder::server
