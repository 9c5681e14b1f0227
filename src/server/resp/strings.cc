// RESP string commands: GET, SET and its variants, MGET/MSET, counters, APPEND, STRLEN,
// GETRANGE/SETRANGE. Semantics and error texts follow Redis 7.0.
#include <limits>
#include <vector>

#include "src/base/numbers.h"
#include "src/server/resp/call.h"
#include "src/server/resp/set_options.h"

namespace larder::server {
namespace {

using store::ExpiryMode;
using store::SetCondition;
using store::Status;
// RESP never shows a CAS, so what it reads and writes need not keep one.
constexpr store::CasUse kNoCas = store::CasUse::none;

bool reply_store_error(RespCall& c, Status s) {
    switch (s) {
        case Status::wrong_type:
            c.reply.error(resp_errors::wrong_type);
            return true;
        case Status::not_a_number:
            c.reply.error(resp_errors::not_integer);
            return true;
        case Status::overflow:
            c.reply.error(resp_errors::overflow);
            return true;
        case Status::out_of_memory:
            c.reply.error(resp_errors::oom);
            return true;
        case Status::too_large:
            c.reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            return true;
        default:
            return false;
    }
}

void cmd_get(RespCall& c) {
    WorkerStats::bump(c.stats().cmd_get);
    bool hit = c.store().get(
        c.args[1], [&](const store::ItemView& v) { c.reply.bulk(v.value); }, kNoCas);
    if (hit) {
        WorkerStats::bump(c.stats().get_hits);
    } else {
        WorkerStats::bump(c.stats().get_misses);
        c.reply.null();
    }
}

void cmd_getdel(RespCall& c) {
    std::string value;
    bool hit = c.store().get(
        c.args[1], [&](const store::ItemView& v) { value = v.value; }, kNoCas);
    if (!hit) return c.reply.null();
    c.store().del(c.args[1]);
    c.reply.bulk(value);
}

// GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]
void cmd_getex(RespCall& c) {
    SetArgs a;
    if (auto err = parse_getex_args(c.args.subspan(2), c.now_ms(), a)) return c.reply.error(*err);
    auto emit = [&](const store::ItemView& v) { c.reply.bulk(v.value); };
    bool hit = a.expiry == ExpiryMode::keep
                   ? c.store().get(c.args[1], emit, kNoCas)
                   : c.store().get_and_touch(c.args[1], a.expiry, a.expire_at_ms, emit, kNoCas);
    if (!hit) c.reply.null();
}

// SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]
void set_with(RespCall& c, std::string_view key, std::string_view value, const SetArgs& a) {
    WorkerStats::bump(c.stats().cmd_set);
    store::SetOptions o;
    o.condition = a.condition;
    o.expiry = a.expiry;
    o.expire_at_ms = a.expire_at_ms;
    o.return_old = a.get;
    o.cas_use = store::CasUse::none;
    store::SetResult r = c.store().set(key, value, o);
    if (reply_store_error(c, r.status)) return;
    if (a.get) {
        if (r.had_old)
            c.reply.bulk(r.old_value);
        else
            c.reply.null();
        return;
    }
    if (r.status == Status::ok)
        c.reply.ok();
    else
        c.reply.null();
}

void cmd_set(RespCall& c) {
    SetArgs a;
    if (auto err = parse_set_args(c.args.subspan(3), "set", c.now_ms(), a))
        return c.reply.error(*err);
    set_with(c, c.args[1], c.args[2], a);
}

void cmd_setnx(RespCall& c) {
    store::SetOptions o;
    o.condition = SetCondition::if_absent;
    o.cas_use = store::CasUse::none;
    WorkerStats::bump(c.stats().cmd_set);
    c.reply.integer(c.store().set(c.args[1], c.args[2], o).status == Status::ok ? 1 : 0);
}

// SETEX key seconds value / PSETEX key ms value
void setex_common(RespCall& c, bool millis) {
    auto n = base::parse_int64(c.args[2]);
    if (!n) return c.reply.error(resp_errors::not_integer);
    std::string name = millis ? "psetex" : "setex";
    SetArgs a;
    if (auto err = expiry_from_relative(*n, millis, name, c.now_ms(), a))
        return c.reply.error(*err);
    set_with(c, c.args[1], c.args[3], a);
}
void cmd_setex(RespCall& c) {
    setex_common(c, false);
}
void cmd_psetex(RespCall& c) {
    setex_common(c, true);
}

void cmd_getset(RespCall& c) {
    SetArgs a;
    a.get = true;
    set_with(c, c.args[1], c.args[2], a);
}

void cmd_mget(RespCall& c) {
    c.reply.array(c.args.size() - 1);
    for (size_t i = 1; i < c.args.size(); ++i) {
        WorkerStats::bump(c.stats().cmd_get);
        bool hit = c.store().get(
            c.args[i], [&](const store::ItemView& v) { c.reply.bulk(v.value); }, kNoCas);
        if (hit) {
            WorkerStats::bump(c.stats().get_hits);
        } else {
            WorkerStats::bump(c.stats().get_misses);
            c.reply.null();
        }
    }
}

bool collect_pairs(RespCall& c, std::vector<store::Store::KeyValue>& kvs) {
    if ((c.args.size() - 1) % 2 != 0) {
        c.reply.error(resp::wrong_arity_error(c.spec.name));
        return false;
    }
    for (size_t i = 1; i + 1 < c.args.size(); i += 2) kvs.push_back({c.args[i], c.args[i + 1]});
    return true;
}

void cmd_mset(RespCall& c) {
    std::vector<store::Store::KeyValue> kvs;
    if (!collect_pairs(c, kvs)) return;
    WorkerStats::bump(c.stats().cmd_set, kvs.size());
    if (reply_store_error(c, c.store().set_many(kvs))) return;
    c.reply.ok();
}

void cmd_msetnx(RespCall& c) {
    std::vector<store::Store::KeyValue> kvs;
    if (!collect_pairs(c, kvs)) return;
    WorkerStats::bump(c.stats().cmd_set, kvs.size());
    c.reply.integer(c.store().set_many_if_none_exist(kvs) ? 1 : 0);
}

void incr_by(RespCall& c, int64_t delta) {
    store::CounterResult r = c.store().incr_signed(c.args[1], delta, kNoCas);
    if (reply_store_error(c, r.status)) return;
    c.reply.integer(r.value);
}

void cmd_incr(RespCall& c) {
    incr_by(c, 1);
}
void cmd_decr(RespCall& c) {
    incr_by(c, -1);
}
void cmd_incrby(RespCall& c) {
    auto d = base::parse_int64(c.args[2]);
    if (!d) return c.reply.error(resp_errors::not_integer);
    incr_by(c, *d);
}
void cmd_decrby(RespCall& c) {
    auto d = base::parse_int64(c.args[2]);
    if (!d) return c.reply.error(resp_errors::not_integer);
    if (*d == std::numeric_limits<int64_t>::min())
        return c.reply.error("ERR decrement would overflow");
    incr_by(c, -*d);
}

void cmd_append(RespCall& c) {
    store::CounterResult r = c.store().append(c.args[1], c.args[2], false, true, 0, kNoCas);
    if (reply_store_error(c, r.status)) return;
    c.reply.integer(r.value);
}

void cmd_strlen(RespCall& c) {
    int64_t len = 0;
    c.store().get(
        c.args[1], [&](const store::ItemView& v) { len = static_cast<int64_t>(v.value.size()); },
        kNoCas);
    c.reply.integer(len);
}

void cmd_getrange(RespCall& c) {
    auto start = base::parse_int64(c.args[2]);
    auto end = base::parse_int64(c.args[3]);
    if (!start || !end) return c.reply.error(resp_errors::not_integer);
    bool hit = c.store().get(
        c.args[1],
        [&](const store::ItemView& v) {
            int64_t len = static_cast<int64_t>(v.value.size());
            int64_t s = *start, e = *end;
            if (s < 0 && e < 0 && s > e) return c.reply.bulk("");
            if (s < 0) s = len + s;
            if (e < 0) e = len + e;
            if (s < 0) s = 0;
            if (e < 0) e = 0;
            if (e >= len) e = len - 1;
            if (s > e || len == 0) return c.reply.bulk("");
            c.reply.bulk(v.value.substr(static_cast<size_t>(s), static_cast<size_t>(e - s + 1)));
        },
        kNoCas);
    if (!hit) c.reply.bulk("");
}

}  // namespace

void bind_resp_string_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::get, cmd_get);
    bind(CommandId::getdel, cmd_getdel);
    bind(CommandId::getex, cmd_getex);
    bind(CommandId::set, cmd_set);
    bind(CommandId::setnx, cmd_setnx);
    bind(CommandId::setex, cmd_setex);
    bind(CommandId::psetex, cmd_psetex);
    bind(CommandId::getset, cmd_getset);
    bind(CommandId::mget, cmd_mget);
    bind(CommandId::mset, cmd_mset);
    bind(CommandId::msetnx, cmd_msetnx);
    bind(CommandId::incr, cmd_incr);
    bind(CommandId::decr, cmd_decr);
    bind(CommandId::incrby, cmd_incrby);
    bind(CommandId::decrby, cmd_decrby);
    bind(CommandId::append, cmd_append);
    bind(CommandId::strlen, cmd_strlen);
    bind(CommandId::getrange, cmd_getrange);
}

}  // namespace larder::server
