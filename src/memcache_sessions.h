// memcached sessions: the text protocol (classic and meta commands) and the binary protocol.
// Each parses its requests and hands them to the shared semantics in
// src/commands/memcache_ops.h and memcache_meta.h. With memcache-auth-file set, a session
// first requires a login: memcached's set-command login on text, SASL PLAIN on binary.
#pragma once

#include <memory>
#include <optional>

#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/binary_responder.h"
#include "protocols/memcache/meta_responder.h"
#include "protocols/memcache/text_parser.h"
#include "protocols/memcache/text_responder.h"
#include "src/commands/memcache_shared.h"
#include "src/session.h"
#include "src/session_factory.h"

namespace larder {

// What both memcached sessions share: registration in `stats conns` for their lifetime, and
// the login state.
class MemcacheSessionBase : public Session {
  protected:
    explicit MemcacheSessionBase(SessionEnv env);
    ~MemcacheSessionBase() override;
    MemcacheSessionBase(const MemcacheSessionBase&) = delete;
    MemcacheSessionBase& operator=(const MemcacheSessionBase&) = delete;

    // Checks a login against memcache-auth-file and counts it (auth_cmds, auth_errors).
    bool login(std::string_view user, std::string_view password);
    // Notes that a batch of commands ran now (stats conns: secs_since_last_cmd).
    void touch_activity();

    SessionEnv env_;
    memcache_ops::MemcacheShared& shared_;
    std::shared_ptr<memcache_ops::ConnRegistry::Conn> registration_;
    bool authenticated_;
};

class MemcacheTextSession final : public MemcacheSessionBase {
  public:
    explicit MemcacheTextSession(SessionEnv env);
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override;

  private:
    // Returns true when the connection must close after this request.
    bool execute(const memcache::TextRequest& req, memcache::TextResponder& reply,
                 memcache::MetaResponder& meta);
    void execute_meta(const memcache::TextRequest& req, memcache::MetaResponder& meta);
    // One login attempt from the unauthenticated input; false when more bytes are needed.
    struct LoginStep {
        size_t consumed = 0;
        bool close = false;
    };
    std::optional<LoginStep> try_login(std::string_view input, proto::OutBuffer& out);

    memcache::TextParser parser_;
    memcache::TextRequest request_;
};

class MemcacheBinarySession final : public MemcacheSessionBase {
  public:
    explicit MemcacheBinarySession(SessionEnv env);
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override;

  private:
    bool execute(const memcache::BinaryRequest& req, memcache::BinaryResponder& reply);
    // SASL opcodes with a login configured; false when the request is not one.
    bool sasl(const memcache::BinaryRequest& req, memcache::BinaryResponder& reply);

    memcache::BinaryParser parser_;
    memcache::BinaryRequest request_;
};

// memcached limits from the configuration (item-size-max).
memcache::Limits memcache_limits(const SessionEnv& env);

}  // namespace larder
