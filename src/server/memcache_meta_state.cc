#include "src/server/memcache_meta_state.h"

namespace larder::server::memcache_ops {

MetaStateTable::Locked MetaStateTable::lock(std::string_view key) {
    return Locked(*this, stripes_[KeyHash{}(key) % kStripes], key);
}

MetaBits MetaStateTable::Locked::get(uint64_t cas) const {
    auto it = stripe_.entries.find(key_);
    if (it == stripe_.entries.end() || it->second.cas != cas) return {};
    return it->second.bits;
}

void MetaStateTable::Locked::put(uint64_t cas, MetaBits bits) {
    if (!bits.stale && !bits.win_sent) return erase();
    auto [it, inserted] = stripe_.entries.try_emplace(std::string(key_));
    it->second = Entry{cas, bits};
    if (!inserted) return;
    table_.size_.fetch_add(1, std::memory_order_release);
    if (stripe_.entries.size() > kMaxEntriesPerStripe) {
        auto victim = stripe_.entries.begin();
        if (victim == it) ++victim;
        stripe_.entries.erase(victim);
        table_.size_.fetch_sub(1, std::memory_order_release);
    }
}

void MetaStateTable::Locked::erase() {
    auto it = stripe_.entries.find(key_);
    if (it == stripe_.entries.end()) return;
    stripe_.entries.erase(it);
    table_.size_.fetch_sub(1, std::memory_order_release);
}

}  // namespace larder::server::memcache_ops
