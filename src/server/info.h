// The server's counters rendered for RESP INFO, and the version strings both protocols
// report. memcached `stats` (memcache_stats.h) reads the same totals, so the two protocols
// never disagree about a number.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/server/context.h"

namespace larder::server {

// The Redis version Larder's RESP side is compatible with; clients read it from INFO/HELLO.
inline constexpr std::string_view kRedisCompatVersion = "7.0.15";
// What memcached clients see in `version`: the memcached release whose protocol we follow.
inline constexpr std::string_view kMemcachedCompatVersion = "1.6.21";

// INFO [section ...]: "default"/"all"/"everything" or section names, case-insensitive.
std::string render_info(ServerContext& ctx, std::span<const std::string_view> sections);

}  // namespace larder::server
