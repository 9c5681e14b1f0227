// The "listeners" option: parsing its JSON array, printing it back, and the listeners the
// server opens when it is empty.
#include "src/base/ascii.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder {
namespace {
using Protocol = ListenerConfig::Protocol;
}  // namespace

namespace config_internal {
namespace {

using nlohmann::json;

std::optional<ValueError> listener_error(size_t index, std::string message) {
    return refuse_listeners("entry " + std::to_string(index) + ": " + message);
}

// One key of one entry; each returns the message after "entry N: ", or nullopt when stored.
std::optional<std::string> parse_port(const json& field, ListenerConfig& listener) {
    int64_t port = 0;
    std::string text = field.is_string() ? field.get<std::string>() : render(field);
    NumberParse parsed = parse_integer_text(text, port);
    if ((!field.is_number_integer() && !field.is_string()) || parsed == NumberParse::malformed) {
        return "'port' expects an integer, got " + render(field);
    }
    if (parsed != NumberParse::ok || port < 1 || port > 65535) {
        return "'port' must be between 1 and 65535, got " + text;
    }
    listener.port = static_cast<int>(port);
    return std::nullopt;
}

std::optional<std::string> parse_bind(const json& field, ListenerConfig& listener) {
    if (!field.is_string() || field.get<std::string>().empty()) {
        return "'bind' expects an address, got " + render(field);
    }
    listener.bind = field.get<std::string>();
    return std::nullopt;
}

std::optional<std::string> parse_protocol(const json& field, ListenerConfig& listener) {
    constexpr Protocol kAll[] = {Protocol::auto_resp, Protocol::auto_memcache, Protocol::resp,
                                 Protocol::memcache};
    for (Protocol p : kAll) {
        if (field.is_string() && base::equals_ci(field.get<std::string>(), protocol_name(p))) {
            listener.protocol = p;
            return std::nullopt;
        }
    }
    return "'protocol' must be one of auto-resp, auto-memcache, resp, memcache; got " +
           render(field);
}

// Whether TLS is available is not this function's business: it records what was asked for,
// and the load-time checks (unavailable.cc) refuse it.
std::optional<std::string> parse_tls(const json& field, ListenerConfig& listener) {
    std::optional<bool> tls;
    if (field.is_boolean()) tls = field.get<bool>();
    if (field.is_string()) tls = parse_bool(field.get<std::string>());
    if (!tls) return "'tls' expects yes or no, got " + render(field);
    listener.tls = *tls;
    return std::nullopt;
}

}  // namespace

std::optional<ValueError> parse_listeners(const json& value, std::vector<ListenerConfig>& out) {
    if (!value.is_array()) {
        return refuse_listeners("expects a JSON array of listener objects, got " + render(value));
    }
    std::vector<ListenerConfig> result;
    for (size_t i = 0; i < value.size(); ++i) {
        const json& entry = value[i];
        if (!entry.is_object()) return listener_error(i, "expects an object, got " + render(entry));
        ListenerConfig listener;
        bool has_port = false;
        for (const auto& [key, field] : entry.items()) {
            std::optional<std::string> error;
            if (key == "port") {
                error = parse_port(field, listener);
                has_port = true;
            } else if (key == "bind") {
                error = parse_bind(field, listener);
            } else if (key == "protocol") {
                error = parse_protocol(field, listener);
            } else if (key == "tls") {
                error = parse_tls(field, listener);
            } else {
                error = "unknown key " + single_quote(key) + " (keys: port, bind, protocol, tls)";
            }
            if (error) return listener_error(i, std::move(*error));
        }
        if (!has_port) return listener_error(i, "needs a 'port'");
        result.push_back(std::move(listener));
    }
    out = std::move(result);
    return std::nullopt;
}

std::string listeners_json(const std::vector<ListenerConfig>& listeners) {
    json array = json::array();
    for (const ListenerConfig& l : listeners) {
        array.push_back({{"bind", l.bind},
                         {"port", l.port},
                         {"protocol", protocol_name(l.protocol)},
                         {"tls", l.tls}});
    }
    return render(array);
}

}  // namespace config_internal

std::string_view protocol_name(ListenerConfig::Protocol protocol) {
    switch (protocol) {
        case Protocol::auto_resp:
            return "auto-resp";
        case Protocol::auto_memcache:
            return "auto-memcache";
        case Protocol::resp:
            return "resp";
        case Protocol::memcache:
            return "memcache";
    }
    return "?";
}

std::vector<ListenerConfig> effective_listeners(const Config& config) {
    if (!config.listeners.empty()) return config.listeners;
    std::vector<ListenerConfig> out;
    if (config.port != 0) {
        out.push_back({config.bind, config.port, Protocol::auto_resp, false});
    }
    if (config.memcache_port != 0) {
        out.push_back({config.bind, config.memcache_port, Protocol::auto_memcache, false});
    }
    return out;
}

}  // namespace larder
