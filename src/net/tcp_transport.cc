#include "src/net/tcp_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace larder::net {

struct TcpTransport::WriteReq {
    uv_write_t req;
    std::string bytes;
    TcpTransport* owner;
};

std::unique_ptr<TcpTransport> TcpTransport::adopt(uv_tcp_t* accepted, char* read_buffer,
                                                  size_t read_buffer_size) {
    return std::unique_ptr<TcpTransport>(new TcpTransport(accepted, read_buffer, read_buffer_size));
}

TcpTransport::TcpTransport(uv_tcp_t* handle, char* read_buffer, size_t read_buffer_size)
    : handle_(handle), read_buffer_(read_buffer), read_buffer_size_(read_buffer_size) {
    handle_->data = this;
    uv_tcp_nodelay(handle_, 1);
}

TcpTransport::~TcpTransport() {
    // A handle libuv still knows must not be freed; owners destroy us only after on_closed.
    if (handle_closed_) delete handle_;
}

void TcpTransport::start(TransportHandler* handler) {
    handler_ = handler;
    resume_reading();
}

void TcpTransport::alloc_cb(uv_handle_t* h, size_t, uv_buf_t* buf) {
    auto* self = static_cast<TcpTransport*>(h->data);
    *buf = uv_buf_init(self->read_buffer_, static_cast<unsigned>(self->read_buffer_size_));
}

void TcpTransport::read_cb(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) {
    auto* self = static_cast<TcpTransport*>(s->data);
    if (nread > 0) {
        self->handler_->on_bytes(std::string_view(buf->base, static_cast<size_t>(nread)));
    } else if (nread < 0) {
        uv_read_stop(s);
        self->reading_ = false;
        self->handler_->on_eof();
    }
}

void TcpTransport::write(std::string bytes) {
    if (closing_ || shutting_down_ || bytes.empty()) return;
    // Most replies fit the socket buffer: try a direct write first and queue only the rest.
    uv_buf_t direct = uv_buf_init(bytes.data(), static_cast<unsigned>(bytes.size()));
    if (writes_in_flight_ == 0) {
        int n = uv_try_write(reinterpret_cast<uv_stream_t*>(handle_), &direct, 1);
        if (n == static_cast<int>(bytes.size())) return;
        if (n > 0) bytes.erase(0, static_cast<size_t>(n));
    }
    auto* wr = new WriteReq{{}, std::move(bytes), this};
    wr->req.data = wr;
    uv_buf_t buf = uv_buf_init(wr->bytes.data(), static_cast<unsigned>(wr->bytes.size()));
    pending_bytes_ += wr->bytes.size();
    ++writes_in_flight_;
    if (uv_write(&wr->req, reinterpret_cast<uv_stream_t*>(handle_), &buf, 1, write_cb) != 0) {
        pending_bytes_ -= wr->bytes.size();
        --writes_in_flight_;
        delete wr;
        close();
    }
}

void TcpTransport::write_cb(uv_write_t* req, int status) {
    auto* wr = static_cast<WriteReq*>(req->data);
    TcpTransport* self = wr->owner;
    self->pending_bytes_ -= wr->bytes.size();
    --self->writes_in_flight_;
    delete wr;
    if (status < 0) {
        self->close();
        return;
    }
    if (self->writes_in_flight_ == 0 && !self->closing_) self->handler_->on_drained();
}

void TcpTransport::pause_reading() {
    if (reading_ && !closing_) {
        uv_read_stop(reinterpret_cast<uv_stream_t*>(handle_));
        reading_ = false;
    }
}

void TcpTransport::resume_reading() {
    if (!reading_ && !closing_ && !shutting_down_) {
        if (uv_read_start(reinterpret_cast<uv_stream_t*>(handle_), alloc_cb, read_cb) == 0)
            reading_ = true;
    }
}

void TcpTransport::shutdown() {
    if (closing_ || shutting_down_) return;
    pause_reading();
    shutting_down_ = true;
    // uv_shutdown runs after queued writes complete, which is what "finish replies" means.
    auto* req = new uv_shutdown_t;
    req->data = this;
    if (uv_shutdown(req, reinterpret_cast<uv_stream_t*>(handle_), shutdown_cb) != 0) {
        delete req;
        begin_close();
    }
}

void TcpTransport::shutdown_cb(uv_shutdown_t* req, int) {
    auto* self = static_cast<TcpTransport*>(req->data);
    delete req;
    self->begin_close();
}

void TcpTransport::close() {
    pause_reading();
    begin_close();
}

void TcpTransport::begin_close() {
    if (closing_) return;
    closing_ = true;
    reading_ = false;
    uv_close(reinterpret_cast<uv_handle_t*>(handle_), close_cb);
}

void TcpTransport::close_cb(uv_handle_t* h) {
    auto* self = static_cast<TcpTransport*>(h->data);
    self->handle_closed_ = true;
    // Last statement: the handler usually destroys its connection, and with it this transport.
    if (self->handler_) self->handler_->on_closed();
}

std::string TcpTransport::peer_address() const {
    sockaddr_storage ss{};
    int len = sizeof ss;
    if (uv_tcp_getpeername(handle_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "?";
    char ip[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (ss.ss_family == AF_INET) {
        auto* a = reinterpret_cast<sockaddr_in*>(&ss);
        inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
        port = ntohs(a->sin_port);
    } else {
        auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
        inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
        port = ntohs(a->sin6_port);
    }
    return std::string(ip) + ":" + std::to_string(port);
}

}  // namespace larder::net
