// Builds "prefix<N>" keys for the store's tests. Spelled as an append because GCC 12 at -O2
// raises a false -Wrestrict on `"literal" + std::to_string(n)` (GCC bug 105329).
#pragma once

#include <string>
#include <string_view>

namespace larder::store::testing {

template <class Integer>
std::string numbered(std::string_view prefix, Integer n) {
    std::string key(prefix);
    key += std::to_string(n);
    return key;
}

}  // namespace larder::store::testing
