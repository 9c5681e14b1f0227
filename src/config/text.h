// How the config room writes user input and JSON into one-line messages. Internal to
// src/config/.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace larder::config_internal {

// JSON-style quoting ("abc", control bytes escaped), so a refused value stays on one line.
std::string quote(std::string_view text);

// 'text' with the same escaping, for names that may hold anything (config-file keys).
std::string single_quote(std::string_view text);

// Compact JSON; invalid UTF-8 is replaced rather than thrown on.
std::string render(const nlohmann::json& value);

// items joined by sep.
std::string join(std::span<const std::string_view> items, std::string_view sep);

}  // namespace larder::config_internal
