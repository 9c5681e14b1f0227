// Applying redis.conf directives onto a Config: options by name with Redis's value syntax,
// bind's address list, the judged directives (redis_directives.cc), and the one warning line
// for everything else.
#include <algorithm>

#include "src/config/dropin.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder::config_internal {
namespace {

// The directive as the user wrote it, for messages; a `user` line may hold passwords, so
// only its name is shown.
std::string shown(const std::vector<std::string>& args) {
    std::string out = args[0];
    if (args[0] == "user") return out;
    for (size_t i = 1; i < args.size(); ++i) {
        bool plain = !args[i].empty() && args[i].find_first_of(" \t\"'\\") == std::string::npos;
        out += " " + (plain ? args[i] : quote(args[i]));
    }
    return out;
}

// Redis's wildcards onto the addresses they stand for.
std::string address(std::string_view text) {
    if (text == "*") return "0.0.0.0";
    if (text == "::*") return "::";
    return std::string(text);
}

// bind A [B ...]: Larder binds one address per port. Redis's "-ADDR" is optional (skipped
// when unavailable), so dropping an optional one is within Redis's own meaning and is only
// noted; two required addresses are refused.
void apply_bind(Config& config, const Directive& d, bool strict, RedisConfOutcome& out) {
    std::string prefix = "config: " + d.where + ": ";
    std::vector<std::string> required, optional;
    for (size_t i = 1; i < d.args.size(); ++i) {
        const std::string& a = d.args[i];
        if (a.starts_with("-") && a.size() > 1)
            optional.push_back(address(std::string_view(a).substr(1)));
        else
            required.push_back(address(a));
    }
    if (required.empty() && optional.empty()) {
        out.errors.push_back(prefix + "bind needs an address");
        return;
    }
    if (required.size() > 1) {
        out.errors.push_back(prefix + shown(d.args) +
                             ": Larder binds one address per port; keep one, or use the "
                             "'listeners' option for several");
        return;
    }
    std::string chosen = required.empty() ? optional.front() : required.front();
    if (auto error = assign_text(config, *find_option("bind"), chosen)) {
        out.errors.push_back(prefix + describe(*find_option("bind"), *error));
        return;
    }
    std::string dropped;
    for (const std::string& a : optional) {
        if (a != chosen) dropped += (dropped.empty() ? "" : ", ") + a;
    }
    if (dropped.empty()) return;
    std::string note = prefix + "bind: not binding the optional address(es) " + dropped +
                       " (Larder binds one address per port: " + chosen + ")";
    (strict ? out.errors : out.warnings).push_back(std::move(note));
}

// Whether a later directive has the same name.
bool superseded(const std::vector<Directive>& directives, size_t index) {
    for (size_t j = index + 1; j < directives.size(); ++j) {
        if (directives[j].args[0] == directives[index].args[0]) return true;
    }
    return false;
}

}  // namespace

RedisConfOutcome apply_redis_conf(Config& config, const std::vector<Directive>& directives,
                                  std::string_view file, bool strict, DropinChecks& checks) {
    RedisConfOutcome out;
    std::vector<std::string> ignored;  // distinct names, in order of first appearance
    for (size_t i = 0; i < directives.size(); ++i) {
        const Directive& d = directives[i];
        const std::string& name = d.args[0];
        std::string prefix = "config: " + d.where + ": ";
        // Only the last bind and the last of each judged directive count, as in Redis (the
        // command line's `--daemonize no` after the file's `daemonize yes`); rename-command
        // and user lines add up, so each one is judged.
        if ((name == "bind" || known_directive(name)) && name != "rename-command" &&
            name != "user" && superseded(directives, i))
            continue;
        if (name == "bind") {
            apply_bind(config, d, strict, out);
            continue;
        }
        if (const OptionSpec* spec = find_option(name)) {
            if (d.args.size() != 2) {
                out.errors.push_back(prefix + "'" + name + "' takes one argument, got " +
                                     std::to_string(d.args.size() - 1));
            } else if (auto error = assign_text(config, *spec, d.args[1])) {
                out.errors.push_back(prefix + describe(*spec, *error));
            }
            continue;
        }
        std::string reason;
        switch (judge_directive(d.args, reason)) {
            case DirectiveVerdict::honoured:
                if (name == "protected-mode")  // the last one wins, as for every directive
                    checks.protected_mode = parse_bool(d.args[1]).value_or(false) ? d.where : "";
                break;
            case DirectiveVerdict::refused:
                out.errors.push_back(prefix + shown(d.args) + ": " + reason);
                break;
            case DirectiveVerdict::not_listed:
                if (std::find(ignored.begin(), ignored.end(), name) == ignored.end())
                    ignored.push_back(name);
                break;
        }
    }
    if (!ignored.empty()) {
        std::string names;
        for (const std::string& n : ignored) names += (names.empty() ? "" : ", ") + n;
        std::string count =
            std::to_string(ignored.size()) + (ignored.size() == 1 ? " directive" : " directives");
        if (strict)
            out.errors.push_back("config: " + std::string(file) + ": --strict-config: refusing " +
                                 count + " Larder does not implement: " + names);
        else
            out.warnings.push_back("config: " + std::string(file) + ": ignored " + count +
                                   " Larder does not implement: " + names);
    }
    return out;
}

}  // namespace larder::config_internal
