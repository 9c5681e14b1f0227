// The two ways memcached clients log in, as pure parsing: the text protocol's login (memcached
// -Y: before login, every request is read as "set <any> <any> <any> <len>\r\n" followed by a
// "user password" data block) and the binary protocol's SASL PLAIN message. Checking the
// credentials is the daemon's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace larder::memcache {

struct TextLogin {
    enum class Kind : uint8_t {
        need_more,  // consumed == 0
        reply,      // send `reply`; the connection stays unauthenticated
        login,      // check user/password, then answer STORED or the failure line
        close,      // memcached closes: 2048 bytes without a newline, or an absurd length
    };
    Kind kind = Kind::need_more;
    size_t consumed = 0;
    std::string_view reply;
    std::string_view user, password;  // views into the input (login only)
};

// Longest login data block accepted; memcached has no limit, Larder closes beyond this
// rather than buffer an arbitrary amount for an unauthenticated client.
inline constexpr size_t kMaxLoginPayload = 64 * 1024;

// Reads one login attempt from all unconsumed bytes; drop `consumed` afterwards. Keeps no
// state: until a whole attempt has arrived it answers need_more and consumes nothing.
TextLogin parse_text_login(std::string_view input);

namespace login_replies {
inline constexpr std::string_view ok = "STORED\r\n";
inline constexpr std::string_view failed = "CLIENT_ERROR authentication failure\r\n";
inline constexpr std::string_view unauthenticated = "CLIENT_ERROR unauthenticated\r\n";
inline constexpr std::string_view bad_termination = "CLIENT_ERROR bad command line termination\r\n";
inline constexpr std::string_view bad_format = "CLIENT_ERROR bad authentication token format\r\n";
}  // namespace login_replies

// SASL PLAIN (RFC 4616): "[authzid] NUL authcid NUL password". nullopt when malformed or
// when it asks to act as another user than the one it authenticates.
struct PlainCredentials {
    std::string_view user, password;
};
std::optional<PlainCredentials> parse_sasl_plain(std::string_view message);

// The mechanisms Larder's binary SASL offers (LIST MECHS reply).
inline constexpr std::string_view kSaslMechanisms = "PLAIN";

}  // namespace larder::memcache
