#include "src/server/resp/session.h"

#include "src/server/resp/dispatch.h"

namespace larder::server {

RespSession::RespSession(SessionEnv env, ConnectionFacts facts) : env_(env) {
    client_.id = env_.ctx.next_client_id();
    client_.conn = std::move(facts);
    resp::Limits limits;
    limits.max_bulk_len = env_.ctx.config().proto_max_bulk_len;
    parser_.set_limits(limits);
}

Step RespSession::step(std::string_view input, proto::OutBuffer& out) {
    resp::ReplyWriter reply(out, client_.resp_version);
    resp::ParseResult r = parser_.parse(input, request_);
    if (r.status == resp::ParseStatus::need_more) return Step::need_more();
    if (r.status == resp::ParseStatus::error) {
        WorkerStats::bump(env_.stats.protocol_errors);
        reply.error(r.error);
        return Step::close();
    }
    if (request_.args.empty()) return Step::handled(r.consumed);  // empty inline line or *0
    WorkerStats::bump(env_.stats.commands);
    if (execute(request_, reply)) return Step::close();
    return Step::handled(r.consumed);
}

void RespSession::end_batch(size_t bytes) {
    WorkerStats::bump(env_.stats.bytes_read, bytes);
}

bool RespSession::execute(const resp::Request& request, resp::ReplyWriter& reply) {
    return dispatch_resp(env_, reply, client_, request.args);
}

}  // namespace larder::server
