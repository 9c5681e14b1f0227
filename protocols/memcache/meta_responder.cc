#include "protocols/memcache/meta_responder.h"

#include "protocols/memcache/base64.h"
#include "protocols/memcache/text_responder.h"

namespace larder::memcache {

void MetaResponder::begin(const TextRequest& req) {
    req_ = &req;
}

bool MetaResponder::quiet_success() const {
    return req_->meta.quiet;
}

void MetaResponder::code(std::string_view rc) {
    out_.append(rc);
}

// " k<key>", with the key in base64 followed by " b" when it was sent that way.
void MetaResponder::key_token() {
    const MetaRequest& m = req_->meta;
    out_.append(" k");
    if (!m.binary_key) {
        out_.append(m.key);
        return;
    }
    base64_encode(m.key, out_.raw());
    out_.append(" b");
}

void MetaResponder::opaque_and_key(const MetaFlag& f) {
    if (f.flag == 'O') {
        out_.append(" O");
        out_.append(f.token);
    } else if (f.flag == 'k') {
        key_token();
    }
}

void MetaResponder::item(const MetaItem& it) {
    bool is_get = req_->cmd == TextCommand::meta_get;
    // memcached answers a quiet mg hit anyway, and a quiet ma that created its item; a
    // quiet ma that changed an existing one is dropped.
    if (!is_get && quiet_success() && !it.created) return;
    const MetaRequest& m = req_->meta;
    if (m.value) {
        out_.append("VA ");
        out_.append_unsigned(it.value.size());
    } else {
        code("HD");
    }
    int64_t ttl = it.ttl;
    for (const MetaFlag& f : m.flags()) {
        switch (f.flag) {
            case 'T':
                ttl = it.ttl_after;
                break;
            case 'N':
                if (it.created) ttl = it.ttl_after;
                break;
            case 't':
                out_.append(" t");
                out_.append_decimal(ttl);
                break;
            case 'c':
                out_.append(" c");
                out_.append_unsigned(it.cas);
                break;
            case 's':
                if (!is_get) break;
                out_.append(" s");
                out_.append_unsigned(it.size);
                break;
            case 'f':
                if (!is_get) break;
                out_.append(" f");
                out_.append_unsigned(it.client_flags);
                break;
            case 'l':
                if (!is_get) break;
                out_.append(" l");
                out_.append_unsigned(it.idle_seconds);
                break;
            case 'h':
                if (!is_get) break;
                out_.append(it.fetched ? " h1" : " h0");
                break;
            default:
                opaque_and_key(f);
                break;
        }
    }
    if (is_get) {
        // Z before X before W, as memcached: a client never sees W together with Z.
        if (it.win_sent) out_.append(" Z");
        if (it.stale) out_.append(" X");
        if (it.won) out_.append(" W");
    }
    end_line();
    if (m.value) {
        out_.append(it.value);
        end_line();
    }
}

void MetaResponder::miss() {
    if (quiet_success()) return;  // the q flag drops EN
    code("EN");
    for (const MetaFlag& f : req_->meta.flags()) opaque_and_key(f);
    end_line();
}

void MetaResponder::stored(uint64_t cas) {
    if (quiet_success()) return;
    code("HD");
    for (const MetaFlag& f : req_->meta.flags()) {
        if (f.flag == 'c') {
            out_.append(" c");
            out_.append_unsigned(cas);
        } else {
            opaque_and_key(f);
        }
    }
    end_line();
}

void MetaResponder::status(MetaStatus s) {
    switch (s) {
        case MetaStatus::not_stored:
            code("NS");
            break;
        case MetaStatus::exists:
            code("EX");
            break;
        case MetaStatus::not_found:
            code("NF");
            break;
    }
    bool is_set = req_->cmd == TextCommand::meta_set;
    for (const MetaFlag& f : req_->meta.flags()) {
        // ms shows its c flag on every outcome, with no CAS (0) when nothing was stored.
        if (f.flag == 'c' && is_set)
            out_.append(" c0");
        else
            opaque_and_key(f);
    }
    end_line();
}

void MetaResponder::deleted() {
    if (quiet_success()) return;
    code("HD");
    for (const MetaFlag& f : req_->meta.flags()) opaque_and_key(f);
    end_line();
}

void MetaResponder::noop() {
    out_.append("MN\r\n");
}

void MetaResponder::debug(const MetaDebugInfo& info) {
    out_.append("ME ");
    const MetaRequest& m = req_->meta;
    if (m.binary_key)
        base64_encode(m.key, out_.raw());
    else
        out_.append(m.key);
    out_.append(" exp=");
    out_.append_decimal(info.exp);
    out_.append(" la=");
    out_.append_unsigned(info.idle_seconds);
    out_.append(" cas=");
    out_.append_unsigned(info.cas);
    out_.append(info.fetched ? " fetch=yes" : " fetch=no");
    out_.append(" cls=");
    out_.append_unsigned(info.slab_class);
    out_.append(" size=");
    out_.append_unsigned(info.item_size);
    end_line();
}

void MetaResponder::debug_miss() {
    out_.append("EN\r\n");
}

void MetaResponder::error(ErrorKind kind, std::string_view text) {
    append_text_error(out_, kind, text);
}

}  // namespace larder::memcache
