// memcached command semantics, written once for the text and the binary protocol: each
// session decodes its requests into these calls, which use the store and answer through the
// meaning-level Responder (the encoders know text from binary).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "protocols/memcache/responder.h"
#include "src/session_factory.h"

namespace larder::memcache_ops {

enum class StoreMode : uint8_t { set, add, replace, append, prepend, cas };

struct Call {
    SessionEnv& env;
    memcache::Responder& reply;
};

// memcached's exptime rules: 0 = never; negative = already expired; up to 30 days relative;
// beyond that an absolute Unix time. Returns 0 for "no expiry", otherwise an absolute time
// in ms (a past time means expired at once).
int64_t expire_at_ms(int64_t exptime, int64_t now_ms);

void store(Call& c, StoreMode mode, std::string_view key, std::string_view data, uint32_t flags,
           int64_t exptime, uint64_t cas);
// One key of a get/gets/gat/gats; with touch, updates the expiry as it reads.
void get(Call& c, std::string_view key, bool touch = false, int64_t exptime = 0);
// delete; a non-zero cas (binary protocol) must match the item's.
void remove(Call& c, std::string_view key, uint64_t cas = 0);
// incr/decr; with create (binary protocol), a missing key starts at `initial`.
void arith(Call& c, std::string_view key, uint64_t delta, bool decrement, bool create = false,
           uint64_t initial = 0, int64_t exptime = 0);
void touch(Call& c, std::string_view key, int64_t exptime);
void flush(Call& c, int64_t delay_seconds);
void version(Call& c);
// `stats` with no argument: the general counters. Returns false for an unknown group.
bool stats(Call& c, std::span<const std::string_view> args);

}  // namespace larder::memcache_ops
