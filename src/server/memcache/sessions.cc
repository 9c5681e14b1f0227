#include "src/server/memcache/sessions.h"

#include "protocols/memcache/auth.h"
#include "protocols/memcache/binary_responder.h"
#include "protocols/memcache/meta_responder.h"
#include "protocols/memcache/text_responder.h"
#include "src/server/memcache/binary_commands.h"
#include "src/server/memcache/text_commands.h"

namespace larder::server {

namespace ops = memcache_ops;
using memcache::ParseStatus;

namespace {

memcache::Limits memcache_limits(const SessionEnv& env) {
    memcache::Limits limits;
    limits.max_item_size = env.ctx.config().item_size_max;
    return limits;
}

}  // namespace

// ---- shared ------------------------------------------------------------------------------

MemcacheSessionBase::MemcacheSessionBase(SessionEnv env, ConnectionFacts facts)
    : env_(env),
      shared_(env.ctx.memcache()),
      registration_(shared_.conns.add(facts.peer, env.ctx.now_ms())),
      authenticated_(env.ctx.config().memcache_auth_file.empty()) {
    client_.id = env_.ctx.next_client_id();
    client_.conn = std::move(facts);
}

MemcacheSessionBase::~MemcacheSessionBase() {
    shared_.conns.remove(registration_->id);
}

bool MemcacheSessionBase::login(std::string_view user, std::string_view password) {
    bool ok = shared_.auth.check(user, password);
    shared_.auth_cmds.fetch_add(1, std::memory_order_relaxed);
    if (!ok) shared_.auth_errors.fetch_add(1, std::memory_order_relaxed);
    authenticated_ = authenticated_ || ok;
    return ok;
}

void MemcacheSessionBase::end_batch(size_t bytes) {
    WorkerStats::bump(env_.stats.bytes_read, bytes);
    if (!ran_) return;
    ran_ = false;
    registration_->last_command_ms.store(env_.ctx.now_ms(), std::memory_order_relaxed);
}

// ---- text --------------------------------------------------------------------------------

MemcacheTextSession::MemcacheTextSession(SessionEnv env, ConnectionFacts facts)
    : MemcacheSessionBase(env, std::move(facts)), parser_(memcache_limits(env_)) {}

Step MemcacheTextSession::login_step(std::string_view input, proto::OutBuffer& out) {
    memcache::TextLogin r = memcache::parse_text_login(input);
    switch (r.kind) {
        case memcache::TextLogin::Kind::need_more:
            return Step::need_more();
        case memcache::TextLogin::Kind::close:
            ran_ = true;
            return Step::close();
        case memcache::TextLogin::Kind::reply:
            out.append(r.reply);
            break;
        case memcache::TextLogin::Kind::login:
            // noreply is not honoured here: memcached answers every login attempt.
            out.append(login(r.user, r.password) ? memcache::login_replies::ok
                                                 : memcache::login_replies::failed);
            break;
    }
    ran_ = true;
    return Step::handled(r.consumed);
}

Step MemcacheTextSession::step(std::string_view input, proto::OutBuffer& out) {
    if (!authenticated_) return login_step(input, out);
    memcache::ParseResult r = parser_.parse(input, request_);
    if (r.status == ParseStatus::need_more) return Step::need_more();
    if (r.status == ParseStatus::error) {
        WorkerStats::bump(env_.stats.protocol_errors);
        // A refused oversized set also drops the key's old value, as memcached does.
        if (r.invalidate_key) env_.ctx.store().del(request_.key());
        out.append(r.reply);
    } else if (r.status == ParseStatus::ok) {
        WorkerStats::bump(env_.stats.commands);
        ran_ = true;
        memcache::TextResponder reply(out);
        memcache::MetaResponder meta(out);
        reply.begin(request_);
        meta.begin(request_);
        const memcache::TextCommandSpec& spec = memcache::text_command_spec(request_.cmd);
        ops::Call op{env_, reply, shared_};
        // Only commands that show or check a CAS make the item keep one.
        bool uses_cas = spec.has(memcache::command_flags::returns_cas) ||
                        spec.shape == memcache::ArgShape::storage_cas;
        if (!uses_cas) op.cas_use = store::CasUse::none;
        ops::TextCall call{op, reply, meta, request_, registration_->id};
        if (ops::text_handlers()[static_cast<size_t>(request_.cmd)](call)) r.close = true;
    }
    // ParseStatus::skip (the rest of a refused value) only drops bytes.
    if (r.close) return Step::close();
    return Step::handled(r.consumed);
}

// ---- binary ------------------------------------------------------------------------------

MemcacheBinarySession::MemcacheBinarySession(SessionEnv env, ConnectionFacts facts)
    : MemcacheSessionBase(env, std::move(facts)), parser_(memcache_limits(env_)) {}

Step MemcacheBinarySession::step(std::string_view input, proto::OutBuffer& out) {
    memcache::ParseResult r = parser_.parse(input, request_);
    if (r.status == ParseStatus::need_more) return Step::need_more();
    if (r.status == ParseStatus::error) {
        WorkerStats::bump(env_.stats.protocol_errors);
        if (r.invalidate_key && authenticated_) env_.ctx.store().del(request_.key);
        out.append(r.reply);
    } else if (r.status == ParseStatus::ok) {
        WorkerStats::bump(env_.stats.commands);
        ran_ = true;
        memcache::BinaryResponder reply(out);
        reply.begin(request_);
        const ops::BinaryRow& row = ops::binary_handlers()[static_cast<uint8_t>(request_.base())];
        if (!authenticated_ && !row.before_login) {
            reply.auth_failed();
            r.close = true;
        } else if (!row.handler) {
            reply.error(memcache::ErrorKind::unknown_command);
        } else {
            ops::Call op{env_, reply, shared_};
            ops::BinaryCall call{op, reply, request_, *this};
            if (row.handler(call)) r.close = true;
        }
    }
    // ParseStatus::skip (the rest of a refused value) only drops bytes.
    if (r.close) return Step::close();
    return Step::handled(r.consumed);
}

}  // namespace larder::server
