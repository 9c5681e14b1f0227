#include "src/base/glob.h"

#include <utility>

#include "src/base/ascii.h"

namespace larder::base {

namespace {

// One non-star pattern element at pattern[p] against c; sets `next` past the element.
// Follows Redis's stringmatchlen, including its handling of odd brackets.
bool match_one(std::string_view pattern, size_t p, char c, bool nocase, size_t& next) {
    auto fold = [nocase](char x) { return nocase ? ascii_lower(x) : x; };
    const size_t n = pattern.size();
    switch (pattern[p]) {
        case '?':
            next = p + 1;
            return true;
        case '[': {
            size_t i = p + 1;
            bool negate = i < n && pattern[i] == '^';
            if (negate) ++i;
            bool match = false;
            while (true) {
                if (i + 1 < n && pattern[i] == '\\') {
                    if (fold(pattern[i + 1]) == fold(c)) match = true;
                    i += 2;
                } else if (i < n && pattern[i] == ']') {
                    ++i;
                    break;
                } else if (i >= n) {
                    break;  // unterminated: the set runs to the end of the pattern
                } else if (i + 2 < n && pattern[i + 1] == '-') {
                    unsigned char start = pattern[i], end = pattern[i + 2];
                    if (start > end) std::swap(start, end);
                    unsigned char low = static_cast<unsigned char>(fold(start));
                    unsigned char high = static_cast<unsigned char>(fold(end));
                    unsigned char ch = static_cast<unsigned char>(fold(c));
                    if (ch >= low && ch <= high) match = true;
                    i += 3;
                } else {
                    if (fold(pattern[i]) == fold(c)) match = true;
                    ++i;
                }
            }
            next = i;
            return negate ? !match : match;
        }
        case '\\':
            if (p + 1 < n) {
                next = p + 2;
                return fold(pattern[p + 1]) == fold(c);
            }
            next = p + 1;
            return c == '\\';
        default:
            next = p + 1;
            return fold(pattern[p]) == fold(c);
    }
}

}  // namespace

// Iterative with one backtrack point (the last star), so no pattern can make it exponential.
bool glob_match(std::string_view pattern, std::string_view text, bool nocase) {
    const size_t n = pattern.size();
    size_t p = 0, t = 0;
    size_t star_p = std::string_view::npos, star_t = 0;
    while (t < text.size()) {
        if (p < n && pattern[p] == '*') {
            while (p < n && pattern[p] == '*') ++p;
            if (p == n) return true;
            star_p = p;
            star_t = t;
            continue;
        }
        size_t next = 0;
        if (p < n && match_one(pattern, p, text[t], nocase, next)) {
            p = next;
            ++t;
            continue;
        }
        if (star_p == std::string_view::npos) return false;
        p = star_p;
        t = ++star_t;
    }
    while (p < n && pattern[p] == '*') ++p;
    return p == n;
}

}  // namespace larder::base
