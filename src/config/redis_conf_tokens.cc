// Reading a redis.conf: lines into arguments (Redis's sdssplitargs rules) and files (with
// `include`) into directives.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "protocols/resp/inline_split.h"
#include "src/base/ascii.h"
#include "src/config/dropin.h"
#include "src/config/text.h"

namespace larder::config_internal {
namespace {

constexpr int kMaxIncludeDepth = 16;

bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trim(std::string_view line) {
    size_t first = 0;
    while (first < line.size() && blank(line[first])) ++first;
    size_t last = line.size();
    while (last > first && blank(line[last - 1])) --last;
    return std::string(line.substr(first, last - first));
}

std::optional<std::string> read_file(const std::string& path, int depth,
                                     std::vector<Directive>& out) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return "config: cannot read config file " + quote(path) + ": " + std::strerror(errno);
    }
    std::string line;
    for (int number = 1; std::getline(file, line); ++number) {
        std::string where = path + ":" + std::to_string(number);
        std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        std::optional<std::vector<std::string>> args = split_redis_line(text);
        if (text.find('\0') != std::string::npos) return "config: " + where + ": NUL byte in line";
        if (!args) return "config: " + where + ": unbalanced quotes";
        if (args->empty()) continue;
        (*args)[0] = base::to_lower((*args)[0]);
        if ((*args)[0] == "include") {
            if (args->size() != 2) return "config: " + where + ": include takes one path";
            if (depth >= kMaxIncludeDepth)
                return "config: " + where + ": include nested deeper than " +
                       std::to_string(kMaxIncludeDepth) + " files";
            if (auto error = read_file((*args)[1], depth + 1, out)) return error;
            continue;
        }
        out.push_back({std::move(where), std::move(*args)});
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string>> split_redis_line(std::string_view line) {
    // redis.conf lines split exactly as Redis splits an inline command (sdssplitargs).
    if (line.find('\0') != std::string_view::npos) return std::nullopt;
    std::string storage;
    std::vector<std::string_view> views;
    if (!resp::split_inline(line, storage, views)) return std::nullopt;
    return std::vector<std::string>(views.begin(), views.end());
}

bool looks_like_json(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        if (blank(text[i])) {
            ++i;
        } else if (text.substr(i, 2) == "//") {
            size_t end = text.find('\n', i);
            i = end == std::string_view::npos ? text.size() : end;
        } else if (text.substr(i, 2) == "/*") {
            size_t end = text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 2;
        } else {
            return text[i] == '{';
        }
    }
    return false;
}

std::optional<std::string> read_redis_conf(const std::string& path, std::vector<Directive>& out) {
    return read_file(path, 0, out);
}

}  // namespace larder::config_internal
