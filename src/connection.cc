#include "src/connection.h"

namespace larder {

Connection::Connection(std::unique_ptr<net::Transport> transport, ListenerProtocol protocol,
                       SessionFactory factory, ConnectionLimits limits,
                       std::function<void(Connection*)> on_gone)
    : transport_(std::move(transport)),
      protocol_(protocol),
      factory_(std::move(factory)),
      limits_(limits),
      on_gone_(std::move(on_gone)) {}

Connection::~Connection() = default;

void Connection::start() { transport_->start(this); }

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

void Connection::process(std::string_view input, bool input_is_buffer) {
    if (!session_) {
        if (input.empty()) return;
        WireProtocol p = protocol_.pinned
                             ? protocol_.pinned_protocol
                             : detect_protocol(static_cast<uint8_t>(input[0]), protocol_.fallback);
        // A memcached port still answers binary clients even when pinned to memcached.
        if (protocol_.pinned && p == WireProtocol::memcache_text &&
            static_cast<uint8_t>(input[0]) == 0x80)
            p = WireProtocol::memcache_binary;
        session_ = factory_(p, *this);
    }
    while (true) {
        ProcessResult r = session_->process(input, output_);
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

}  // namespace larder
