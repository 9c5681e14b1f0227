// Applying a JSON config document: strict (unknown keys, duplicate keys and bad values are
// one-line errors naming the key), comments allowed, option names case-insensitive.
#include <set>
#include <vector>

#include "src/base/ascii.h"
#include "src/config/loading.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder {
namespace config_internal {

using nlohmann::json;

std::optional<std::string> apply_json(Config& config, std::string_view text,
                                      const std::string& prefix) {
    // nlohmann keeps the last of duplicate keys silently; a config file that says maxmemory
    // twice is a mistake worth reporting. One key set per open object.
    std::vector<std::set<std::string>> open_objects;
    std::string duplicate;
    bool duplicate_at_top = false;
    json::parser_callback_t watch = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) open_objects.emplace_back();
        if (event == json::parse_event_t::object_end && !open_objects.empty())
            open_objects.pop_back();
        if (event == json::parse_event_t::key && !open_objects.empty() && duplicate.empty()) {
            std::string key = parsed.get<std::string>();
            bool top = open_objects.size() == 1;
            if (top) key = base::to_lower(key);  // option names are case-insensitive
            if (!open_objects.back().insert(key).second) {
                duplicate = parsed.get<std::string>();
                duplicate_at_top = top;
            }
        }
        return true;
    };
    json document;
    try {
        document = json::parse(text, watch, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        // what() is "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
        std::string message = e.what();
        if (size_t close = message.find("] "); close != std::string::npos)
            message.erase(0, close + 2);
        return prefix + "invalid JSON: " + message;
    }
    if (!document.is_object()) {
        return prefix + "expected a JSON object of option names to values, got " +
               std::string(document.type_name());
    }
    if (!duplicate.empty()) {
        if (duplicate_at_top)
            return prefix + "option " + single_quote(duplicate) + " is given twice";
        return prefix + "key " + single_quote(duplicate) + " is given twice in one object";
    }
    for (const auto& [key, value] : document.items()) {
        const OptionSpec* spec = find_option(key);
        if (spec == nullptr)
            return prefix + "unknown option " + single_quote(key) + suggestion(key, "");
        if (auto error = assign_json(config, *spec, value)) return prefix + describe(*spec, *error);
    }
    return std::nullopt;
}

}  // namespace config_internal

LoadResult load_config_from_json(std::string_view json_text, Config base) {
    using namespace config_internal;
    LoadResult result;
    result.config = std::move(base);
    if (auto error = apply_json(result.config, json_text, "config: "))
        return fail(std::move(result), *error);
    if (auto error = final_checks(result.config)) return fail(std::move(result), *error);
    result.ok = true;
    return result;
}

}  // namespace larder
