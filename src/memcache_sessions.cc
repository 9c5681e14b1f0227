#include "src/memcache_sessions.h"

#include "src/commands/memcache_ops.h"

namespace larder {

namespace ops = memcache_ops;
using memcache::ParseStatus;

memcache::Limits memcache_limits(const SessionEnv& env) {
    memcache::Limits limits;
    limits.max_item_size = env.ctx.config().item_size_max;
    return limits;
}

// ---- text --------------------------------------------------------------------------------

MemcacheTextSession::MemcacheTextSession(SessionEnv env) : env_(env), parser_(memcache_limits(env)) {}

ProcessResult MemcacheTextSession::process(std::string_view input, proto::OutBuffer& out) {
    memcache::TextResponder reply(out);
    size_t offset = 0;
    while (offset < input.size()) {
        if (out.size() >= kOutputBatchBudget) {
            WorkerStats::bump(env_.stats.bytes_read, offset);
            return {offset, false, true};
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
            reply.begin(request_);
            if (execute(request_, reply)) r.close = true;
        }
        offset += r.consumed;
        if (r.close) {
            WorkerStats::bump(env_.stats.bytes_read, offset);
            return {input.size(), true};
        }
    }
    WorkerStats::bump(env_.stats.bytes_read, offset);
    return {offset, false};
}

bool MemcacheTextSession::execute(const memcache::TextRequest& req, memcache::TextResponder& reply) {
    using memcache::TextCommand;
    ops::Call c{env_, reply};
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
        case TextCommand::delete_: ops::remove(c, req.key()); return false;
        case TextCommand::incr: ops::arith(c, req.key(), req.delta, false); return false;
        case TextCommand::decr: ops::arith(c, req.key(), req.delta, true); return false;
        case TextCommand::touch: ops::touch(c, req.key(), req.exptime); return false;
        case TextCommand::flush_all: ops::flush(c, req.exptime); return false;
        case TextCommand::version: ops::version(c); return false;
        case TextCommand::verbosity: reply.ok(); return false;
        case TextCommand::quit: reply.quit(); return true;
        case TextCommand::stats:
            if (!ops::stats(c, req.args)) reply.error(memcache::ErrorKind::generic);
            return false;
    }
    reply.error(memcache::ErrorKind::generic);
    return false;
}

// ---- binary ------------------------------------------------------------------------------

MemcacheBinarySession::MemcacheBinarySession(SessionEnv env)
    : env_(env), parser_(memcache_limits(env)) {}

ProcessResult MemcacheBinarySession::process(std::string_view input, proto::OutBuffer& out) {
    memcache::BinaryResponder reply(out);
    size_t offset = 0;
    while (offset < input.size()) {
        if (out.size() >= kOutputBatchBudget) {
            WorkerStats::bump(env_.stats.bytes_read, offset);
            return {offset, false, true};
        }
        memcache::ParseResult r = parser_.parse(input.substr(offset), request_);
        if (r.status == ParseStatus::need_more) break;
        if (r.status == ParseStatus::error) {
            WorkerStats::bump(env_.stats.protocol_errors);
            if (r.invalidate_key) env_.ctx.store().del(request_.key);
            out.append(r.reply);
        }
        if (r.status == ParseStatus::ok) {
            WorkerStats::bump(env_.stats.commands);
            reply.begin(request_);
            if (execute(request_, reply)) r.close = true;
        }
        offset += r.consumed;
        if (r.close) {
            WorkerStats::bump(env_.stats.bytes_read, offset);
            return {input.size(), true};
        }
    }
    WorkerStats::bump(env_.stats.bytes_read, offset);
    return {offset, false};
}

bool MemcacheBinarySession::execute(const memcache::BinaryRequest& req,
                                    memcache::BinaryResponder& reply) {
    using memcache::Opcode;
    ops::Call c{env_, reply};
    switch (req.base()) {
        case Opcode::get:
        case Opcode::getk:
            ops::get(c, req.key);
            reply.end_values();
            return false;
        case Opcode::gat:
        case Opcode::gatk:
            ops::get(c, req.key, true, memcache::expiration_extras(req));
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
            ops::store(c, mode, req.key, req.value, e.flags, static_cast<int32_t>(e.exptime),
                       req.cas);
            return false;
        }
        case Opcode::append:
        case Opcode::prepend:
            ops::store(c, req.base() == Opcode::append ? ops::StoreMode::append : ops::StoreMode::prepend,
                       req.key, req.value, 0, 0, req.cas);
            return false;
        case Opcode::delete_: ops::remove(c, req.key, req.cas); return false;
        case Opcode::increment:
        case Opcode::decrement: {
            memcache::ArithmeticExtras e = memcache::arithmetic_extras(req);
            ops::arith(c, req.key, e.delta, req.base() == Opcode::decrement, e.creates_on_miss(),
                       e.initial, static_cast<int32_t>(e.exptime));
            return false;
        }
        case Opcode::touch: ops::touch(c, req.key, memcache::expiration_extras(req)); return false;
        case Opcode::flush: ops::flush(c, memcache::expiration_extras(req)); return false;
        case Opcode::noop: reply.ok(); return false;
        case Opcode::verbosity: reply.ok(); return false;
        case Opcode::version: ops::version(c); return false;
        case Opcode::quit: reply.quit(); return true;
        case Opcode::stat: {
            std::string_view group = req.key;
            std::span<const std::string_view> args;
            if (!group.empty()) args = std::span<const std::string_view>(&group, 1);
            if (!ops::stats(c, args)) reply.error(memcache::ErrorKind::unknown_command);
            return false;
        }
        default: reply.error(memcache::ErrorKind::unknown_command); return false;
    }
}

}  // namespace larder
