#include "protocols/resp/inline_split.h"

namespace larder::resp {
namespace {

// C isspace() in the "C" locale, without depending on the process locale.
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// An unquoted argument ends at these only; \v and \f stay part of it, as in Redis.
bool ends_bare_arg(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char unescape(char c) {
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

// Parses the quoted section that starts after the opening quote at line[i - 1], appending
// its bytes to `out`. Returns the index just past the closing quote, or npos if unbalanced.
size_t read_double_quoted(std::string_view line, size_t i, std::string& out) {
    const size_t n = line.size();
    while (i < n) {
        const char c = line[i];
        if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && hex_value(line[i + 2]) >= 0 &&
            hex_value(line[i + 3]) >= 0) {
            out.push_back(static_cast<char>(hex_value(line[i + 2]) * 16 + hex_value(line[i + 3])));
            i += 4;
        } else if (c == '\\' && i + 1 < n) {
            out.push_back(unescape(line[i + 1]));
            i += 2;
        } else if (c == '"') {
            return i + 1;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return std::string_view::npos;
}

size_t read_single_quoted(std::string_view line, size_t i, std::string& out) {
    const size_t n = line.size();
    while (i < n) {
        const char c = line[i];
        if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
            out.push_back('\'');
            i += 2;
        } else if (c == '\'') {
            return i + 1;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

bool split_inline(std::string_view line, std::string& storage,
                  std::vector<std::string_view>& args) {
    args.clear();
    storage.clear();
    // Unquoting never lengthens an argument, so this bounds everything written below.
    storage.reserve(line.size());

    const size_t n = line.size();
    size_t i = 0;
    while (true) {
        while (i < n && is_space(line[i])) ++i;
        if (i == n) return true;

        // Fast path: a bare argument is a slice of the line and needs no copy.
        const size_t start = i;
        while (i < n && !ends_bare_arg(line[i]) && line[i] != '"' && line[i] != '\'') ++i;
        if (i == n || ends_bare_arg(line[i])) {
            args.push_back(line.substr(start, i - start));
            continue;
        }

        // A quote ahead: build the argument in storage, starting with the bare prefix.
        const size_t out_start = storage.size();
        storage.append(line.substr(start, i - start));
        i = line[i] == '"' ? read_double_quoted(line, i + 1, storage)
                           : read_single_quoted(line, i + 1, storage);
        if (i == std::string_view::npos) return false;
        // A closing quote glued to more text ("a"b) is rejected, not concatenated.
        if (i < n && !is_space(line[i])) return false;
        args.push_back(std::string_view(storage).substr(out_start));
    }
}

}  // namespace larder::resp
