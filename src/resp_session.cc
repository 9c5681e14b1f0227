#include "src/resp_session.h"

namespace larder {

RespSession::RespSession(SessionEnv env) : env_(env) {
    client_.id = env_.ctx.next_client_id();
    Config cfg = env_.ctx.config();
    resp::Limits limits;
    limits.max_bulk_len = cfg.proto_max_bulk_len;
    parser_.set_limits(limits);
}

ProcessResult RespSession::process(std::string_view input, proto::OutBuffer& out) {
    resp::ReplyWriter reply(out, client_.protocol);
    size_t offset = 0;
    while (offset < input.size()) {
        if (out.size() >= kOutputBatchBudget) {
            WorkerStats::bump(env_.stats.bytes_read, offset);
            return {offset, false, true};
        }
        resp::ParseResult r = parser_.parse(input.substr(offset), request_);
        if (r.status == resp::ParseStatus::need_more) break;
        if (r.status == resp::ParseStatus::error) {
            WorkerStats::bump(env_.stats.protocol_errors);
            reply.error(r.error);
            return {input.size(), true};
        }
        offset += r.consumed;
        if (request_.args.empty()) continue;  // empty inline line or *0: Redis ignores it
        WorkerStats::bump(env_.stats.commands);
        if (execute(request_, reply)) return {input.size(), true};
        reply.set_protocol(client_.protocol);  // HELLO may have switched it
    }
    WorkerStats::bump(env_.stats.bytes_read, offset);
    return {offset, false};
}

bool RespSession::execute(const resp::Request& request, resp::ReplyWriter& reply) {
    std::span<const std::string_view> args(request.args);
    const resp::CommandSpec* spec = resp::find_command(args[0]);
    RespHandler handler = spec ? resp_handlers()[static_cast<size_t>(spec->id)] : nullptr;
    if (!handler) {
        reply.error(resp::unknown_command_error(args[0], args.subspan(1)));
        return false;
    }
    if (!resp::arity_ok(*spec, args.size())) {
        reply.error(resp::wrong_arity_error(spec->name));
        return false;
    }
    RespCall call{env_, reply, client_, *spec, args};
    handler(call);
    return call.close_after;
}

}  // namespace larder
