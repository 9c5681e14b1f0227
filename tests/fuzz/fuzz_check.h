// Shared by the memcached fuzz targets: an always-on assertion (fuzz builds may define
// NDEBUG) and the record of one parse step that whole, split and byte-by-byte feeding must
// agree on.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "protocols/memcache/parse_result.h"

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (0)

namespace larder::memcache::fuzz {

struct Event {
    ParseStatus status;
    size_t consumed;  // errors include the swallow that follows them
    std::string reply, request;
    bool close, invalidate;
    bool operator==(const Event&) const = default;
};

}  // namespace larder::memcache::fuzz
