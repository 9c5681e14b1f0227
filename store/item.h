// How a shard holds one key's value and metadata, for now: a plain struct in a standard
// hash map. A later change replaces it with compact single-allocation items; only the
// shard and the store's .cc files see this type.
#pragma once

#include <cstdint>
#include <string>

#include "store/types.h"

namespace larder::store {

struct Item {
    std::string value;
    uint64_t cas = 0;
    int64_t expire_at_ms = 0;  // 0 = none
    int64_t written_ms = 0;    // last write of value or flags; a delayed flush compares it
    uint32_t flags = 0;
    ValueType type = ValueType::string;
};

}  // namespace larder::store
