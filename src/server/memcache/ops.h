// memcached command semantics, written once for the text and the binary protocol: each
// session decodes its requests into these calls, which use the store and answer through the
// meaning-level Responder (the encoders know text from binary). The meta commands, which
// answer in their own form, are in memcache_meta.h.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "protocols/memcache/responder.h"
#include "src/server/session_env.h"

namespace larder::server::memcache_ops {

enum class StoreMode : uint8_t { set, add, replace, append, prepend, cas };

struct MemcacheShared;

struct Call {
    SessionEnv& env;
    memcache::Responder& reply;
    MemcacheShared& shared;  // env.ctx.memcache(), looked up once per session
    // Whether the reply can show a CAS. Text commands other than gets/gats/cas never do,
    // and an item that nobody asked a CAS of need not keep one (8 bytes less per item).
    store::CasUse cas_use = store::CasUse::need;
};

// memcached's exptime rules: 0 = never; negative = already expired; up to 30 days relative;
// beyond that an absolute Unix time. Returns 0 for "no expiry", otherwise an absolute time
// in ms (a past time means expired at once). The binary protocol's exptime is unsigned, so
// it never reaches the negative case: 0xffffffff is a time in 2106, as in memcached.
int64_t expire_at_ms(int64_t exptime, int64_t now_ms);

// `cas` is the text cas command's unique, or the binary header's CAS (which turns SET and
// REPLACE into a compare-and-swap, makes APPEND/PREPEND check it, and makes ADD answer
// "exists" or "not found" without storing, as memcached does).
void store(Call& c, StoreMode mode, std::string_view key, std::string_view data, uint32_t flags,
           int64_t exptime, uint64_t cas);
// One key of a get/gets/gat/gats (binary GET*, GAT*, and TOUCH, which answers like GAT
// without the value); with touch, updates the expiry as it reads.
void get(Call& c, std::string_view key, bool touch = false, int64_t exptime = 0);
// delete; a non-zero cas (binary protocol) must match the item's.
void remove(Call& c, std::string_view key, uint64_t cas = 0);
// incr/decr; with create (binary protocol), a missing key starts at `initial`. A non-zero
// cas (binary) must match the item's.
void arith(Call& c, std::string_view key, uint64_t delta, bool decrement, bool create = false,
           uint64_t initial = 0, int64_t exptime = 0, uint64_t cas = 0);
// Counts one incr/decr (classic, binary or meta) as a hit or a miss.
void count_arith(WorkerStats& stats, bool decrement, bool hit);
// Text touch: TOUCHED / NOT_FOUND.
void touch(Call& c, std::string_view key, int64_t exptime);
void flush(Call& c, int64_t delay_seconds);
void version(Call& c);
void verbosity(Call& c, uint32_t level);

}  // namespace larder::server::memcache_ops
