#include "src/server/memcache_state.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "src/base/log.h"

namespace larder::server::memcache_ops {

std::shared_ptr<ConnRegistry::Conn> ConnRegistry::add(std::string peer, int64_t now_ms) {
    auto conn = std::make_shared<Conn>();
    conn->peer = std::move(peer);
    conn->last_command_ms.store(now_ms, std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    conn->id = next_id_++;
    conns_.emplace(conn->id, conn);
    return conn;
}

void ConnRegistry::remove(uint64_t id) {
    std::lock_guard lock(mutex_);
    conns_.erase(id);
}

std::vector<ConnRegistry::Snapshot> ConnRegistry::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<Snapshot> out;
    out.reserve(conns_.size());
    for (const auto& [id, c] : conns_) {
        out.push_back({id, c->peer, c->last_command_ms.load(std::memory_order_relaxed)});
    }
    return out;
}

void PrefixStats::record(std::string_view key, Op op) {
    size_t colon = key.find(':');
    std::string_view prefix = colon == std::string_view::npos ? key : key.substr(0, colon);
    std::lock_guard lock(mutex_);
    auto it = prefixes_.find(prefix);
    if (it == prefixes_.end()) it = prefixes_.emplace(std::string(prefix), Counts{}).first;
    Counts& c = it->second;
    switch (op) {
        case Op::get_hit:
            ++c.get;
            ++c.hit;
            break;
        case Op::get_miss:
            ++c.get;
            break;
        case Op::set:
            ++c.set;
            break;
        case Op::del:
            ++c.del;
            break;
    }
}

std::string PrefixStats::dump() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [prefix, c] : prefixes_) {
        out += "PREFIX ";
        out += prefix;
        for (auto [name, n] : {std::pair{" get ", c.get}, std::pair{" hit ", c.hit},
                               std::pair{" set ", c.set}, std::pair{" del ", c.del}}) {
            out += name;
            out += std::to_string(n);
        }
        out += "\r\n";
    }
    out += "END\r\n";
    return out;
}

void PrefixStats::clear() {
    std::lock_guard lock(mutex_);
    prefixes_.clear();
}

void AuthTable::load(const std::string& path) {
    std::vector<std::pair<std::string, std::string>> users;
    std::ifstream in(path);
    if (!in) {
        log::warning("memcache-auth-file: cannot read " + path +
                     "; every memcached login will fail");
    } else {
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            size_t colon = line.find(':');
            if (colon == std::string::npos || colon == 0) continue;
            users.emplace_back(line.substr(0, colon), line.substr(colon + 1));
        }
        if (users.empty()) log::warning("memcache-auth-file: no user:password lines in " + path);
    }
    std::lock_guard lock(mutex_);
    users_ = std::move(users);
}

namespace {

// Compares without stopping at the first differing byte, so the time taken does not tell
// an attacker how much of a guessed password was right.
bool same_secret(std::string_view a, std::string_view b) {
    unsigned diff = a.size() != b.size();
    size_t n = std::max(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        unsigned x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        unsigned y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}

}  // namespace

bool AuthTable::check(std::string_view user, std::string_view password) const {
    std::lock_guard lock(mutex_);
    bool ok = false;
    for (const auto& [u, p] : users_) {
        if (u == user && same_secret(password, p)) ok = true;
    }
    return ok;
}

StatsTotals MemcacheShared::baseline() const {
    std::lock_guard lock(baseline_mutex_);
    return baseline_;
}

void MemcacheShared::reset_baseline(const StatsTotals& now) {
    std::lock_guard lock(baseline_mutex_);
    baseline_ = now;
}

}  // namespace larder::server::memcache_ops
