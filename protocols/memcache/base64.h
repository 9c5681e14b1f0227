// Base64 for meta-protocol binary keys (the `b` flag), with memcached 1.6's decoding rules:
// bytes outside the alphabet are skipped, the alphabet characters (padding included) must
// come in whole groups of four, and decoding stops after the first group with padding.
// Clients depend on which keys memcached accepts, so Larder accepts exactly those.
#pragma once

#include <string>
#include <string_view>

namespace larder::memcache {

// Replaces `out` with the decoded bytes; false (out unspecified) when memcached would
// refuse the key: no complete group, a group of three padding characters, or no bytes.
bool base64_decode(std::string_view in, std::string& out);

// Appends the standard, padded encoding of `in` to `out`.
void base64_encode(std::string_view in, std::string& out);

}  // namespace larder::memcache
