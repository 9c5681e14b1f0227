#include "store/types.h"

#include <iterator>

namespace larder::store {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::ok:
            return "ok";
        case Status::not_found:
            return "not_found";
        case Status::exists:
            return "exists";
        case Status::not_stored:
            return "not_stored";
        case Status::not_a_number:
            return "not_a_number";
        case Status::overflow:
            return "overflow";
        case Status::wrong_type:
            return "wrong_type";
        case Status::out_of_memory:
            return "out_of_memory";
        case Status::too_large:
            return "too_large";
    }
    return "unknown";
}

std::string_view to_string(ValueType type) {
    switch (type) {
        case ValueType::string:
            return "string";
        case ValueType::hash:
            return "hash";
        case ValueType::list:
            return "list";
        case ValueType::set:
            return "set";
        case ValueType::zset:
            return "zset";
    }
    return "unknown";
}

namespace {

constexpr std::string_view kPolicyNames[] = {
    "noeviction",   "allkeys-lru",  "allkeys-lfu",     "allkeys-random",
    "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(EvictionPolicy policy) {
    const auto i = static_cast<size_t>(policy);
    return i < std::size(kPolicyNames) ? kPolicyNames[i] : "unknown";
}

std::optional<EvictionPolicy> parse_eviction_policy(std::string_view name) {
    for (size_t i = 0; i < std::size(kPolicyNames); ++i) {
        if (equals_ignoring_case(name, kPolicyNames[i])) return static_cast<EvictionPolicy>(i);
    }
    return std::nullopt;
}

}  // namespace larder::store
