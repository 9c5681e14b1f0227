#include "protocols/resp/reply_writer.h"

#include <charconv>
#include <cmath>
#include <string>

namespace larder::resp {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// Appends a one-line payload with CR/LF replaced, without a copy in the common case.
void append_line(proto::OutBuffer& out, std::string_view s) {
    if (s.find_first_of(kCrlf) == std::string_view::npos) {
        out.append(s);
        return;
    }
    std::string clean(s);
    sanitize_line(clean);
    out.append(clean);
}

}  // namespace

ReplyWriter::ReplyWriter(proto::OutBuffer& out, int protocol) : out_(out), resp3_(protocol == 3) {}

void ReplyWriter::set_protocol(int protocol) {
    resp3_ = protocol == 3;
}

void ReplyWriter::header(char type, uint64_t n) {
    out_.append(type);
    out_.append_unsigned(n);
    out_.append(kCrlf);
}

void ReplyWriter::ok() {
    out_.append("+OK\r\n");
}

void ReplyWriter::simple(std::string_view s) {
    out_.append('+');
    append_line(out_, s);
    out_.append(kCrlf);
}

void ReplyWriter::error(std::string_view msg) {
    if (!msg.empty() && msg.front() == '-') msg.remove_prefix(1);
    out_.append('-');
    append_line(out_, msg);
    out_.append(kCrlf);
}

void ReplyWriter::integer(int64_t v) {
    out_.append(':');
    out_.append_decimal(v);
    out_.append(kCrlf);
}

void ReplyWriter::bulk(std::string_view v) {
    header('$', v.size());
    out_.append(v);
    out_.append(kCrlf);
}

void ReplyWriter::null() {
    out_.append(resp3_ ? "_\r\n" : "$-1\r\n");
}

void ReplyWriter::null_array() {
    out_.append(resp3_ ? "_\r\n" : "*-1\r\n");
}

void ReplyWriter::array(size_t n) {
    header('*', n);
}

void ReplyWriter::map(size_t pairs) {
    if (resp3_) {
        header('%', pairs);
    } else {
        header('*', uint64_t{pairs} * 2);
    }
}

void ReplyWriter::set(size_t n) {
    header(resp3_ ? '~' : '*', n);
}

void ReplyWriter::push(size_t n) {
    header(resp3_ ? '>' : '*', n);
}

void ReplyWriter::boolean(bool b) {
    if (resp3_) {
        out_.append(b ? "#t\r\n" : "#f\r\n");
    } else {
        out_.append(b ? ":1\r\n" : ":0\r\n");
    }
}

void ReplyWriter::dbl(double d) {
    char buf[32];
    std::string_view text;
    if (std::isinf(d)) {
        // Spelled out because libc spellings of infinity differ between platforms.
        text = d > 0 ? "inf" : "-inf";
    } else {
        // to_chars with precision is printf's %.17g, minus any dependence on the locale.
        auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 17);
        text = std::string_view(buf, static_cast<size_t>(res.ptr - buf));
    }
    if (resp3_) {
        out_.append(',');
        out_.append(text);
        out_.append(kCrlf);
    } else {
        bulk(text);
    }
}

void ReplyWriter::verbatim(std::string_view format, std::string_view text) {
    if (!resp3_) {
        bulk(text);
        return;
    }
    constexpr size_t kFormatLen = 3;
    header('=', text.size() + kFormatLen + 1);
    const std::string_view fmt = format.substr(0, kFormatLen);
    out_.append(fmt);
    for (size_t i = fmt.size(); i < kFormatLen; ++i) out_.append(' ');
    out_.append(':');
    out_.append(text);
    out_.append(kCrlf);
}

}  // namespace larder::resp
