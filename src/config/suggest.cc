// Did-you-mean for unknown option names: the closest table name by edit distance,
// case-insensitive, within a quarter of the name's length (at least 2).
#include <algorithm>
#include <vector>

#include "src/base/ascii.h"
#include "src/config/loading.h"

namespace larder::config_internal {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            bool same = base::ascii_lower(a[i - 1]) == base::ascii_lower(b[j - 1]);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string suggestion(std::string_view unknown, std::string_view prefix) {
    const OptionSpec* best = nullptr;
    size_t best_distance = std::max<size_t>(2, unknown.size() / 4) + 1;
    for (const OptionSpec& spec : all_options()) {
        size_t distance = edit_distance(unknown, spec.name);
        if (distance < best_distance) {
            best = &spec;
            best_distance = distance;
        }
    }
    if (best == nullptr) return "";
    return " (did you mean '" + std::string(prefix) + std::string(best->name) + "'?)";
}

}  // namespace larder::config_internal
