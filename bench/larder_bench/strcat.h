// String concatenation by appending. GCC 12 at -O2 raises a false -Wrestrict on
// `"literal" + std::string&&`, so this tool never builds strings that way.
#pragma once

#include <string>
#include <string_view>

namespace larder_bench {

template <class... A>
std::string cat(const A&... a) {
  std::string s;
  (s.append(std::string_view(a)), ...);
  return s;
}

}  // namespace larder_bench
