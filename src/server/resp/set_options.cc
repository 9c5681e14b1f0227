#include "src/server/resp/set_options.h"

#include <limits>
#include <vector>

#include "src/base/ascii.h"
#include "src/base/numbers.h"

namespace larder::server {

namespace {

enum Flag : unsigned {
    nx = 1,
    xx = 2,
    get = 4,
    keepttl = 8,
    ex = 16,
    px = 32,
    exat = 64,
    pxat = 128
};
constexpr unsigned kAnyExpiry = keepttl | ex | px | exat | pxat;

std::string invalid_expire(std::string_view command) {
    return "ERR invalid expire time in '" + std::string(command) + "' command";
}

}  // namespace

std::optional<std::string> expiry_from_relative(int64_t amount, bool millis,
                                                std::string_view command, int64_t now_ms,
                                                SetArgs& out) {
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    if (amount <= 0 || (!millis && amount > kMax / 1000)) return invalid_expire(command);
    int64_t ms = millis ? amount : amount * 1000;
    if (ms > kMax - now_ms) return invalid_expire(command);
    out.expiry = store::ExpiryMode::at;
    out.expire_at_ms = ms + now_ms;
    return std::nullopt;
}

std::optional<std::string> parse_getex_args(std::span<const std::string_view> opts, int64_t now_ms,
                                            SetArgs& out) {
    // GETEX shares SET's expiry grammar, minus the conditions, plus PERSIST.
    out.expiry = store::ExpiryMode::keep;
    std::vector<std::string_view> expiry_opts;
    bool persist = false;
    for (std::string_view o : opts) {
        if (base::equals_ci(o, "persist")) {
            persist = true;
        } else if (base::equals_ci(o, "nx") || base::equals_ci(o, "xx") ||
                   base::equals_ci(o, "get") || base::equals_ci(o, "keepttl")) {
            return std::string("ERR syntax error");
        } else {
            expiry_opts.push_back(o);
        }
    }
    if (persist && !expiry_opts.empty()) return std::string("ERR syntax error");
    if (persist) {
        out.expiry = store::ExpiryMode::clear;
        return std::nullopt;
    }
    if (expiry_opts.empty()) return std::nullopt;
    auto err = parse_set_args(expiry_opts, "getex", now_ms, out);
    if (!err && out.expiry == store::ExpiryMode::clear) out.expiry = store::ExpiryMode::keep;
    return err;
}

std::optional<std::string> parse_set_args(std::span<const std::string_view> opts,
                                          std::string_view command, int64_t now_ms, SetArgs& out) {
    unsigned flags = 0;
    std::string_view expire_arg;
    unsigned expire_unit = 0;
    for (size_t i = 0; i < opts.size(); ++i) {
        std::string_view o = opts[i];
        bool has_next = i + 1 < opts.size();
        unsigned other_expiry = flags & kAnyExpiry;
        if (base::equals_ci(o, "nx") && !(flags & xx)) {
            flags |= nx;
        } else if (base::equals_ci(o, "xx") && !(flags & nx)) {
            flags |= xx;
        } else if (base::equals_ci(o, "get")) {
            flags |= get;
        } else if (base::equals_ci(o, "keepttl") && !(other_expiry & ~keepttl)) {
            flags |= keepttl;
        } else if (has_next && !(other_expiry & ~ex) && base::equals_ci(o, "ex")) {
            flags |= ex, expire_unit = ex, expire_arg = opts[++i];
        } else if (has_next && !(other_expiry & ~px) && base::equals_ci(o, "px")) {
            flags |= px, expire_unit = px, expire_arg = opts[++i];
        } else if (has_next && !(other_expiry & ~exat) && base::equals_ci(o, "exat")) {
            flags |= exat, expire_unit = exat, expire_arg = opts[++i];
        } else if (has_next && !(other_expiry & ~pxat) && base::equals_ci(o, "pxat")) {
            flags |= pxat, expire_unit = pxat, expire_arg = opts[++i];
        } else {
            return std::string("ERR syntax error");
        }
    }
    if (flags & nx) out.condition = store::SetCondition::if_absent;
    if (flags & xx) out.condition = store::SetCondition::if_present;
    out.get = flags & get;
    if (flags & keepttl) out.expiry = store::ExpiryMode::keep;
    if (expire_unit != 0) {
        auto n = base::parse_int64(expire_arg);
        if (!n) return std::string("ERR value is not an integer or out of range");
        if (expire_unit == ex || expire_unit == px)
            return expiry_from_relative(*n, expire_unit == px, command, now_ms, out);
        constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
        if (*n <= 0 || (expire_unit == exat && *n > kMax / 1000)) return invalid_expire(command);
        out.expiry = store::ExpiryMode::at;
        out.expire_at_ms = expire_unit == exat ? *n * 1000 : *n;
    }
    return std::nullopt;
}

}  // namespace larder::server
