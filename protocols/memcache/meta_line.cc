#include "protocols/memcache/meta_line.h"

#include <array>
#include <limits>

#include "protocols/memcache/base64.h"
#include "protocols/memcache/numbers.h"

namespace larder::memcache {
namespace {

// memcached refuses a meta line once it has this many tokens, the name included.
constexpr size_t kMetaTokenLimit = 20;

LineOutcome request() {
    LineOutcome o;
    o.kind = LineOutcome::Kind::request;
    return o;
}

LineOutcome fail(std::string_view reply, uint64_t swallow = 0) {
    LineOutcome o;
    o.kind = LineOutcome::Kind::error;
    o.reply = reply;
    o.swallow = swallow;
    return o;
}

// The tokens after the command name; counts past kMaxTokens only as "more".
struct Tokens {
    std::array<std::string_view, kMaxTokens> t;
    size_t n = 0;
    // Tokens memcached would count, its terminal token included when the line ran out.
    size_t memcached_count() const { return n + 2; }
};

Tokens split(Tokenizer& tok) {
    Tokens r;
    for (std::string_view t = tok.next(); !t.empty(); t = tok.next()) {
        if (r.n == r.t.size()) {
            r.n = r.t.size();  // enough to fail any limit
            break;
        }
        r.t[r.n++] = t;
    }
    return r;
}

// memcached's flag pass: every flag once, known letters only, numeric tokens parsed. The
// first repeated or unknown flag stops it at once; other errors let it go on, and the last
// one's line is the answer (so "mg !!!! Tx b" is a key decoding error).
class FlagReader {
  public:
    explicit FlagReader(MetaRequest& m) : m_(m) {}

    // Returns the error line, or an empty view on success.
    std::string_view read(std::span<const std::string_view> tokens, std::string_view raw_key) {
        std::array<bool, 128> seen{};
        for (std::string_view t : tokens) {
            auto c = static_cast<unsigned char>(t[0]);
            if (c >= 127 || seen[c]) return meta_errors::duplicate;
            seen[c] = true;
            if (!one(static_cast<char>(c), t.substr(1), raw_key)) return meta_errors::invalid;
            m_.flag_storage[m_.flag_count++] = MetaFlag{static_cast<char>(c), t.substr(1)};
        }
        return error_;
    }

  private:
    template <typename T>
    void number(std::optional<T> parsed, std::optional<T>& into, std::string_view error) {
        if (parsed)
            into = parsed;
        else
            error_ = error;
    }

    // False for a letter memcached does not know.
    bool one(char c, std::string_view arg, std::string_view raw_key) {
        switch (c) {
            case 'b':
                m_.binary_key = true;
                if (base64_decode(raw_key, m_.key_bytes))
                    m_.key = m_.key_bytes;
                else
                    error_ = meta_errors::bad_key;
                return true;
            case 'N':
                number(parse_i32(arg), m_.vivify_ttl, meta_errors::bad_token);
                return true;
            case 'T':
                number(parse_i32(arg), m_.ttl, meta_errors::bad_token);
                return true;
            case 'R':
                number(parse_i32(arg), m_.recache_ttl, meta_errors::bad_token);
                return true;
            case 'C':
                number(parse_u64(arg), m_.compare_cas, meta_errors::bad_token);
                return true;
            case 'F': {
                auto v = parse_flags_u32(arg);
                // memcached flags the error without a line of its own: the default stands.
                if (v)
                    m_.client_flags = *v;
                else
                    error_ = error_.empty() ? meta_errors::bad_format : error_;
                return true;
            }
            case 'M':
                if (arg.size() == 1)
                    m_.mode = arg[0];
                else
                    error_ = meta_errors::mode_length;
                return true;
            case 'J': {
                auto v = parse_u64(arg);
                if (v)
                    m_.initial = *v;
                else
                    error_ = meta_errors::bad_initial;
                return true;
            }
            case 'D': {
                auto v = parse_u64(arg);
                if (v)
                    m_.delta = *v;
                else
                    error_ = meta_errors::bad_delta;
                return true;
            }
            case 'v':
                m_.value = true;
                return true;
            case 'q':
                m_.quiet = true;
                return true;
            case 'u':
                m_.no_bump = true;
                return true;
            case 'I':
                m_.invalidate = true;
                return true;
            // Return flags and tokens read elsewhere (or ignored: P and L are proxy hints).
            case 'O':
            case 'P':
            case 'L':
            case 'k':
            case 's':
            case 't':
            case 'c':
            case 'f':
            case 'l':
            case 'h':
                return true;
            // E (explicit CAS, memcached 1.6.21) is refused, as 1.6.18 refuses it: the store
            // assigns every CAS itself and has no way to take one from a client.
            default:
                return false;
        }
    }

    MetaRequest& m_;
    std::string_view error_;
};

bool opaque_too_long(const MetaRequest& m) {
    for (const MetaFlag& f : m.flags())
        if (f.flag == 'O' && f.token.size() + 1 > kMaxOpaqueLen) return true;
    return false;
}

void set_key(std::string_view key, TextRequest& out) {
    out.meta.key = key;
    out.keys.push_back(key);
}

LineOutcome read_meta_debug(const Tokens& t, const Limits& limits, TextRequest& out) {
    if (t.n == 0 || t.t[0].size() > limits.max_key_len) return fail(meta_errors::bad_format);
    out.meta.key = t.t[0];
    // Only a `b` right after the key counts; memcached ignores every other token.
    if (t.n >= 2 && t.t[1] == "b") {
        out.meta.binary_key = true;
        if (!base64_decode(t.t[0], out.meta.key_bytes)) return fail(meta_errors::bad_format);
        out.meta.key = out.meta.key_bytes;
    }
    out.keys.push_back(out.meta.key);
    return request();
}

LineOutcome read_meta_set(const Tokens& t, const Limits& limits, TextRequest& out) {
    MetaRequest& m = out.meta;
    if (t.t[0].size() > limits.max_key_len || t.n == 1) return fail(meta_errors::bad_format);
    if (t.memcached_count() > kMetaTokenLimit) return fail(meta_errors::too_many);
    auto len = parse_i32(t.t[1]);
    // memcached adds the CRLF to the length in an int, hence the upper bound.
    if (!len || *len < 0 || *len > std::numeric_limits<int32_t>::max() - 2) {
        return fail(meta_errors::bad_format);
    }
    uint64_t swallow = static_cast<uint64_t>(*len) + 2;
    m.key = t.t[0];
    std::string_view error = FlagReader(m).read({t.t.data() + 2, t.n - 2}, t.t[0]);
    if (!error.empty()) return fail(error, swallow);
    if (opaque_too_long(m)) error = meta_errors::opaque_too_long;
    switch (m.mode) {
        case 0:
        case 'E':
        case 'A':
        case 'P':
        case 'R':
        case 'S':
            break;
        default:
            return fail(meta_errors::ms_mode, swallow);
    }
    if (!error.empty()) return fail(error, swallow);
    set_key(m.key, out);
    size_t data_len = static_cast<size_t>(*len);
    if (exceeds_item_size(limits, m.key.size(), m.client_flags, data_len)) {
        // memcached also drops the key's old value, whatever the mode.
        LineOutcome o = fail(text_errors::too_large, swallow);
        o.invalidate_key = true;
        return o;
    }
    LineOutcome o;
    o.kind = LineOutcome::Kind::needs_data;
    o.data_len = data_len;
    return o;
}

LineOutcome read_meta_keyed(const TextCommandSpec& spec, const Tokens& t, const Limits& limits,
                            TextRequest& out) {
    MetaRequest& m = out.meta;
    bool is_get = spec.id == TextCommand::meta_get;
    if (t.t[0].size() > limits.max_key_len) return fail(meta_errors::bad_format);
    if (t.memcached_count() > kMetaTokenLimit) {
        return fail(is_get ? meta_errors::mg_too_many : meta_errors::too_many);
    }
    m.key = t.t[0];
    std::string_view error = FlagReader(m).read({t.t.data() + 1, t.n - 1}, t.t[0]);
    // md and ma answer every flag error the same way.
    if (!error.empty()) return fail(is_get ? error : meta_errors::md_ma_flags);
    if (spec.id == TextCommand::meta_arithmetic) {
        switch (m.mode) {
            case 0:
            case 'I':
            case '+':
            case 'D':
            case '-':
                break;
            default:
                return fail(meta_errors::ma_mode);
        }
    }
    if (opaque_too_long(m)) return fail(meta_errors::opaque_too_long);
    set_key(m.key, out);
    return request();
}

}  // namespace

void MetaRequest::clear() {
    key = {};
    binary_key = false;
    flag_count = 0;
    value = quiet = no_bump = invalidate = false;
    ttl.reset();
    vivify_ttl.reset();
    recache_ttl.reset();
    compare_cas.reset();
    client_flags = 0;
    mode = 0;
    delta = 1;
    initial = 0;
}

LineOutcome read_meta_line(const TextCommandSpec& spec, Tokenizer& tok, const Limits& limits,
                           TextRequest& out) {
    out.meta.clear();
    if (spec.shape == ArgShape::meta_noop) return request();
    Tokens t = split(tok);
    if (spec.shape == ArgShape::meta_debug) return read_meta_debug(t, limits, out);
    if (t.n == 0) return fail(text_errors::unknown);
    if (spec.shape == ArgShape::meta_storage) return read_meta_set(t, limits, out);
    return read_meta_keyed(spec, t, limits, out);
}

}  // namespace larder::memcache
