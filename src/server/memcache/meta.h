// The meta commands' semantics (mg, ms, md, ma, me), on the same store as every other
// command, answering through the meta encoder. What the store cannot hold yet (the recache
// bits behind W, X and Z) lives in MetaStateTable; what it cannot report at all (whether an
// item was fetched, when it was last accessed) is answered as for an item never fetched, and
// docs/protocols/memcached.md says so.
#pragma once

#include <cstdint>

#include "protocols/memcache/meta_responder.h"
#include "protocols/memcache/text_parser.h"
#include "src/server/session_env.h"

namespace larder::server::memcache_ops {

struct MemcacheShared;

struct MetaCall {
    SessionEnv& env;
    memcache::MetaResponder& reply;
    MemcacheShared& shared;
    const memcache::TextRequest& req;  // req.meta holds the flags; ms's value is req.data
};

void meta_get(MetaCall& c);
void meta_set(MetaCall& c);
void meta_delete(MetaCall& c);
void meta_arithmetic(MetaCall& c);
void meta_debug(MetaCall& c);

// Seconds left until expire_at_ms as memcached counts them (rounded up, so an item set with
// a TTL of 100 shows 100 until a whole second has passed); -1 for no expiry.
int64_t ttl_seconds(int64_t expire_at_ms, int64_t now_ms);

}  // namespace larder::server::memcache_ops
