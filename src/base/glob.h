// Redis's glob matching (stringmatchlen), the one matcher for KEYS, SCAN MATCH, PSUBSCRIBE,
// CONFIG GET and ACL key patterns: `*` any run, `?` one byte, `[abc]`, `[^a]`, `[a-z]`
// (reversed ranges allowed), `\x` escapes (also inside brackets); an unterminated `[` set runs
// to the end of the pattern. Bytes are compared exactly unless `nocase` (ASCII folding).
#pragma once

#include <string_view>

namespace larder::base {

// Iterative with one backtrack point, so no pattern makes it exponential.
bool glob_match(std::string_view pattern, std::string_view text, bool nocase = false);

}  // namespace larder::base
