#include "src/memcache_sessions.h"

#include "protocols/memcache/auth.h"
#include "src/commands/memcache_meta.h"
#include "src/commands/memcache_ops.h"
#include "src/commands/memcache_stats.h"
#include "src/commands/resp_call.h"

namespace larder {

namespace ops = memcache_ops;
using memcache::ParseStatus;

memcache::Limits memcache_limits(const SessionEnv& env) {
    memcache::Limits limits;
    limits.max_item_size = env.ctx.config().item_size_max;
    return limits;
}

// ---- shared ------------------------------------------------------------------------------

MemcacheSessionBase::MemcacheSessionBase(SessionEnv env)
    : env_(env),
      shared_(ops::memcache_shared(env.ctx)),
      registration_(shared_.conns.add(env.connection.transport().peer_address(), now_ms())),
      authenticated_(true) {
    std::string auth_file = env.ctx.config().memcache_auth_file;
    if (!auth_file.empty()) {
        shared_.auth.load_once(auth_file);
        authenticated_ = false;
    }
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

void MemcacheSessionBase::touch_activity() {
    registration_->last_command_ms.store(now_ms(), std::memory_order_relaxed);
}

// ---- text --------------------------------------------------------------------------------

MemcacheTextSession::MemcacheTextSession(SessionEnv env)
    : MemcacheSessionBase(env), parser_(memcache_limits(env_)) {}

std::optional<MemcacheTextSession::LoginStep> MemcacheTextSession::try_login(
    std::string_view input, proto::OutBuffer& out) {
    memcache::TextLogin r = memcache::parse_text_login(input);
    switch (r.kind) {
        case memcache::TextLogin::Kind::need_more:
            return std::nullopt;
        case memcache::TextLogin::Kind::close:
            return LoginStep{input.size(), true};
        case memcache::TextLogin::Kind::reply:
            out.append(r.reply);
            break;
        case memcache::TextLogin::Kind::login:
            // noreply is not honoured here: memcached answers every login attempt.
            out.append(login(r.user, r.password) ? memcache::login_replies::ok
                                                 : memcache::login_replies::failed);
            break;
    }
    return LoginStep{r.consumed, false};
}

ProcessResult MemcacheTextSession::process(std::string_view input, proto::OutBuffer& out) {
    memcache::TextResponder reply(out);
    memcache::MetaResponder meta(out);
    size_t offset = 0;
    bool ran = false;
    auto finish = [&](ProcessResult r) {
        WorkerStats::bump(env_.stats.bytes_read, r.close ? input.size() : r.consumed);
        if (ran) touch_activity();
        return r;
    };
    while (offset < input.size()) {
        if (out.size() >= kOutputBatchBudget) return finish({offset, false, true});
        if (!authenticated_) {
            auto step = try_login(input.substr(offset), out);
            if (!step) break;
            ran = true;
            if (step->close) return finish({input.size(), true});
            offset += step->consumed;
            continue;
        }
        memcache::ParseResult r = parser_.parse(input.substr(offset), request_);
        if (r.status == ParseStatus::need_more) break;
        if (r.status == ParseStatus::error) {
            WorkerStats::bump(env_.stats.protocol_errors);
            // A refused oversized set also drops the key's old value, as memcached does.
            if (r.invalidate_key) env_.ctx.store().del(request_.key());
            out.append(r.reply);
        }
        if (r.status == ParseStatus::ok) {
            WorkerStats::bump(env_.stats.commands);
            ran = true;
            reply.begin(request_);
            meta.begin(request_);
            if (execute(request_, reply, meta)) r.close = true;
        }
        offset += r.consumed;
        if (r.close) return finish({input.size(), true});
    }
    return finish({offset, false});
}

void MemcacheTextSession::execute_meta(const memcache::TextRequest& req,
                                       memcache::MetaResponder& meta) {
    using memcache::TextCommand;
    ops::MetaCall m{env_, meta, shared_, req};
    switch (req.cmd) {
        case TextCommand::meta_get:
            return ops::meta_get(m);
        case TextCommand::meta_set:
            return ops::meta_set(m);
        case TextCommand::meta_delete:
            return ops::meta_delete(m);
        case TextCommand::meta_arithmetic:
            return ops::meta_arithmetic(m);
        case TextCommand::meta_debug:
            return ops::meta_debug(m);
        default:
            return meta.noop();
    }
}

bool MemcacheTextSession::execute(const memcache::TextRequest& req, memcache::TextResponder& reply,
                                  memcache::MetaResponder& meta) {
    using memcache::TextCommand;
    ops::Call c{env_, reply, shared_};
    bool shows_cas = req.cmd == TextCommand::gets || req.cmd == TextCommand::gats ||
                     req.cmd == TextCommand::cas;
    if (!shows_cas) c.cas_use = store::CasUse::none;
    switch (req.cmd) {
        case TextCommand::get:
        case TextCommand::gets:
            for (std::string_view key : req.keys) ops::get(c, key);
            reply.end_values();
            return false;
        case TextCommand::gat:
        case TextCommand::gats:
            for (std::string_view key : req.keys) ops::get(c, key, true, req.exptime);
            reply.end_values();
            return false;
        case TextCommand::set:
            ops::store(c, ops::StoreMode::set, req.key(), req.data, req.flags, req.exptime, 0);
            return false;
        case TextCommand::add:
            ops::store(c, ops::StoreMode::add, req.key(), req.data, req.flags, req.exptime, 0);
            return false;
        case TextCommand::replace:
            ops::store(c, ops::StoreMode::replace, req.key(), req.data, req.flags, req.exptime, 0);
            return false;
        case TextCommand::append:
            ops::store(c, ops::StoreMode::append, req.key(), req.data, 0, 0, 0);
            return false;
        case TextCommand::prepend:
            ops::store(c, ops::StoreMode::prepend, req.key(), req.data, 0, 0, 0);
            return false;
        case TextCommand::cas:
            ops::store(c, ops::StoreMode::cas, req.key(), req.data, req.flags, req.exptime,
                       req.cas_unique);
            return false;
        case TextCommand::delete_:
            ops::remove(c, req.key());
            return false;
        case TextCommand::incr:
            ops::arith(c, req.key(), req.delta, false);
            return false;
        case TextCommand::decr:
            ops::arith(c, req.key(), req.delta, true);
            return false;
        case TextCommand::touch:
            ops::touch(c, req.key(), req.exptime);
            return false;
        case TextCommand::flush_all:
            ops::flush(c, req.exptime);
            return false;
        case TextCommand::version:
            ops::version(c);
            return false;
        case TextCommand::verbosity:
            ops::verbosity(c, static_cast<uint32_t>(req.delta));
            return false;
        case TextCommand::quit:
            reply.quit();
            return true;
        case TextCommand::shutdown:
            reply.shutdown_refused();
            return false;
        case TextCommand::stats:
            ops::answer_stats(c, ops::text_stats_group(req.args), registration_->id);
            return false;
        case TextCommand::meta_get:
        case TextCommand::meta_set:
        case TextCommand::meta_delete:
        case TextCommand::meta_arithmetic:
        case TextCommand::meta_noop:
        case TextCommand::meta_debug:
            execute_meta(req, meta);
            return false;
    }
    reply.error(memcache::ErrorKind::generic);
    return false;
}

// ---- binary ------------------------------------------------------------------------------

MemcacheBinarySession::MemcacheBinarySession(SessionEnv env)
    : MemcacheSessionBase(env), parser_(memcache_limits(env_)) {}

namespace {

// Before a SASL login, memcached answers only these; anything else fails and closes.
bool allowed_before_login(memcache::Opcode op) {
    using memcache::Opcode;
    return op == Opcode::version || op == Opcode::sasl_list_mechs || op == Opcode::sasl_auth ||
           op == Opcode::sasl_step;
}

}  // namespace

ProcessResult MemcacheBinarySession::process(std::string_view input, proto::OutBuffer& out) {
    memcache::BinaryResponder reply(out);
    size_t offset = 0;
    bool ran = false;
    auto finish = [&](ProcessResult r) {
        WorkerStats::bump(env_.stats.bytes_read, r.close ? input.size() : r.consumed);
        if (ran) touch_activity();
        return r;
    };
    while (offset < input.size()) {
        if (out.size() >= kOutputBatchBudget) return finish({offset, false, true});
        memcache::ParseResult r = parser_.parse(input.substr(offset), request_);
        if (r.status == ParseStatus::need_more) break;
        if (r.status == ParseStatus::error) {
            WorkerStats::bump(env_.stats.protocol_errors);
            if (r.invalidate_key && authenticated_) env_.ctx.store().del(request_.key);
            out.append(r.reply);
        }
        if (r.status == ParseStatus::ok) {
            WorkerStats::bump(env_.stats.commands);
            ran = true;
            reply.begin(request_);
            if (!authenticated_ && !allowed_before_login(request_.op())) {
                reply.auth_failed();
                r.close = true;
            } else if (execute(request_, reply)) {
                r.close = true;
            }
        }
        offset += r.consumed;
        if (r.close) return finish({input.size(), true});
    }
    return finish({offset, false});
}

bool MemcacheBinarySession::sasl(const memcache::BinaryRequest& req,
                                 memcache::BinaryResponder& reply) {
    using memcache::Opcode;
    if (env_.ctx.config().memcache_auth_file.empty()) return false;  // memcached without SASL
    switch (req.op()) {
        case Opcode::sasl_list_mechs:
            reply.sasl_mechanisms(memcache::kSaslMechanisms);
            return true;
        case Opcode::sasl_auth: {
            auto creds = memcache::parse_sasl_plain(req.value);
            if (req.key == "PLAIN" && creds && login(creds->user, creds->password)) {
                reply.sasl_authenticated();
            } else {
                if (req.key != "PLAIN" || !creds) login({}, {});  // counts a failed attempt
                reply.auth_failed();
            }
            return true;
        }
        case Opcode::sasl_step:
            // PLAIN completes in one AUTH; a STEP has nothing to continue.
            reply.auth_failed();
            return true;
        default:
            return false;
    }
}

bool MemcacheBinarySession::execute(const memcache::BinaryRequest& req,
                                    memcache::BinaryResponder& reply) {
    using memcache::Opcode;
    ops::Call c{env_, reply, shared_};
    switch (req.base()) {
        case Opcode::get:
        case Opcode::getk:
            ops::get(c, req.key);
            reply.end_values();
            return false;
        case Opcode::gat:
        case Opcode::gatk:
        case Opcode::touch:
            // TOUCH answers like GAT (flags and CAS) without the value; the exptime is
            // unsigned in the binary protocol.
            ops::get(c, req.key, true, int64_t{memcache::expiration_extras(req)});
            reply.end_values();
            return false;
        case Opcode::set:
        case Opcode::add:
        case Opcode::replace: {
            memcache::StorageExtras e = memcache::storage_extras(req);
            ops::StoreMode mode = req.base() == Opcode::set   ? ops::StoreMode::set
                                  : req.base() == Opcode::add ? ops::StoreMode::add
                                                              : ops::StoreMode::replace;
            // A CAS in the header makes SET/REPLACE a compare-and-swap.
            if (req.cas != 0 && mode != ops::StoreMode::add) mode = ops::StoreMode::cas;
            ops::store(c, mode, req.key, req.value, e.flags, int64_t{e.exptime}, req.cas);
            return false;
        }
        case Opcode::append:
        case Opcode::prepend:
            ops::store(
                c, req.base() == Opcode::append ? ops::StoreMode::append : ops::StoreMode::prepend,
                req.key, req.value, 0, 0, req.cas);
            return false;
        case Opcode::delete_:
            ops::remove(c, req.key, req.cas);
            return false;
        case Opcode::increment:
        case Opcode::decrement: {
            memcache::ArithmeticExtras e = memcache::arithmetic_extras(req);
            ops::arith(c, req.key, e.delta, req.base() == Opcode::decrement, e.creates_on_miss(),
                       e.initial, int64_t{e.exptime}, req.cas);
            return false;
        }
        case Opcode::flush:
            ops::flush(c, int64_t{memcache::expiration_extras(req)});
            return false;
        case Opcode::noop:
            reply.ok();
            return false;
        case Opcode::verbosity:
            ops::verbosity(c, memcache::verbosity_extras(req));
            return false;
        case Opcode::version:
            ops::version(c);
            return false;
        case Opcode::quit:
            reply.quit();
            return true;
        case Opcode::stat:
            ops::answer_stats(c, ops::binary_stats_group(req.key), registration_->id);
            return false;
        default:
            if (!sasl(req, reply)) reply.error(memcache::ErrorKind::unknown_command);
            return false;
    }
}

}  // namespace larder
