// The words for a refused value: config-file/command-line wording and Redis's CONFIG SET
// wording, plus the range phrases --help shares with them.
#include <climits>

#include "src/config/text.h"
#include "src/config/values.h"

namespace larder::config_internal {
namespace {

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * kKiB;
constexpr uint64_t kGiB = 1024 * kMiB;

}  // namespace

bool unbounded_above(const OptionSpec& spec) {
    return spec.max == INT64_MAX || (spec.type == OptionType::integer && spec.max == INT_MAX);
}

std::string format_memory(uint64_t bytes) {
    if (bytes != 0 && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + "gb";
    if (bytes != 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "mb";
    if (bytes != 0 && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + "kb";
    return std::to_string(bytes);
}

std::string format_bound(const OptionSpec& spec, int64_t bound) {
    return spec.type == OptionType::memory ? format_memory(static_cast<uint64_t>(bound))
                                           : std::to_string(bound);
}

std::string range_phrase(const OptionSpec& spec) {
    if (unbounded_above(spec)) return "at least " + format_bound(spec, spec.min);
    return "between " + format_bound(spec, spec.min) + " and " + format_bound(spec, spec.max);
}

std::string describe(const OptionSpec& spec, const ValueError& error) {
    std::string out = "option '" + std::string(spec.name) + "' ";
    switch (error.fault) {
        case Fault::not_integer:
            return out + "expects an integer, got " + error.got;
        case Fault::not_memory:
            return out +
                   "expects a memory size (bytes, or a number with unit k, kb, m, mb, g, "
                   "gb), got " +
                   error.got;
        case Fault::not_boolean:
            return out + "expects yes or no, got " + error.got;
        case Fault::not_string:
            return out + "expects a string, got " + error.got;
        case Fault::not_choice:
            return out + "must be one of " + join(spec.choices, ", ") + "; got " + error.got;
        case Fault::out_of_range:
            return out + "must be " + range_phrase(spec) + ", got " + error.got;
        case Fault::too_large:
            return out + "must be at most " + format_bound(spec, spec.max) + ", got " + error.got;
        case Fault::not_power_of_two:
            return out + "must be a power of two, got " + error.got;
        case Fault::empty:
            return out + "must not be empty";
        case Fault::bad_listeners:
            return out + error.detail;
    }
    return out + "is invalid";
}

std::string redis_set_failed(std::string_view name) {
    return "ERR CONFIG SET failed (possibly related to argument '" + std::string(name) + "') - ";
}

std::string describe_redis(const OptionSpec& spec, const ValueError& error) {
    std::string out = redis_set_failed(spec.name);
    switch (error.fault) {
        case Fault::not_integer:
            return out + "argument couldn't be parsed into an integer";
        case Fault::not_memory:
            return out + "argument must be a memory value";
        case Fault::not_boolean:
            return out + "argument must be 'yes' or 'no'";
        case Fault::not_string:
            return out + "argument must be a string";
        case Fault::not_choice:
            return out + "argument(s) must be one of the following: " + join(spec.choices, ", ");
        case Fault::out_of_range:
        case Fault::too_large:
            return out + "argument must be between " + std::to_string(spec.min) + " and " +
                   std::to_string(spec.max) + " inclusive";
        case Fault::not_power_of_two:
            return out + "argument must be a power of two";
        case Fault::empty:
            return out + "argument must not be empty";
        case Fault::bad_listeners:
            return out + "invalid listeners: " + error.detail;
    }
    return out + "invalid argument";
}

}  // namespace larder::config_internal
