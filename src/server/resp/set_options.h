// Option parsing shared by RESP commands that take expiry and condition flags (SET, SETEX,
// GETEX). Returns the Redis error text on failure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/store.h"

namespace larder::server {

struct SetArgs {
    store::SetCondition condition = store::SetCondition::always;
    store::ExpiryMode expiry = store::ExpiryMode::clear;
    int64_t expire_at_ms = 0;
    bool get = false;
};

// Parses SET's options (after key and value) as Redis 7.0 does.
std::optional<std::string> parse_set_args(std::span<const std::string_view> opts,
                                          std::string_view command, int64_t now_ms, SetArgs& out);

// Parses GETEX's options: one of EX/PX/EXAT/PXAT <n> or PERSIST. Without any, the expiry
// mode is keep.
std::optional<std::string> parse_getex_args(std::span<const std::string_view> opts, int64_t now_ms,
                                            SetArgs& out);

// A relative expiry (EX/PX, SETEX/PSETEX) checked like Redis: positive and not overflowing.
std::optional<std::string> expiry_from_relative(int64_t amount, bool millis,
                                                std::string_view command, int64_t now_ms,
                                                SetArgs& out);

}  // namespace larder::server
