#include "src/session_factory.h"

#include "src/memcache_sessions.h"
#include "src/resp_session.h"

namespace larder {

std::unique_ptr<Session> make_session(WireProtocol protocol, SessionEnv env) {
    switch (protocol) {
        case WireProtocol::memcache_text: return std::make_unique<MemcacheTextSession>(env);
        case WireProtocol::memcache_binary: return std::make_unique<MemcacheBinarySession>(env);
        case WireProtocol::resp: break;
    }
    return std::make_unique<RespSession>(env);
}

}  // namespace larder
