#include "src/server/memcache/meta.h"

#include <optional>
#include <string>

#include "src/server/memcache/ops.h"
#include "src/server/memcache/stats.h"
#include "src/server/memcache_state.h"

namespace larder::server::memcache_ops {

namespace {

using memcache::MetaFlag;
using memcache::MetaItem;
using memcache::MetaRequest;
using memcache::MetaStatus;
using store::Status;

// A CAS race (another client wrote between our read and our conditional write) is retried
// this often before the command answers as if it had lost to the other write.
constexpr int kCasRetries = 4;

struct Expiry {
    store::ExpiryMode mode = store::ExpiryMode::clear;
    int64_t at = 0;
};

Expiry expiry_of(int32_t exptime, int64_t now) {
    int64_t at = expire_at_ms(exptime, now);
    return at == 0 ? Expiry{} : Expiry{store::ExpiryMode::at, at};
}

// Whether a `t` flag comes before the T flag: memcached then shows the TTL as it was.
bool shows_ttl_before_touch(const MetaRequest& m) {
    for (const MetaFlag& f : m.flags()) {
        if (f.flag == 'T') return false;
        if (f.flag == 't') return true;
    }
    return false;
}

// The TTL a vivified item ends with: N and T apply in the order sent, the last one wins.
int32_t vivified_ttl(const MetaRequest& m) {
    int32_t ttl = 0;
    for (const MetaFlag& f : m.flags()) {
        if (f.flag == 'N') ttl = *m.vivify_ttl;
        if (f.flag == 'T') ttl = *m.ttl;
    }
    return ttl;
}

std::optional<MetaStateTable::Locked> lock_bits(MetaCall& c, bool needed) {
    if (!needed && !c.shared.meta_state.may_hold_entries()) return std::nullopt;
    return c.shared.meta_state.lock(c.req.meta.key);
}

}  // namespace

int64_t ttl_seconds(int64_t expire_at_ms, int64_t now_ms) {
    if (expire_at_ms == 0) return -1;
    int64_t left = expire_at_ms - now_ms;
    return left <= 0 ? 0 : (left + 999) / 1000;
}

void meta_get(MetaCall& c) {
    const MetaRequest& m = c.req.meta;
    store::Store& s = c.env.ctx.store();
    WorkerStats& st = c.env.stats;
    // Vivify and recache decide a winner: hold the key's bits for the whole command.
    auto bits = lock_bits(c, m.vivify_ttl.has_value() || m.recache_ttl.has_value());
    int64_t now = c.env.ctx.now_ms();
    bool touch = m.ttl.has_value();
    Expiry touched = touch ? expiry_of(*m.ttl, now) : Expiry{};
    int64_t ttl_before = -1;
    if (touch && m.has('t') && shows_ttl_before_touch(m)) {
        int64_t ms = s.ttl_ms(m.key);
        ttl_before = ms < 0 ? -1 : (ms + 999) / 1000;
    }
    int64_t recache_at = m.recache_ttl ? expire_at_ms(*m.recache_ttl, now) : 0;

    auto on_item = [&](const store::ItemView& v) {
        MetaItem it;
        it.value = v.value;
        it.client_flags = v.flags;
        it.cas = v.cas;
        it.size = v.value.size();
        it.ttl_after = ttl_seconds(v.expire_at_ms, now);
        it.ttl = touch && shows_ttl_before_touch(m) ? ttl_before : it.ttl_after;
        MetaBits b = bits ? bits->get(v.cas) : MetaBits{};
        it.win_sent = b.win_sent;
        it.stale = b.stale;
        // The first reader of a stale item, or of one about to expire (R), recaches it.
        bool recache = recache_at != 0 && v.expire_at_ms != 0 && v.expire_at_ms < recache_at;
        if (!b.win_sent && (b.stale || recache) && bits) {
            it.won = true;
            bits->put(v.cas, MetaBits{b.stale, true});
        }
        c.reply.item(it);
    };

    bool hit =
        touch ? s.get_and_touch(m.key, touched.mode, touched.at, on_item) : s.get(m.key, on_item);
    for (int i = 0; !hit && m.vivify_ttl && i < kCasRetries; ++i) {
        // A miss with N creates an empty item and makes this client the one to fill it.
        store::SetOptions o;
        o.condition = store::SetCondition::if_absent;
        Expiry e = expiry_of(vivified_ttl(m), now);
        o.expiry = e.mode;
        o.expire_at_ms = e.at;
        store::SetResult r = s.set(m.key, {}, o);
        if (r.status == Status::ok) {
            MetaItem it;
            it.cas = r.cas;
            it.created = true;
            it.ttl_after = ttl_seconds(e.at, now);
            it.won = true;
            bits->put(r.cas, MetaBits{false, true});
            c.reply.item(it);
            hit = true;
            break;
        }
        // Someone created it first (a write that does not take the bits lock): read it.
        hit = s.get(m.key, on_item);
    }
    if (touch) {
        WorkerStats::bump(st.cmd_touch);
        WorkerStats::bump(hit ? st.touch_hits : st.touch_misses);
    } else {
        WorkerStats::bump(st.cmd_get);
        WorkerStats::bump(hit ? st.get_hits : st.get_misses);
    }
    if (c.shared.detail.enabled.load(std::memory_order_relaxed)) {
        c.shared.detail.record(m.key, hit ? PrefixStats::Op::get_hit : PrefixStats::Op::get_miss);
    }
    if (!hit) c.reply.miss();
}

namespace {

// ms I with a C older than the item's CAS: store anyway, keeping the item's TTL, and mark
// the new version stale (keeping a recache win already handed out).
void store_stale(MetaCall& c, MetaStateTable::Locked& bits) {
    const MetaRequest& m = c.req.meta;
    store::Store& s = c.env.ctx.store();
    for (int i = 0; i < kCasRetries; ++i) {
        std::optional<uint64_t> current;
        s.get(m.key, [&](const store::ItemView& v) { current = v.cas; });
        if (!current) return c.reply.status(MetaStatus::not_found);
        if (*m.compare_cas >= *current) return c.reply.status(MetaStatus::exists);
        store::SetOptions o;
        o.condition = store::SetCondition::if_cas;
        o.cas = *current;
        o.flags = m.client_flags;
        o.expiry = store::ExpiryMode::keep;
        store::SetResult r = s.set(m.key, c.req.data, o);
        if (r.status == Status::ok) {
            MetaBits old = bits.get(*current);
            bits.put(r.cas, MetaBits{true, old.win_sent});
            return c.reply.stored(r.cas);
        }
        if (r.status != Status::exists) return c.reply.status(MetaStatus::not_found);
    }
    c.reply.status(MetaStatus::exists);
}

}  // namespace

void meta_set(MetaCall& c) {
    const MetaRequest& m = c.req.meta;
    store::Store& s = c.env.ctx.store();
    WorkerStats& st = c.env.stats;
    WorkerStats::bump(st.cmd_set);
    if (c.shared.detail.enabled.load(std::memory_order_relaxed)) {
        c.shared.detail.record(m.key, PrefixStats::Op::set);
    }
    char mode = m.mode == 0 ? 'S' : m.mode;
    bool cas_mode = m.compare_cas && (mode == 'S' || mode == 'R');
    auto bits = lock_bits(c, m.invalidate && cas_mode);

    auto fail = [&](Status status) {
        switch (status) {
            case Status::exists:
                WorkerStats::bump(st.cas_badval);
                return c.reply.status(MetaStatus::exists);
            case Status::not_found:
                WorkerStats::bump(st.cas_misses);
                return c.reply.status(MetaStatus::not_found);
            case Status::out_of_memory:
                return c.reply.error(memcache::ErrorKind::out_of_memory,
                                     "out of memory storing object");
            case Status::too_large:
                return c.reply.error(memcache::ErrorKind::too_large, "object too large for cache");
            default:
                return c.reply.status(MetaStatus::not_stored);
        }
    };
    auto stored = [&](uint64_t cas) {
        if (cas_mode) WorkerStats::bump(st.cas_hits);
        if (bits) bits->erase();  // a new version carries no recache bits
        c.reply.stored(cas);
    };

    if (mode == 'A' || mode == 'P') {
        store::CounterResult r =
            s.append(m.key, c.req.data, mode == 'P', false, m.compare_cas.value_or(0));
        if (r.status == Status::ok) return stored(r.cas);
        // A missing item is "not stored" for append, whatever the CAS.
        return fail(r.status == Status::not_found ? Status::not_stored : r.status);
    }
    store::SetOptions o;
    o.flags = m.client_flags;
    Expiry e = m.ttl ? expiry_of(*m.ttl, c.env.ctx.now_ms()) : Expiry{};
    o.expiry = e.mode;
    o.expire_at_ms = e.at;
    if (cas_mode) {
        o.condition = store::SetCondition::if_cas;
        o.cas = *m.compare_cas;
    } else if (mode == 'E') {
        o.condition = store::SetCondition::if_absent;  // add ignores C, as memcached's does
    } else if (mode == 'R') {
        o.condition = store::SetCondition::if_present;
    }
    store::SetResult r = s.set(m.key, c.req.data, o);
    if (r.status == Status::ok) return stored(r.cas);
    if (r.status == Status::exists && m.invalidate && bits) return store_stale(c, *bits);
    fail(r.status);
}

void meta_delete(MetaCall& c) {
    const MetaRequest& m = c.req.meta;
    store::Store& s = c.env.ctx.store();
    WorkerStats& st = c.env.stats;
    if (c.shared.detail.enabled.load(std::memory_order_relaxed)) {
        c.shared.detail.record(m.key, PrefixStats::Op::del);
    }
    auto bits = lock_bits(c, m.invalidate);
    if (!m.invalidate) {
        Status r = m.compare_cas ? s.del_if_cas(m.key, *m.compare_cas)
                                 : (s.del(m.key) ? Status::ok : Status::not_found);
        WorkerStats::bump(r == Status::ok ? st.delete_hits : st.delete_misses);
        if (r == Status::ok) {
            if (bits) bits->erase();
            return c.reply.deleted();
        }
        return c.reply.status(r == Status::exists ? MetaStatus::exists : MetaStatus::not_found);
    }
    // I: keep the item, give it a new CAS and mark it stale, so that the next reader wins
    // the recache while the others may serve the stale value.
    for (int i = 0; i < kCasRetries; ++i) {
        std::optional<uint64_t> cas;
        std::string value;
        uint32_t flags = 0;
        s.get(m.key, [&](const store::ItemView& v) {
            cas = v.cas;
            value.assign(v.value);
            flags = v.flags;
        });
        if (!cas) {
            WorkerStats::bump(st.delete_misses);
            return c.reply.status(MetaStatus::not_found);
        }
        if (m.compare_cas && *m.compare_cas != *cas) {
            WorkerStats::bump(st.delete_misses);
            return c.reply.status(MetaStatus::exists);
        }
        store::SetOptions o;
        o.condition = store::SetCondition::if_cas;
        o.cas = *cas;
        o.flags = flags;
        Expiry e =
            m.ttl ? expiry_of(*m.ttl, c.env.ctx.now_ms()) : Expiry{store::ExpiryMode::keep, 0};
        o.expiry = e.mode;
        o.expire_at_ms = e.at;
        store::SetResult r = s.set(m.key, value, o);
        if (r.status == Status::ok) {
            bits->put(r.cas, MetaBits{true, false});
            return c.reply.deleted();
        }
    }
    c.reply.status(MetaStatus::exists);
}

void meta_arithmetic(MetaCall& c) {
    const MetaRequest& m = c.req.meta;
    store::Store& s = c.env.ctx.store();
    WorkerStats& st = c.env.stats;
    bool decrement = m.mode == 'D' || m.mode == '-';
    int64_t now = c.env.ctx.now_ms();
    uint64_t cas = m.compare_cas.value_or(0);
    store::CounterResult r = s.incr_unsigned(m.key, m.delta, decrement, {}, cas);
    bool created = false;
    if (r.status == Status::not_found && m.vivify_ttl) {
        // Tried without N first, to know whether the item is new (a quiet ma that creates
        // still answers). The store creates only if the key is still missing.
        store::CounterCreate create;
        create.create = true;
        create.initial = m.initial;
        Expiry e = expiry_of(*m.vivify_ttl, now);
        create.expiry = e.mode;
        create.expire_at_ms = e.at;
        r = s.incr_unsigned(m.key, m.delta, decrement, create, cas);
        created = r.status == Status::ok && r.uvalue == m.initial;
    }
    bool hit = r.status != Status::not_found;
    count_arith(st, decrement, hit);
    switch (r.status) {
        case Status::ok:
            break;
        case Status::not_found:
            return c.reply.status(MetaStatus::not_found);
        case Status::exists:
            return c.reply.status(MetaStatus::exists);
        case Status::not_a_number:
            return c.reply.error(memcache::ErrorKind::non_numeric,
                                 "cannot increment or decrement non-numeric value");
        default:
            return c.reply.error(memcache::ErrorKind::server, "out of memory");
    }
    MetaItem it;
    std::string number = std::to_string(r.uvalue);
    it.value = number;
    it.cas = r.cas;
    it.created = created;
    bool wants_ttl = m.has('t');
    if (wants_ttl) {
        int64_t ms = s.ttl_ms(m.key);
        it.ttl = it.ttl_after = ms < 0 ? -1 : (ms + 999) / 1000;
    }
    if (m.ttl) {
        // T sets the TTL of the changed item; the store's touch keeps its CAS.
        Expiry e = expiry_of(*m.ttl, now);
        s.touch(m.key, e.mode, e.at);
        it.ttl_after = ttl_seconds(e.at, now);
    }
    c.reply.item(it);
}

void meta_debug(MetaCall& c) {
    const MetaRequest& m = c.req.meta;
    c.shared.meta_debug_cmds.fetch_add(1, std::memory_order_relaxed);
    uint64_t item_max = c.env.ctx.config().item_size_max;
    int64_t now = c.env.ctx.now_ms();
    std::optional<memcache::MetaDebugInfo> info;
    c.env.ctx.store().get(m.key, [&](const store::ItemView& v) {
        memcache::MetaDebugInfo d;
        // memcached prints "now - exptime": minus the seconds left.
        d.exp = v.expire_at_ms == 0 ? -1 : -ttl_seconds(v.expire_at_ms, now);
        d.cas = v.cas;
        d.item_size = memcached_item_size(m.key.size(), v.value.size(), v.flags);
        d.slab_class = memcached_slab_class(d.item_size, item_max);
        info = d;
    });
    if (info)
        c.reply.debug(*info);
    else
        c.reply.debug_miss();
}

}  // namespace larder::server::memcache_ops
