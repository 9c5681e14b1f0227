// The Config value itself: its defaults (from the option table) and what follows from it.
// Loading, CONFIG GET/SET and help live in the other files of src/config/ (one job each).
#include "src/config/config.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "src/config/values.h"

namespace larder {

Config::Config() {
    for (const OptionSpec& spec : all_options()) {
        // The defaults are table data checked by the unit tests; a bad one is a build defect.
        if (config_internal::assign_text(*this, spec, spec.default_value)) std::abort();
    }
}

unsigned worker_threads(const Config& config) {
    if (config.threads > 0) return static_cast<unsigned>(config.threads);
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace larder
