#include "src/server/memcache/ops.h"

#include <algorithm>

#include "src/server/info.h"
#include "src/server/memcache_state.h"

namespace larder::server::memcache_ops {

namespace {
constexpr int64_t kRelativeLimitSeconds = 60 * 60 * 24 * 30;
// memcached caps verbosity at this level.
constexpr uint32_t kMaxVerbosity = 2;
using store::Status;
using Op = PrefixStats::Op;
}  // namespace

int64_t expire_at_ms(int64_t exptime, int64_t now) {
    if (exptime == 0) return 0;
    if (exptime < 0) return 1;  // the distant past: expired at once
    if (exptime > kRelativeLimitSeconds) return exptime * 1000;
    return now + exptime * 1000;
}

namespace {

void fill_expiry(const Call& c, int64_t exptime, store::ExpiryMode& mode, int64_t& at) {
    int64_t ms = expire_at_ms(exptime, c.env.ctx.now_ms());
    mode = ms == 0 ? store::ExpiryMode::clear : store::ExpiryMode::at;
    at = ms;
}

// `stats detail` counts per key prefix only while switched on; one relaxed load otherwise.
void record(Call& c, std::string_view key, Op op) {
    PrefixStats& detail = c.shared.detail;
    if (detail.enabled.load(std::memory_order_relaxed)) detail.record(key, op);
}

void store_failed(Call& c, Status status) {
    switch (status) {
        case Status::out_of_memory:
            return c.reply.error(memcache::ErrorKind::out_of_memory,
                                 "out of memory storing object");
        case Status::too_large:
            return c.reply.error(memcache::ErrorKind::too_large, "object too large for cache");
        default:
            return c.reply.not_stored();
    }
}

}  // namespace

void store(Call& c, StoreMode mode, std::string_view key, std::string_view data, uint32_t flags,
           int64_t exptime, uint64_t cas) {
    WorkerStats& st = c.env.stats;
    WorkerStats::bump(st.cmd_set);
    record(c, key, Op::set);
    store::Store& s = c.env.ctx.store();
    if (mode == StoreMode::append || mode == StoreMode::prepend) {
        store::CounterResult r =
            s.append(key, data, mode == StoreMode::prepend, false, cas, c.cas_use);
        if (r.status == Status::ok) return c.reply.stored_cas(r.cas);
        if (r.status == Status::exists) return c.reply.exists();
        if (r.status == Status::not_found || r.status == Status::not_stored) {
            // memcached answers a missing key with NOT_STORED for append/prepend
            return c.reply.not_stored();
        }
        return store_failed(c, r.status);
    }
    if (mode == StoreMode::add && cas != 0) {
        // Binary ADD with a CAS never stores: memcached answers "exists" for a present key
        // and "not found" for a missing one.
        if (s.exists(key)) return c.reply.not_stored();
        return c.reply.not_found();
    }
    store::SetOptions o;
    o.flags = flags;
    fill_expiry(c, exptime, o.expiry, o.expire_at_ms);
    switch (mode) {
        case StoreMode::add:
            o.condition = store::SetCondition::if_absent;
            break;
        case StoreMode::replace:
            o.condition = cas != 0 ? store::SetCondition::if_cas : store::SetCondition::if_present;
            break;
        case StoreMode::cas:
            o.condition = store::SetCondition::if_cas;
            break;
        default:
            // The binary protocol's SET with a CAS value is a compare-and-swap.
            if (cas != 0) o.condition = store::SetCondition::if_cas;
            break;
    }
    o.cas = cas;
    o.cas_use = c.cas_use;
    store::SetResult r = s.set(key, data, o);
    switch (r.status) {
        case Status::ok:
            if (o.condition == store::SetCondition::if_cas) WorkerStats::bump(st.cas_hits);
            return c.reply.stored_cas(r.cas);
        case Status::exists:
            WorkerStats::bump(st.cas_badval);
            return c.reply.exists();
        case Status::not_found:
            WorkerStats::bump(st.cas_misses);
            return c.reply.not_found();
        default:
            return store_failed(c, r.status);
    }
}

void get(Call& c, std::string_view key, bool touch, int64_t exptime) {
    WorkerStats& st = c.env.stats;
    WorkerStats::bump(touch ? st.cmd_touch : st.cmd_get);
    auto emit = [&](const store::ItemView& v) { c.reply.value(key, v.flags, v.cas, v.value); };
    bool hit;
    if (touch) {
        store::ExpiryMode mode;
        int64_t at;
        fill_expiry(c, exptime, mode, at);
        hit = c.env.ctx.store().get_and_touch(key, mode, at, emit, c.cas_use);
        WorkerStats::bump(hit ? st.touch_hits : st.touch_misses);
    } else {
        hit = c.env.ctx.store().get(key, emit, c.cas_use);
        WorkerStats::bump(hit ? st.get_hits : st.get_misses);
    }
    record(c, key, hit ? Op::get_hit : Op::get_miss);
    if (!hit) c.reply.miss(key);
}

void remove(Call& c, std::string_view key, uint64_t cas) {
    bool hit;
    record(c, key, Op::del);
    if (cas != 0) {
        Status s = c.env.ctx.store().del_if_cas(key, cas);
        if (s == Status::exists) return c.reply.exists();
        hit = s == Status::ok;
    } else {
        hit = c.env.ctx.store().del(key);
    }
    WorkerStats::bump(hit ? c.env.stats.delete_hits : c.env.stats.delete_misses);
    if (hit)
        c.reply.deleted();
    else
        c.reply.not_found();
}

void arith(Call& c, std::string_view key, uint64_t delta, bool decrement, bool create,
           uint64_t initial, int64_t exptime, uint64_t cas) {
    store::Store::CounterCreate cc;
    cc.create = create;
    cc.initial = initial;
    if (create) fill_expiry(c, exptime, cc.expiry, cc.expire_at_ms);
    store::CounterResult r =
        c.env.ctx.store().incr_unsigned(key, delta, decrement, cc, cas, c.cas_use);
    WorkerStats& st = c.env.stats;
    bool hit = r.status != Status::not_found;
    count_arith(st, decrement, hit);
    switch (r.status) {
        case Status::ok:
            return c.reply.number(r.uvalue, r.cas);
        case Status::not_found:
            return c.reply.not_found();
        case Status::exists:
            return c.reply.exists();
        case Status::not_a_number:
            return c.reply.error(memcache::ErrorKind::non_numeric,
                                 "cannot increment or decrement non-numeric value");
        case Status::out_of_memory:
            return c.reply.error(memcache::ErrorKind::out_of_memory, "out of memory");
        default:
            return c.reply.not_found();
    }
}

void count_arith(WorkerStats& stats, bool decrement, bool hit) {
    if (decrement)
        WorkerStats::bump(hit ? stats.decr_hits : stats.decr_misses);
    else
        WorkerStats::bump(hit ? stats.incr_hits : stats.incr_misses);
}

void touch(Call& c, std::string_view key, int64_t exptime) {
    store::ExpiryMode mode;
    int64_t at;
    fill_expiry(c, exptime, mode, at);
    WorkerStats::bump(c.env.stats.cmd_touch);
    bool hit = c.env.ctx.store().touch(key, mode, at);
    WorkerStats::bump(hit ? c.env.stats.touch_hits : c.env.stats.touch_misses);
    if (hit)
        c.reply.touched();
    else
        c.reply.not_found();
}

void flush(Call& c, int64_t delay_seconds) {
    WorkerStats::bump(c.env.stats.cmd_flush);
    // A delay of 0 or less flushes now, as memcached does.
    if (delay_seconds > 0)
        c.env.ctx.store().flush_at(expire_at_ms(delay_seconds, c.env.ctx.now_ms()));
    else
        c.env.ctx.store().flush();
    c.reply.ok();
}

void version(Call& c) {
    c.reply.version(kMemcachedCompatVersion);
}

void verbosity(Call& c, uint32_t level) {
    // Larder logs by loglevel; the level is kept only so that `stats settings` shows it.
    c.shared.verbosity.store(std::min(level, kMaxVerbosity), std::memory_order_relaxed);
    c.reply.ok();
}

}  // namespace larder::server::memcache_ops
