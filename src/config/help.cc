// --help: usage text generated from the option table, wrapped at 100 columns.
#include <algorithm>
#include <sstream>
#include <vector>

#include "src/config/text.h"
#include "src/config/values.h"

namespace larder {
namespace {

using namespace config_internal;

constexpr size_t kWidth = 100;

// `line` followed by the words of `text`, wrapped at kWidth columns; continuation lines start
// with `indent`.
std::string wrap(std::string line, const std::string& indent, std::string_view text) {
    std::string out;
    size_t start = line.size();
    std::istringstream words{std::string(text)};
    for (std::string word; words >> word;) {
        if (line.size() > start && line.size() + 1 + word.size() > kWidth) {
            out += line + "\n";
            line = indent;
            start = line.size();
        }
        if (line.size() > start) line += ' ';
        line += word;
    }
    return out + line + "\n";
}

struct Row {
    std::string flags;
    std::string description;
    std::string details;   // default, range, choices, runtime
    std::string security;  // "security: MARKING: NOTE", or "" for unmarked options
};

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

Row option_row(const OptionSpec& spec) {
    Row row;
    row.flags = spec.short_flag != 0 ? std::string("-") + spec.short_flag + ", " : "    ";
    row.flags += "--" + std::string(spec.name) + " " + upper(option_type_name(spec.type));
    row.description = spec.description;
    row.details = "default: " + (spec.default_value.empty() ? std::string("\"\"")
                                                            : std::string(spec.default_value));
    if (spec.type == OptionType::integer || spec.type == OptionType::memory) {
        if (!unbounded_above(spec)) {
            row.details +=
                "; range " + format_bound(spec, spec.min) + ".." + format_bound(spec, spec.max);
        } else if (spec.min > 0) {
            row.details += "; " + range_phrase(spec);
        }
    }
    if (spec.type == OptionType::enumeration) row.details += "; one of " + join(spec.choices, ", ");
    if (spec.constraint == OptionConstraint::power_of_two) row.details += "; a power of two";
    if (spec.runtime_settable) row.details += "; CONFIG SET can change it";
    if (spec.security != OptionSecurity::none) {
        row.security = "security: " + std::string(option_security_name(spec.security)) + ": " +
                       std::string(spec.security_note);
    }
    return row;
}

}  // namespace

std::string help_text(std::string_view program) {
    std::vector<Row> rows = {
        {"-h, --help", "Print this help and exit.", "", ""},
        {"-v, --version",
         "Print the version and exit (-v only as the only argument, as redis-server -v; "
         "memcached's -V always).",
         "", ""},
        {"    --config FILE",
         "Config file: JSON (keys are the option names below), or a redis.conf when FILE ends "
         "in .conf (also as a plain argument: larder-server /etc/redis/redis.conf).",
         "", ""},
        {"    --check-config FILE",
         "Validate FILE and the rest of the command line, print \"config OK\" or the errors, "
         "exit 0 or 2; never starts the server.",
         "", ""},
        {"    --strict-config",
         "Refuse redis.conf directives Larder does not implement (default: one warning).", "", ""},
        {"-m, -l, -M, -v...",
         "memcached's flags with memcached's meanings (-m MB, -l ADDR, -M, -v/-vv, -U 0, "
         "-B auto, -S with -Y); see docs/configuration.md, \"Drop-in\".",
         "", ""},
    };
    for (const OptionSpec& spec : all_options()) rows.push_back(option_row(spec));
    size_t width = 0;
    for (const Row& row : rows) width = std::max(width, row.flags.size());
    width += 2;

    std::string out = "Usage: " + std::string(program) +
                      " [--config FILE] [--OPTION VALUE | --OPTION=VALUE]...\n\n"
                      "Larder, a cache server speaking RESP and memcached over one store.\n"
                      "Settings come from defaults, then the config file, then the command line.\n"
                      "MEMORY values are bytes or take a unit: k=1000, kb=1024, m, mb, g, gb.\n"
                      "'security: enforced' marks a protection or limit applied from the start;\n"
                      "'security: refused until available' marks a protection this build cannot\n"
                      "give yet: any value that asks for it stops the server from starting.\n\n";
    const std::string indent(width + 2, ' ');
    for (const Row& row : rows) {
        out += wrap("  " + row.flags + std::string(width - row.flags.size(), ' '), indent,
                    row.description);
        if (!row.details.empty()) out += wrap(indent, indent, row.details);
        if (!row.security.empty()) out += wrap(indent, indent, row.security);
    }
    return out;
}

}  // namespace larder
