#include "protocols/memcache/auth.h"

#include <array>
#include <cstring>

#include "protocols/memcache/numbers.h"
#include "protocols/memcache/text_tokens.h"

namespace larder::memcache {
namespace {

TextLogin result(TextLogin::Kind kind, size_t consumed, std::string_view reply = {}) {
    TextLogin r;
    r.kind = kind;
    r.consumed = consumed;
    r.reply = reply;
    return r;
}

// memcached reads the line and the data block as C strings: a NUL ends them.
std::string_view until_nul(std::string_view s) {
    size_t nul = s.find('\0');
    return nul == std::string_view::npos ? s : s.substr(0, nul);
}

}  // namespace

TextLogin parse_text_login(std::string_view input) {
    if (input.size() < 2) return result(TextLogin::Kind::need_more, 0);
    const void* nl = std::memchr(input.data(), '\n', input.size());
    if (nl == nullptr) {
        // As memcached: no newline within the first 2 KB of a login means junk.
        if (input.size() > 2048) return result(TextLogin::Kind::close, input.size());
        return result(TextLogin::Kind::need_more, 0);
    }
    size_t header = static_cast<size_t>(static_cast<const char*>(nl) - input.data()) + 1;
    // The '\r' stays: the length parser stops at it, as memcached's strtoul does.
    Tokenizer tok(until_nul(input.substr(0, header - 1)));
    std::array<std::string_view, 5> t;
    size_t n = 0;
    for (std::string_view s = tok.next(); !s.empty() && n < t.size(); s = tok.next()) t[n++] = s;
    std::optional<uint32_t> len;
    if (n == t.size() && t[0] == "set") len = parse_flags_u32(t[4]);
    if (!len) return result(TextLogin::Kind::reply, header, login_replies::unauthenticated);
    if (*len > kMaxLoginPayload) return result(TextLogin::Kind::close, input.size());

    size_t block_len = size_t{*len} + 2;
    if (input.size() < header + block_len) return result(TextLogin::Kind::need_more, 0);
    std::string_view block = input.substr(header, block_len);
    size_t consumed = header + block_len;
    if (block.substr(block.size() - 2) != "\r\n") {
        return result(TextLogin::Kind::reply, consumed, login_replies::bad_termination);
    }
    Tokenizer words(until_nul(block.substr(0, block.size() - 2)));
    std::string_view user = words.next();
    std::string_view password = words.next();
    if (password.empty())
        return result(TextLogin::Kind::reply, consumed, login_replies::bad_format);
    TextLogin r = result(TextLogin::Kind::login, consumed);
    r.user = user;
    r.password = password;
    return r;
}

std::optional<PlainCredentials> parse_sasl_plain(std::string_view message) {
    size_t a = message.find('\0');
    if (a == std::string_view::npos) return std::nullopt;
    size_t b = message.find('\0', a + 1);
    if (b == std::string_view::npos) return std::nullopt;
    std::string_view authzid = message.substr(0, a);
    PlainCredentials c{message.substr(a + 1, b - a - 1), message.substr(b + 1)};
    if (c.user.empty() || (!authzid.empty() && authzid != c.user)) return std::nullopt;
    if (c.password.find('\0') != std::string_view::npos) return std::nullopt;
    return c;
}

}  // namespace larder::memcache
