// redis.conf directives that are not Larder options but must not be passed over in silence:
// each is honoured when its value asks for what Larder does anyway, and refused otherwise
// (failing closed, DESIGN.md section 7: a directive that promises a protection, a limit or a
// process behaviour Larder cannot give stops the start). Every other unknown directive only
// tunes Redis internals and is listed in the warning line.
#include <algorithm>
#include <array>
#include <span>

#include "src/base/ascii.h"
#include "src/config/dropin.h"

namespace larder::config_internal {
namespace {

constexpr std::string_view kTls =
    "TLS is not available in this build yet; refusing a TLS setting that would not be used";
constexpr std::string_view kAcl =
    "ACL users are not available yet; refusing access rules that would not be enforced";

struct Rule {
    std::string_view name;
    std::array<std::string_view, 3> inert;  // values that ask for nothing (case-insensitive)
    size_t inert_count;                     // how many of `inert` are used
    std::string_view reason;
};

constexpr Rule kRules[] = {
    {"daemonize",
     {"no"},
     1,
     "Larder does not daemonize; it runs in the foreground (systemd supervises it); set "
     "daemonize no"},
    // Larder notifies systemd when NOTIFY_SOCKET is set (larder-server.service is Type=notify).
    {"supervised",
     {"no", "auto", "systemd"},
     3,
     "Larder notifies systemd only; use supervised systemd, auto or no"},
    {"pidfile",
     {""},
     1,
     "Larder does not write a pid file (systemd tracks the process); remove the line"},
    {"logfile",
     {""},
     1,
     "Larder logs to stderr only (journald under systemd); set logfile \"\" or remove the line"},
    {"unixsocket",
     {""},
     1,
     "Larder does not listen on Unix sockets; clients must connect over TCP (port)"},
    {"timeout", {"0"}, 1, "Larder does not close idle clients; set timeout 0"},
    {"tls-port", {"0"}, 1, kTls},
    {"rename-command",
     {},
     0,
     "Larder cannot rename or disable commands; refusing a restriction it would not apply"},
    {"user", {}, 0, kAcl},
    {"aclfile", {""}, 1, kAcl},
    {"replicaof",
     {},
     0,
     "Larder does not replicate; refusing to serve as a primary what is configured as a replica"},
    {"slaveof",
     {},
     0,
     "Larder does not replicate; refusing to serve as a primary what is configured as a replica"},
};

const Rule* find_rule(std::string_view name) {
    for (const Rule& rule : kRules) {
        if (rule.name == name) return &rule;
    }
    return nullptr;
}

}  // namespace

bool known_directive(std::string_view name) {
    return find_rule(name) != nullptr || name == "protected-mode" || name.starts_with("tls-");
}

DirectiveVerdict judge_directive(const std::vector<std::string>& args, std::string& reason) {
    std::string_view name = args[0];
    if (name == "protected-mode") {
        // yes: Larder has no protected mode, but the promise (no password → loopback clients
        // only) holds when every listener binds a loopback address; dropin_final_checks
        // checks that on the final values.
        std::optional<bool> value = args.size() == 2 ? parse_bool(args[1]) : std::nullopt;
        if (value) return DirectiveVerdict::honoured;
        reason = "expects yes or no";
        return DirectiveVerdict::refused;
    }
    const Rule* rule = find_rule(name);
    if (rule == nullptr && name.starts_with("tls-")) {
        reason = kTls;
        return DirectiveVerdict::refused;
    }
    if (rule == nullptr) return DirectiveVerdict::not_listed;
    if (args.size() == 2) {
        auto inert = std::span(rule->inert).first(rule->inert_count);
        if (std::any_of(inert.begin(), inert.end(),
                        [&](std::string_view v) { return base::equals_ci(v, args[1]); }))
            return DirectiveVerdict::honoured;
    }
    reason = rule->reason;
    return DirectiveVerdict::refused;
}

}  // namespace larder::config_internal
