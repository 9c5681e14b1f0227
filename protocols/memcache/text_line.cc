#include "protocols/memcache/text_line.h"

#include <array>
#include <limits>

#include "protocols/memcache/meta_line.h"
#include "protocols/memcache/numbers.h"
#include "protocols/memcache/text_tokens.h"

namespace larder::memcache {
namespace {

LineOutcome ok() {
    LineOutcome o;
    o.kind = LineOutcome::Kind::request;
    return o;
}

LineOutcome fail(std::string_view reply) {
    LineOutcome o;
    o.kind = LineOutcome::Kind::error;
    o.reply = reply;
    return o;
}

// memcached's out_string() drops any reply, errors included, once noreply was seen.
LineOutcome fail_quietly_if(bool noreply, std::string_view reply) {
    return fail(noreply ? std::string_view{} : reply);
}

bool key_too_long(std::string_view key, const Limits& limits) {
    return key.size() > limits.max_key_len;
}

struct Line {
    std::array<std::string_view, kMaxTokens> t;
    size_t n = 0;
    // memcached looks for noreply only in the last token it read.
    bool last_is_noreply() const { return n > 1 && t[n - 1] == "noreply"; }
};

LineOutcome read_keys(Tokenizer& tok, const Limits& limits, TextRequest& out) {
    for (std::string_view key = tok.next(); !key.empty(); key = tok.next()) {
        if (key_too_long(key, limits)) return fail(text_errors::bad_format);
        if (out.keys.size() == limits.max_keys_per_get) return fail(text_errors::too_many_keys);
        out.keys.push_back(key);
    }
    return ok();
}

LineOutcome read_retrieval(const TextCommandSpec& spec, Tokenizer& tok, const Limits& limits,
                           TextRequest& out) {
    // Arity first, as memcached: "get" alone is ERROR, "gat 10" is a valid empty multiget.
    std::string_view first = tok.next();
    if (first.empty()) return fail(text_errors::unknown);
    if (spec.shape == ArgShape::retrieval_touch) {
        auto exptime = parse_i32(first);
        if (!exptime) return fail(text_errors::bad_exptime);
        out.exptime = *exptime;
    } else {
        if (key_too_long(first, limits)) return fail(text_errors::bad_format);
        out.keys.push_back(first);
    }
    return read_keys(tok, limits, out);
}

LineOutcome read_storage(const TextCommandSpec& spec, const Line& l, const Limits& limits,
                         TextRequest& out) {
    out.noreply = l.last_is_noreply();
    out.keys.push_back(l.t[1]);
    if (key_too_long(l.t[1], limits)) return fail_quietly_if(out.noreply, text_errors::bad_format);
    auto flags = parse_flags_u32(l.t[2]);
    auto exptime = parse_i32(l.t[3]);
    auto bytes = parse_i32(l.t[4]);
    if (!flags || !exptime || !bytes) return fail_quietly_if(out.noreply, text_errors::bad_format);
    out.flags = *flags;
    out.exptime = *exptime;
    if (spec.shape == ArgShape::storage_cas) {
        auto cas = parse_u64(l.t[5]);
        if (!cas) return fail_quietly_if(out.noreply, text_errors::bad_format);
        out.cas_unique = *cas;
    }
    // memcached adds the CRLF to the length in an int, hence the upper bound.
    if (*bytes < 0 || *bytes > std::numeric_limits<int32_t>::max() - 2) {
        return fail_quietly_if(out.noreply, text_errors::bad_format);
    }
    size_t data_len = static_cast<size_t>(*bytes);
    if (exceeds_item_size(limits, l.t[1].size(), out.flags, data_len)) {
        LineOutcome o = fail_quietly_if(out.noreply, text_errors::too_large);
        o.swallow = data_len + 2;
        o.invalidate_key = spec.id == TextCommand::set;
        return o;
    }
    LineOutcome o;
    o.kind = LineOutcome::Kind::needs_data;
    o.data_len = data_len;
    return o;
}

LineOutcome read_arithmetic(const Line& l, const Limits& limits, TextRequest& out) {
    out.noreply = l.last_is_noreply();
    out.keys.push_back(l.t[1]);
    if (key_too_long(l.t[1], limits)) return fail_quietly_if(out.noreply, text_errors::bad_format);
    auto delta = parse_u64(l.t[2]);
    if (!delta) return fail_quietly_if(out.noreply, text_errors::bad_delta);
    out.delta = *delta;
    return ok();
}

LineOutcome read_delete(const Line& l, const Limits& limits, TextRequest& out) {
    out.keys.push_back(l.t[1]);
    // Only a legacy hold time of exactly "0" and noreply may follow the key.
    if (l.n > 2) {
        bool hold_is_zero = l.t[2] == "0";
        out.noreply = l.last_is_noreply();
        bool valid = (l.n == 3 && (hold_is_zero || out.noreply)) ||
                     (l.n == 4 && hold_is_zero && out.noreply);
        if (!valid) return fail_quietly_if(out.noreply, text_errors::delete_usage);
    }
    if (key_too_long(l.t[1], limits)) return fail_quietly_if(out.noreply, text_errors::bad_format);
    return ok();
}

LineOutcome read_touch(const Line& l, const Limits& limits, TextRequest& out) {
    out.noreply = l.last_is_noreply();
    out.keys.push_back(l.t[1]);
    if (key_too_long(l.t[1], limits)) return fail_quietly_if(out.noreply, text_errors::bad_format);
    auto exptime = parse_i32(l.t[2]);
    if (!exptime) return fail_quietly_if(out.noreply, text_errors::bad_exptime);
    out.exptime = *exptime;
    return ok();
}

void keep_args(const Line& l, TextRequest& out) {
    out.args.assign(l.t.begin() + 1, l.t.begin() + static_cast<std::ptrdiff_t>(l.n));
}

LineOutcome read_flush_all(const Line& l, TextRequest& out) {
    out.noreply = l.last_is_noreply();
    keep_args(l, out);
    // A delay is read whenever a token other than a lone noreply follows the name.
    if (l.n != (out.noreply ? 2u : 1u)) {
        auto delay = parse_i32(l.t[1]);
        if (!delay) return fail_quietly_if(out.noreply, text_errors::bad_exptime);
        out.exptime = *delay;
    }
    return ok();
}

LineOutcome read_verbosity(const Line& l, TextRequest& out) {
    out.noreply = l.last_is_noreply();
    keep_args(l, out);
    auto level = parse_flags_u32(l.t[1]);
    if (!level) return fail_quietly_if(out.noreply, text_errors::bad_format);
    out.delta = *level;
    return ok();
}

void clear(TextRequest& out) {
    out.keys.clear();
    out.args.clear();
    out.flags = 0;
    out.exptime = 0;
    out.cas_unique = 0;
    out.delta = 0;
    out.noreply = false;
    out.data = {};
    out.meta.clear();
}

}  // namespace

LineOutcome read_command_line(std::string_view line, const Limits& limits, TextRequest& out) {
    clear(out);
    // memcached strips one '\r' before the '\n' (bare '\n' ends a line too), but not from a
    // one-byte line, and then reads the line as a C string, so a NUL ends it early.
    if (line.size() > 1 && line.back() == '\r') line.remove_suffix(1);
    if (size_t nul = line.find('\0'); nul != std::string_view::npos) line = line.substr(0, nul);

    Tokenizer tok(line);
    const TextCommandSpec* spec = find_text_command(tok.next());
    if (spec == nullptr) return fail(text_errors::unknown);
    out.cmd = spec->id;

    if (spec->has(command_flags::meta)) return read_meta_line(*spec, tok, limits, out);
    if (spec->shape == ArgShape::retrieval || spec->shape == ArgShape::retrieval_touch) {
        return read_retrieval(*spec, tok, limits, out);
    }

    Line l;
    l.t[l.n++] = spec->name;
    for (std::string_view t = tok.next(); !t.empty() && l.n < kMaxTokens; t = tok.next()) {
        l.t[l.n++] = t;
    }
    if (l.n < spec->min_tokens || (spec->max_tokens != 0 && l.n > spec->max_tokens)) {
        return fail(text_errors::unknown);
    }

    switch (spec->shape) {
        case ArgShape::storage:
        case ArgShape::storage_cas:
            return read_storage(*spec, l, limits, out);
        case ArgShape::arithmetic:
            return read_arithmetic(l, limits, out);
        case ArgShape::deletion:
            return read_delete(l, limits, out);
        case ArgShape::touch:
            return read_touch(l, limits, out);
        case ArgShape::flush_all:
            return read_flush_all(l, out);
        case ArgShape::verbosity:
            return read_verbosity(l, out);
        case ArgShape::free_args:
            keep_args(l, out);
            break;
        case ArgShape::retrieval:
        case ArgShape::retrieval_touch:
        case ArgShape::meta:
        case ArgShape::meta_storage:
        case ArgShape::meta_noop:
        case ArgShape::meta_debug:
            break;  // handled above
    }
    LineOutcome o = ok();
    o.close = spec->has(command_flags::closes);
    return o;
}

}  // namespace larder::memcache
