#include "protocols/memcache/base64.h"

#include <array>
#include <cstdint>

namespace larder::memcache {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t kSkip = 0xff;

// Six-bit value of each byte; '=' decodes as 0 (its count says how much output to drop).
constexpr std::array<uint8_t, 256> make_table() {
    std::array<uint8_t, 256> t{};
    for (auto& v : t) v = kSkip;
    for (size_t i = 0; i < kAlphabet.size(); ++i)
        t[static_cast<uint8_t>(kAlphabet[i])] = uint8_t(i);
    t['='] = 0;
    return t;
}
constexpr std::array<uint8_t, 256> kTable = make_table();

}  // namespace

bool base64_decode(std::string_view in, std::string& out) {
    size_t symbols = 0;
    for (char c : in) symbols += kTable[static_cast<uint8_t>(c)] != kSkip;
    if (symbols == 0 || symbols % 4 != 0) return false;

    out.clear();
    uint8_t group[4];
    size_t n = 0;
    int padding = 0;
    for (char c : in) {
        uint8_t v = kTable[static_cast<uint8_t>(c)];
        if (v == kSkip) continue;
        if (c == '=') ++padding;
        group[n++] = v;
        if (n < 4) continue;
        n = 0;
        if (padding > 2) return false;
        const char bytes[3] = {static_cast<char>(group[0] << 2 | group[1] >> 4),
                               static_cast<char>(group[1] << 4 | group[2] >> 2),
                               static_cast<char>(group[2] << 6 | group[3])};
        out.append(bytes, 3 - static_cast<size_t>(padding));
        // A padded group ends the input, wherever its '=' characters were.
        if (padding != 0) break;
    }
    return !out.empty();
}

void base64_encode(std::string_view in, std::string& out) {
    size_t i = 0;
    auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(in[k])); };
    for (; i + 3 <= in.size(); i += 3) {
        uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        out.push_back(kAlphabet[v >> 18 & 63]);
        out.push_back(kAlphabet[v >> 12 & 63]);
        out.push_back(kAlphabet[v >> 6 & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    size_t rest = in.size() - i;
    if (rest == 0) return;
    uint32_t v = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    out.push_back(rest == 2 ? kAlphabet[v >> 6 & 63] : '=');
    out.push_back('=');
}

}  // namespace larder::memcache
