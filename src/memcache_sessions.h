// memcached sessions: the text protocol and the binary protocol. Each parses its requests
// and hands them to the shared semantics in src/commands/memcache_ops.h.
#pragma once

#include "protocols/memcache/binary_parser.h"
#include "protocols/memcache/binary_responder.h"
#include "protocols/memcache/text_parser.h"
#include "protocols/memcache/text_responder.h"
#include "src/session.h"
#include "src/session_factory.h"

namespace larder {

class MemcacheTextSession final : public Session {
public:
    explicit MemcacheTextSession(SessionEnv env);
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override;

private:
    // Returns true when the connection must close after this request.
    bool execute(const memcache::TextRequest& req, memcache::TextResponder& reply);

    SessionEnv env_;
    memcache::TextParser parser_;
    memcache::TextRequest request_;
};

class MemcacheBinarySession final : public Session {
public:
    explicit MemcacheBinarySession(SessionEnv env);
    ProcessResult process(std::string_view input, proto::OutBuffer& out) override;

private:
    bool execute(const memcache::BinaryRequest& req, memcache::BinaryResponder& reply);

    SessionEnv env_;
    memcache::BinaryParser parser_;
    memcache::BinaryRequest request_;
};

// memcached limits from the configuration (item-size-max).
memcache::Limits memcache_limits(const SessionEnv& env);

}  // namespace larder
