// What a meta command (mg, ms, md, ma, me, mn) asked for, as parsed from its line: the key
// (decoded when sent in base64), every flag in the order sent (return flags are answered in
// that order), and the typed values of the flags that carry one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace larder::memcache {

// memcached refuses a meta line of 20 tokens or more, so no request has more flags.
inline constexpr size_t kMaxMetaFlags = 20;
// memcached's limit on an opaque (O) token, the 'O' included.
inline constexpr size_t kMaxOpaqueLen = 32;

// One flag as sent: its letter and what follows it in the token ("O123" is 'O', "123").
struct MetaFlag {
    char flag = 0;
    std::string_view token;
};

struct MetaRequest {
    // The key to look up. With `binary_key` it views key_bytes (the decoded base64); else
    // the request line. Valid while the TextRequest holding it is neither moved nor copied.
    std::string_view key;
    std::string key_bytes;
    bool binary_key = false;  // b

    std::array<MetaFlag, kMaxMetaFlags> flag_storage{};
    size_t flag_count = 0;

    bool value = false;                   // v: return the value
    bool quiet = false;                   // q: suppress the nominal reply
    bool no_bump = false;                 // u: do not count as an access
    bool invalidate = false;              // I
    std::optional<int32_t> ttl;           // T: new TTL (memcached exptime rules)
    std::optional<int32_t> vivify_ttl;    // N: create on miss with this TTL
    std::optional<int32_t> recache_ttl;   // R: win the recache below this TTL
    std::optional<uint64_t> compare_cas;  // C
    uint32_t client_flags = 0;            // F (ms)
    char mode = 0;                        // M: the mode letter, 0 if none
    uint64_t delta = 1;                   // D (ma)
    uint64_t initial = 0;                 // J (ma)

    std::span<const MetaFlag> flags() const { return {flag_storage.data(), flag_count}; }
    bool has(char flag) const {
        for (const MetaFlag& f : flags())
            if (f.flag == flag) return true;
        return false;
    }
    void clear();
};

}  // namespace larder::memcache
