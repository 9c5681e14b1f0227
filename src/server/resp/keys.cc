// RESP keyspace commands: DEL/UNLINK, EXISTS, TOUCH, the EXPIRE family, TTL/PTTL, PERSIST,
// TYPE, DBSIZE, FLUSHALL/FLUSHDB. Semantics and error texts follow Redis 7.0.
#include <limits>

#include "src/base/ascii.h"
#include "src/base/numbers.h"
#include "src/server/resp/call.h"
#include "src/server/resp/set_options.h"

namespace larder::server {
namespace {

void cmd_del(RespCall& c) {
    int64_t n = 0;
    for (size_t i = 1; i < c.args.size(); ++i) n += c.store().del(c.args[i]) ? 1 : 0;
    c.reply.integer(n);
}

void cmd_exists(RespCall& c) {
    int64_t n = 0;
    for (size_t i = 1; i < c.args.size(); ++i) n += c.store().exists(c.args[i]) ? 1 : 0;
    c.reply.integer(n);
}

enum ExpireFlag : unsigned { nx = 1, xx = 2, gt = 4, lt = 8 };

// EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT key time [NX|XX|GT|LT]
void expire_common(RespCall& c, bool millis, bool absolute) {
    unsigned flags = 0;
    for (size_t i = 3; i < c.args.size(); ++i) {
        std::string_view o = c.args[i];
        if (base::equals_ci(o, "nx"))
            flags |= nx;
        else if (base::equals_ci(o, "xx"))
            flags |= xx;
        else if (base::equals_ci(o, "gt"))
            flags |= gt;
        else if (base::equals_ci(o, "lt"))
            flags |= lt;
        else
            return c.reply.error("ERR Unsupported option " + std::string(o));
    }
    if ((flags & nx) && (flags & (xx | gt | lt)))
        return c.reply.error("ERR NX and XX, GT or LT options at the same time are not compatible");
    if ((flags & gt) && (flags & lt))
        return c.reply.error("ERR GT and LT options at the same time are not compatible");
    auto when = base::parse_int64(c.args[2]);
    if (!when) return c.reply.error(resp_errors::not_integer);
    std::string invalid = "ERR invalid expire time in '" + std::string(c.spec.name) + "' command";
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    int64_t at = *when;
    if (!millis) {
        if (at > kMax / 1000 || at < kMin / 1000) return c.reply.error(invalid);
        at *= 1000;
    }
    int64_t base = absolute ? 0 : c.now_ms();
    if (at > kMax - base) return c.reply.error(invalid);
    at += base;

    int64_t ttl = c.store().ttl_ms(c.args[1]);
    if (ttl == -2) return c.reply.integer(0);
    if (flags) {
        int64_t current = ttl == -1 ? -1 : c.now_ms() + ttl;
        if ((flags & nx) && current != -1) return c.reply.integer(0);
        if ((flags & xx) && current == -1) return c.reply.integer(0);
        if ((flags & gt) && (current == -1 || at <= current)) return c.reply.integer(0);
        if ((flags & lt) && current != -1 && at >= current) return c.reply.integer(0);
    }
    bool ok = c.store().touch(c.args[1], store::ExpiryMode::at, at);
    c.reply.integer(ok ? 1 : 0);
}

void cmd_expire(RespCall& c) {
    expire_common(c, false, false);
}
void cmd_pexpire(RespCall& c) {
    expire_common(c, true, false);
}
void cmd_expireat(RespCall& c) {
    expire_common(c, false, true);
}
void cmd_pexpireat(RespCall& c) {
    expire_common(c, true, true);
}

void cmd_ttl(RespCall& c) {
    int64_t ttl = c.store().ttl_ms(c.args[1]);
    c.reply.integer(ttl < 0 ? ttl : (ttl + 500) / 1000);
}

void cmd_pttl(RespCall& c) {
    c.reply.integer(c.store().ttl_ms(c.args[1]));
}

// EXPIRETIME/PEXPIRETIME: the absolute expiry, -1 without one, -2 when missing.
void expiretime_common(RespCall& c, bool millis) {
    int64_t at = -2;
    c.store().get(
        c.args[1],
        [&](const store::ItemView& v) { at = v.expire_at_ms == 0 ? -1 : v.expire_at_ms; },
        store::CasUse::none);
    if (at < 0) return c.reply.integer(at);
    c.reply.integer(millis ? at : (at + 500) / 1000);
}
void cmd_expiretime(RespCall& c) {
    expiretime_common(c, false);
}
void cmd_pexpiretime(RespCall& c) {
    expiretime_common(c, true);
}

void cmd_persist(RespCall& c) {
    if (c.store().ttl_ms(c.args[1]) < 0) return c.reply.integer(0);
    c.reply.integer(c.store().touch(c.args[1], store::ExpiryMode::clear, 0) ? 1 : 0);
}

void cmd_type(RespCall& c) {
    auto t = c.store().type(c.args[1]);
    c.reply.simple(t ? "string" : "none");
}

void cmd_dbsize(RespCall& c) {
    c.reply.integer(static_cast<int64_t>(c.store().size()));
}

void cmd_flush(RespCall& c) {
    if (c.args.size() > 2 || (c.args.size() == 2 && !base::equals_ci(c.args[1], "async") &&
                              !base::equals_ci(c.args[1], "sync")))
        return c.reply.error(resp_errors::syntax);
    WorkerStats::bump(c.stats().cmd_flush);
    c.store().flush();
    c.reply.ok();
}

}  // namespace

void bind_resp_key_commands(RespHandlerTable& t) {
    using resp::CommandId;
    auto bind = [&](CommandId id, RespHandler h) { t[static_cast<size_t>(id)] = h; };
    bind(CommandId::del, cmd_del);
    bind(CommandId::unlink, cmd_del);
    bind(CommandId::exists, cmd_exists);
    bind(CommandId::touch, cmd_exists);
    bind(CommandId::expire, cmd_expire);
    bind(CommandId::pexpire, cmd_pexpire);
    bind(CommandId::expireat, cmd_expireat);
    bind(CommandId::pexpireat, cmd_pexpireat);
    bind(CommandId::ttl, cmd_ttl);
    bind(CommandId::pttl, cmd_pttl);
    bind(CommandId::persist, cmd_persist);
    bind(CommandId::expiretime, cmd_expiretime);
    bind(CommandId::pexpiretime, cmd_pexpiretime);
    bind(CommandId::type, cmd_type);
    bind(CommandId::dbsize, cmd_dbsize);
    bind(CommandId::flushall, cmd_flush);
    bind(CommandId::flushdb, cmd_flush);
}

}  // namespace larder::server
