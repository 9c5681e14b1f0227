#include "src/net/worker.h"

#include <algorithm>

#include "src/base/log.h"
#include "src/net/tcp_transport.h"

namespace larder::net {

namespace {
constexpr size_t kReadBufferSize = 64 * 1024;
// How long a stopping worker waits for slow readers before closing their connections.
constexpr uint64_t kStopDeadlineMs = 5000;
}  // namespace

Worker::Worker(int index, server::Service& service)
    : index_(index), service_(service), read_buffer_(new char[kReadBufferSize]) {
    uv_loop_init(&loop_);
    uv_async_init(&loop_, &stop_async_, on_stop_async);
    stop_async_.data = this;
    uv_timer_init(&loop_, &expiry_timer_);
    expiry_timer_.data = this;
    uv_timer_init(&loop_, &stop_deadline_);
    stop_deadline_.data = this;
}

Worker::~Worker() {
    join();
    uv_loop_close(&loop_);
}

void Worker::add_listener(int fd, const ListenSpec& spec) {
    auto l = std::make_unique<Listener>();
    l->spec = spec;
    l->worker = this;
    uv_tcp_init(&loop_, &l->handle);
    l->handle.data = l.get();
    uv_tcp_open(&l->handle, fd);
    listeners_.push_back(std::move(l));
}

void Worker::start() {
    for (auto& l : listeners_) {
        int rc = uv_listen(reinterpret_cast<uv_stream_t*>(&l->handle), l->spec.backlog,
                           on_new_connection);
        if (rc != 0) log::warning(std::string("listen failed: ") + uv_strerror(rc));
    }
    // Active expiry (and maintenance the store defers to quiet moments) runs on every worker
    // for the shards it owns, `hz` times a second, as Redis's serverCron does.
    int hz = std::max(1, service_.tick_hz());
    uint64_t period = static_cast<uint64_t>(std::max(1, 1000 / hz));
    uv_timer_start(&expiry_timer_, on_expiry_timer, period, period);
    uv_unref(reinterpret_cast<uv_handle_t*>(&expiry_timer_));
    thread_ = std::thread([this] { run(); });
}

void Worker::run() {
    uv_run(&loop_, UV_RUN_DEFAULT);
}

void Worker::request_stop() {
    uv_async_send(&stop_async_);
}

void Worker::join() {
    if (thread_.joinable()) thread_.join();
}

void Worker::on_stop_async(uv_async_t* async) {
    static_cast<Worker*>(async->data)->begin_stop();
}

void Worker::begin_stop() {
    if (stopping_) return;
    stopping_ = true;
    for (auto& l : listeners_) uv_close(reinterpret_cast<uv_handle_t*>(&l->handle), nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&stop_async_), nullptr);
    uv_timer_stop(&expiry_timer_);
    uv_close(reinterpret_cast<uv_handle_t*>(&expiry_timer_), nullptr);
    // Collect first: a connection may finish closing while we iterate.
    std::vector<Connection*> open;
    for (auto& [c, owned] : connections_) open.push_back(c);
    for (Connection* c : open) c->shutdown();
    // Clients that never read their replies must not hold the shutdown forever.
    uv_timer_start(
        &stop_deadline_,
        [](uv_timer_t* t) {
            auto* self = static_cast<Worker*>(t->data);
            std::vector<Connection*> left;
            for (auto& [c, owned] : self->connections_) left.push_back(c);
            for (Connection* c : left) c->close_now();
        },
        kStopDeadlineMs, 0);
    if (connections_.empty()) uv_close(reinterpret_cast<uv_handle_t*>(&stop_deadline_), nullptr);
}

void Worker::on_new_connection(uv_stream_t* server, int status) {
    auto* l = static_cast<Listener*>(server->data);
    if (status < 0) return;
    l->worker->accept_from(*l);
}

void Worker::accept_from(Listener& listener) {
    auto* client = new uv_tcp_t;
    uv_tcp_init(&loop_, client);
    if (uv_accept(reinterpret_cast<uv_stream_t*>(&listener.handle),
                  reinterpret_cast<uv_stream_t*>(client)) != 0) {
        uv_close(reinterpret_cast<uv_handle_t*>(client),
                 [](uv_handle_t* h) { delete reinterpret_cast<uv_tcp_t*>(h); });
        return;
    }
    auto transport = TcpTransport::adopt(client, read_buffer_.get(), kReadBufferSize);
    if (auto refusal = service_.admit(listener.spec.protocol.assumed())) {
        return refuse(std::move(transport), std::move(*refusal));
    }
    auto conn = std::make_unique<Connection>(
        std::move(transport), listener.spec.protocol, listener.spec.name,
        [this](server::ConnectionFacts facts) { return service_.open_session(std::move(facts)); },
        service_.connection_limits(),
        [this](Connection* c) {
            service_.connection_closed();
            connections_.erase(c);
            if (stopping_ && connections_.empty() &&
                !uv_is_closing(reinterpret_cast<uv_handle_t*>(&stop_deadline_)))
                uv_close(reinterpret_cast<uv_handle_t*>(&stop_deadline_), nullptr);
        });
    Connection* raw = conn.get();
    connections_.emplace(raw, std::move(conn));
    raw->start();
}

void Worker::refuse(std::unique_ptr<Transport> transport, std::string reply) {
    // Over a limit: say so in the client's likely protocol and close, as Redis and
    // memcached do. The reaper owns the transport until it has closed.
    struct Reaper final : TransportHandler {
        std::unique_ptr<Transport> t;
        void on_bytes(std::string_view) override {}
        void on_eof() override {}
        void on_drained() override {}
        void on_closed() override { delete this; }
    };
    auto* reaper = new Reaper;
    reaper->t = std::move(transport);
    reaper->t->start(reaper);
    reaper->t->pause_reading();
    reaper->t->write(std::move(reply));
    reaper->t->shutdown();
}

void Worker::on_expiry_timer(uv_timer_t* timer) {
    auto* self = static_cast<Worker*>(timer->data);
    self->service_.tick(uv_timer_get_repeat(timer) * 1000);
}

}  // namespace larder::net
