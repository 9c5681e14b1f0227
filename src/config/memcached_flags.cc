// memcached's single-letter flags with memcached's meanings (docs/configuration.md, "Drop-in").
// Letters whose meaning and syntax already match an option (-t, -c, -b, -p, -Y) stay in the
// option table; this file handles the ones that need translating or refusing.
#include <pwd.h>
#include <unistd.h>

#include "src/base/ascii.h"
#include "src/config/dropin.h"
#include "src/config/text.h"
#include "src/config/values.h"

namespace larder::config_internal {
namespace {

constexpr uint64_t kMiB = 1024 * 1024;

// Letters that take a value (the others handled here are bare switches).
constexpr std::string_view kWithValue = "mUluPRBoI";
constexpr std::string_view kBare = "dMCSv";

std::optional<uint64_t> digits_times(std::string_view digits, uint64_t unit) {
    int64_t n = 0;
    if (digits.empty() || digits[0] == '-' || parse_integer_text(digits, n) != NumberParse::ok)
        return std::nullopt;
    uint64_t value = static_cast<uint64_t>(n);
    if (value > UINT64_MAX / unit) return std::nullopt;
    return value * unit;
}

// memcached's -m: megabytes, or a number with k, m or g (binary units, any case).
std::optional<uint64_t> parse_megabytes(std::string_view text) {
    if (text.empty()) return std::nullopt;
    switch (base::ascii_lower(text.back())) {
        case 'k':
            return digits_times(text.substr(0, text.size() - 1), 1024);
        case 'm':
            return digits_times(text.substr(0, text.size() - 1), kMiB);
        case 'g':
            return digits_times(text.substr(0, text.size() - 1), 1024 * kMiB);
        default:
            return digits_times(text, kMiB);
    }
}

std::string current_user() {
    const passwd* pw = getpwuid(geteuid());
    return pw != nullptr && pw->pw_name != nullptr ? pw->pw_name : "";
}

void add(std::vector<Override>& out, std::string_view option, std::string value) {
    out.push_back({find_option(option), std::move(value)});
}

// The -o suboptions as memcached spells them (a=b,c), by name only.
std::string suboption_names(std::string_view list) {
    std::string names;
    while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        item = item.substr(0, item.find('='));
        if (!item.empty()) names += (names.empty() ? "" : ", ") + std::string(item);
        list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    }
    return names;
}

// One flag with its value (empty for bare switches): the overrides it stands for, or the
// refusal after "config: ".
std::optional<std::string> translate(char flag, std::string_view arg, const std::string& value,
                                     std::vector<Override>& out, DropinChecks& checks) {
    std::string shown = value.empty() ? std::string(arg) : std::string(1, '-') + flag + " " + value;
    switch (flag) {
        case 'm': {
            std::optional<uint64_t> bytes = parse_megabytes(value);
            if (!bytes)
                return "-m expects megabytes (memcached's -m; or a number with k, m or g), got " +
                       quote(value);
            if (*bytes == 0) return std::string("-m must be at least 1 (megabyte), got 0");
            add(out, "maxmemory", std::to_string(*bytes));
            return std::nullopt;
        }
        case 'I': {
            // memcached's k and m are binary; Larder's own units (2mb) still work as before.
            if (std::optional<uint64_t> bytes = parse_memcached_size(value)) {
                add(out, "item-size-max", std::to_string(*bytes));
            } else {
                add(out, "item-size-max", value);
            }
            return std::nullopt;
        }
        case 'U':
            if (value == "0") return std::nullopt;  // memcached's default: no UDP
            return shown + ": Larder does not serve UDP; only -U 0 is accepted";
        case 'l':
            if (value.find(',') != std::string::npos)
                return shown +
                       ": Larder binds one address per port; give one address, or the "
                       "'listeners' option for several";
            add(out, "bind", value);
            return std::nullopt;
        case 'u': {
            if (value == current_user()) return std::nullopt;  // already that user
            return shown + ": Larder does not switch users; start it as '" + value +
                   "' (systemd: User=" + value + ") and drop -u";
        }
        case 'P':
            return shown +
                   ": Larder does not write a pid file (systemd tracks the process); drop -P";
        case 'R':
            return shown + ": Larder has no per-event request limit; drop -R";
        case 'B':
            if (base::equals_ci(value, "auto")) return std::nullopt;  // what Larder does
            return shown +
                   ": Larder's memcached listener detects text and binary per connection; only "
                   "-B auto is available";
        case 'o':
            return shown + ": Larder does not implement memcached's -o options " +
                   suboption_names(value);
        case 'd':
            return std::string(arg) +
                   ": Larder does not daemonize; it runs in the foreground (systemd supervises "
                   "it); drop -d";
        case 'M':
            add(out, "maxmemory-policy", "noeviction");
            return std::nullopt;
        case 'C':
            return std::string(arg) + ": Larder always keeps CAS values; -C is not available";
        case 'S':
            checks.sasl = true;  // needs memcache-auth-file, checked on the final values
            return std::nullopt;
        case 'v':
            // -v verbose, -vv and -vvv more: memcached's levels onto Redis's names.
            if (arg == "-v")
                add(out, "loglevel", "verbose");
            else if (arg == "-vv" || arg == "-vvv")
                add(out, "loglevel", "debug");
            else
                return "unknown option '" + std::string(arg) + "'";
            return std::nullopt;
    }
    return "unknown option '" + std::string(arg) + "'";
}

}  // namespace

std::optional<uint64_t> parse_memcached_size(std::string_view text) {
    if (text.empty()) return std::nullopt;
    char last = base::ascii_lower(text.back());
    if (last == 'k') return digits_times(text.substr(0, text.size() - 1), 1024);
    if (last == 'm') return digits_times(text.substr(0, text.size() - 1), kMiB);
    return digits_times(text, 1);
}

bool memcached_flag(int& i, int argc, const char* const* argv, std::vector<Override>& out,
                    DropinChecks& checks, std::optional<std::string>& error) {
    std::string_view arg = argv[i];
    char flag = arg[1];
    if (kBare.find(flag) != std::string_view::npos) {
        if (arg.size() > 2 && flag != 'v') {
            error = "config: " + std::string(arg.substr(0, 2)) + " takes no value, got " +
                    quote(arg.substr(2));
            return true;
        }
        if (auto refusal = translate(flag, arg, "", out, checks)) error = "config: " + *refusal;
        return true;
    }
    if (kWithValue.find(flag) == std::string_view::npos) return false;
    std::string value;
    if (arg.size() > 2) {
        value = std::string(arg.substr(arg[2] == '=' ? 3 : 2));
    } else if (i + 1 < argc) {
        value = argv[++i];
    } else {
        error = "config: " + std::string(arg) + " needs a value";
        return true;
    }
    if (auto refusal = translate(flag, arg.substr(0, 2), value, out, checks))
        error = "config: " + *refusal;
    return true;
}

}  // namespace larder::config_internal
