#include "protocols/memcache/text_responder.h"

namespace larder::memcache {
namespace {

struct ErrorWording {
    std::string_view prefix;
    std::string_view default_message;
};

ErrorWording wording(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::generic:
        case ErrorKind::unknown_command:
            return {"ERROR", {}};
        case ErrorKind::client:
        case ErrorKind::invalid_arguments:
            return {"CLIENT_ERROR", "bad command line format"};
        case ErrorKind::server:
            return {"SERVER_ERROR", "internal error"};
        case ErrorKind::non_numeric:
            return {"CLIENT_ERROR", "cannot increment or decrement non-numeric value"};
        case ErrorKind::too_large:
            return {"SERVER_ERROR", "object too large for cache"};
        case ErrorKind::out_of_memory:
            return {"SERVER_ERROR", "out of memory storing object"};
    }
    return {"ERROR", {}};
}

}  // namespace

void TextResponder::begin(const TextRequest& req) {
    silent_ = req.noreply;
    with_cas_ = text_command_spec(req.cmd).has(command_flags::returns_cas);
}

void TextResponder::line(std::string_view s) {
    if (!silent_) out_.append(s);
}

void TextResponder::stored_cas(uint64_t) {
    line("STORED\r\n");
}
void TextResponder::not_stored() {
    line("NOT_STORED\r\n");
}
void TextResponder::exists() {
    line("EXISTS\r\n");
}
void TextResponder::not_found() {
    line("NOT_FOUND\r\n");
}
void TextResponder::deleted() {
    line("DELETED\r\n");
}
void TextResponder::touched(uint32_t, uint64_t) {
    line("TOUCHED\r\n");
}
void TextResponder::ok() {
    line("OK\r\n");
}
void TextResponder::quit() {}

void TextResponder::value(std::string_view key, uint32_t flags, uint64_t cas,
                          std::string_view data) {
    if (silent_) return;
    out_.append("VALUE ");
    out_.append(key);
    out_.append(' ');
    out_.append_unsigned(flags);
    out_.append(' ');
    out_.append_unsigned(data.size());
    if (with_cas_) {
        out_.append(' ');
        out_.append_unsigned(cas);
    }
    out_.append("\r\n");
    out_.append(data);
    out_.append("\r\n");
}

void TextResponder::miss(std::string_view) {}
void TextResponder::end_values() {
    line("END\r\n");
}

void TextResponder::number(uint64_t value, uint64_t) {
    if (silent_) return;
    out_.append_unsigned(value);
    out_.append("\r\n");
}

void TextResponder::version(std::string_view version) {
    if (silent_) return;
    out_.append("VERSION ");
    out_.append(version);
    out_.append("\r\n");
}

void TextResponder::stat(std::string_view name, std::string_view value) {
    if (silent_) return;
    out_.append("STAT ");
    out_.append(name);
    out_.append(' ');
    out_.append(value);
    out_.append("\r\n");
}

void TextResponder::end_stats() {
    line("END\r\n");
}

void TextResponder::shutdown_refused() {
    line("ERROR: shutdown not enabled\r\n");
}

void TextResponder::stats_reset() {
    line("RESET\r\n");
}

void TextResponder::stats_dump(std::string_view text) {
    line(text);
}

void TextResponder::no_such_stats(std::string_view text_error) {
    if (text_error.empty()) return error(ErrorKind::generic);
    error(ErrorKind::client, text_error);
}

void TextResponder::error(ErrorKind kind, std::string_view text) {
    if (silent_) return;
    append_text_error(out_, kind, text);
}

void append_text_error(proto::OutBuffer& out, ErrorKind kind, std::string_view text) {
    ErrorWording w = wording(kind);
    std::string_view message = text.empty() ? w.default_message : text;
    out.append(w.prefix);
    if (!message.empty()) {
        out.append(' ');
        out.append(message);
    }
    out.append("\r\n");
}

}  // namespace larder::memcache
