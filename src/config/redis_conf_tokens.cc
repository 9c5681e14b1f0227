// Reading a redis.conf: lines into arguments (Redis's sdssplitargs rules) and files (with
// `include`) into directives.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "src/base/ascii.h"
#include "src/config/dropin.h"
#include "src/config/text.h"

namespace larder::config_internal {
namespace {

constexpr int kMaxIncludeDepth = 16;

bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = base::ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The byte a backslash escape inside "..." stands for (Redis: \n \r \t \b \a, else itself).
char escaped(char c) {
    switch (c) {
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'b':
            return '\b';
        case 'a':
            return '\a';
        default:
            return c;
    }
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
    std::vector<std::string> args;
    size_t i = 0;
    while (true) {
        while (i < line.size() && blank(line[i])) ++i;
        if (i == line.size()) return args;
        std::string current;
        bool in_double = false;
        bool in_single = false;
        bool done = false;
        while (!done) {
            if (in_double) {
                if (i == line.size()) return std::nullopt;
                if (line[i] == '\\' && i + 3 < line.size() && line[i + 1] == 'x' &&
                    hex_digit(line[i + 2]) >= 0 && hex_digit(line[i + 3]) >= 0) {
                    current +=
                        static_cast<char>(hex_digit(line[i + 2]) * 16 + hex_digit(line[i + 3]));
                    i += 3;
                } else if (line[i] == '\\' && i + 1 < line.size()) {
                    current += escaped(line[++i]);
                } else if (line[i] == '"') {
                    // A closing quote must be followed by a blank or the end.
                    if (i + 1 < line.size() && !blank(line[i + 1])) return std::nullopt;
                    done = true;
                } else {
                    current += line[i];
                }
            } else if (in_single) {
                if (i == line.size()) return std::nullopt;
                if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '\'') {
                    current += '\'';
                    ++i;
                } else if (line[i] == '\'') {
                    if (i + 1 < line.size() && !blank(line[i + 1])) return std::nullopt;
                    done = true;
                } else {
                    current += line[i];
                }
            } else if (i == line.size() || blank(line[i])) {
                done = true;
            } else if (line[i] == '"') {
                in_double = true;
            } else if (line[i] == '\'') {
                in_single = true;
            } else {
                current += line[i];
            }
            if (i < line.size()) ++i;
        }
        args.push_back(std::move(current));
    }
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
