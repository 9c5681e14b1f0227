// memcached's text tokenizing, shared by the classic and the meta line readers: tokens are
// split on ' ' only (tabs and every other byte belong to tokens), and memcached looks at no
// more than kMaxTokens of them.
#pragma once

#include <cstddef>
#include <string_view>

namespace larder::memcache {

// memcached tokenizes at most this many tokens; the rest of a longer line is left unread
// (multigets go on reading it in further rounds), so arity sees at most this count.
inline constexpr size_t kMaxTokens = 23;

class Tokenizer {
  public:
    explicit Tokenizer(std::string_view s) : rest_(s) {}
    // The next token, or an empty view when none is left.
    std::string_view next() {
        size_t b = rest_.find_first_not_of(' ');
        if (b == std::string_view::npos) {
            rest_ = {};
            return {};
        }
        size_t e = rest_.find(' ', b);
        if (e == std::string_view::npos) e = rest_.size();
        std::string_view tok = rest_.substr(b, e - b);
        rest_.remove_prefix(e);
        return tok;
    }

  private:
    std::string_view rest_;
};

}  // namespace larder::memcache
