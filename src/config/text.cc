#include "src/config/text.h"

namespace larder::config_internal {

using nlohmann::json;

std::string quote(std::string_view text) {
    return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string single_quote(std::string_view text) {
    std::string out = quote(text);
    out.front() = '\'';
    out.back() = '\'';
    return out;
}

std::string render(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string join(std::span<const std::string_view> items, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += sep;
        out += items[i];
    }
    return out;
}

}  // namespace larder::config_internal
