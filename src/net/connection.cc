#include "src/net/connection.h"

namespace larder::net {

Connection::Connection(std::unique_ptr<Transport> transport, ListenerProtocol protocol,
                       std::string listener_name, SessionOpener opener, ConnectionLimits limits,
                       std::function<void(Connection*)> on_gone)
    : transport_(std::move(transport)),
      protocol_(protocol),
      listener_name_(std::move(listener_name)),
      opener_(std::move(opener)),
      limits_(limits),
      on_gone_(std::move(on_gone)) {}

Connection::~Connection() = default;

void Connection::start() {
    transport_->start(this);
}

void Connection::on_bytes(std::string_view bytes) {
    if (closing_) return;
    if (input_.empty()) {
        // Common case: whole requests in one read. Parse straight from the read buffer and
        // copy only an incomplete tail.
        process(bytes, false);
    } else {
        input_.append(bytes);
        process(input_, true);
    }
}

Connection::Batch Connection::run_batch(std::string_view input) {
    Batch b;
    while (b.consumed < input.size()) {
        if (output_.size() >= limits_.max_batch_output) {
            b.output_full = true;
            break;
        }
        server::Step s = session_->step(input.substr(b.consumed), output_);
        if (s.status == server::Step::Status::need_more) break;
        if (s.status == server::Step::Status::close) {
            b.close = true;
            b.consumed = input.size();
            break;
        }
        b.consumed += s.consumed;
    }
    session_->end_batch(b.consumed);
    return b;
}

void Connection::process(std::string_view input, bool input_is_buffer) {
    if (!session_) {
        if (input.empty()) return;
        server::ConnectionFacts facts;
        facts.peer = transport_->peer_address();
        facts.listener = listener_name_;
        facts.protocol = protocol_.choose(static_cast<uint8_t>(input[0]));
        facts.peer_cert = transport_->peer_cert();
        session_ = opener_(std::move(facts));
    }
    while (true) {
        Batch r = run_batch(input);
        if (input_is_buffer) {
            input_.erase(0, r.consumed);
        } else if (r.consumed < input.size()) {
            input_.assign(input.substr(r.consumed));
            input_is_buffer = true;
        }
        if (!r.close && input_.size() > limits_.max_input_buffer) r.close = true;
        flush_output();
        if (r.close) {
            closing_ = true;
            input_.clear();
            input_.shrink_to_fit();
            transport_->shutdown();
            return;
        }
        if (transport_->pending_bytes() > limits_.max_pending_output) {
            // The client is not reading its replies: stop reading its requests too. What
            // is already buffered is processed when the transport drains.
            if (!paused_) {
                paused_ = true;
                transport_->pause_reading();
            }
            return;
        }
        if (!r.output_full) {
            if (stopping_) finish_stop();
            return;
        }
        input = input_;  // replies went out; continue with the requests left in the buffer
    }
}

void Connection::finish_stop() {
    // What is left is at most an incomplete request: nothing more will be answered.
    if (closing_) return;
    closing_ = true;
    transport_->shutdown();
}

void Connection::flush_output() {
    if (!output_.empty()) transport_->write(output_.take());
}

void Connection::on_drained() {
    if (!paused_ || closing_) return;
    paused_ = false;
    if (!input_.empty()) {
        process(input_, true);
        if (paused_ || closing_) return;
    }
    if (stopping_) return finish_stop();
    transport_->resume_reading();
}

void Connection::on_eof() {
    if (closing_) return;
    closing_ = true;
    // Replies already queued still go out before the close, like a half-closed peer expects.
    transport_->shutdown();
}

void Connection::shutdown() {
    if (closing_ || stopping_) return;
    // Requests already read are answered; nothing new is read.
    stopping_ = true;
    transport_->pause_reading();
    if (!paused_) finish_stop();
}

void Connection::on_closed() {
    // The callback usually destroys this connection: run it from a local copy.
    auto gone = std::move(on_gone_);
    if (gone) gone(this);
}

}  // namespace larder::net
