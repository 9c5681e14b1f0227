#include "protocols/resp/errors.h"

#include <algorithm>

namespace larder::resp {
namespace {

// Redis prints these texts with printf's %s, which stops at the first NUL.
std::string_view until_nul(std::string_view s) {
    return s.substr(0, s.find('\0'));
}

constexpr size_t kMaxShown = 128;

}  // namespace

void sanitize_line(std::string& text) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
}

std::string expected_dollar_error(char got) {
    std::string msg = "ERR Protocol error: expected '$', got '";
    msg.push_back(got);
    msg.push_back('\'');
    sanitize_line(msg);
    return msg;
}

std::string wrong_arity_error(std::string_view cmd_name) {
    std::string msg = "ERR wrong number of arguments for '";
    for (char c : until_nul(cmd_name))
        msg.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
    msg += "' command";
    sanitize_line(msg);
    return msg;
}

std::string unknown_command_error(std::string_view name, std::span<const std::string_view> args) {
    std::string shown;
    for (std::string_view arg : args) {
        if (shown.size() >= kMaxShown) break;
        // The room is measured before the opening quote, as Redis's "'%.*s' " does.
        const size_t room = kMaxShown - shown.size();
        shown += '\'';
        shown += until_nul(arg).substr(0, room);
        shown += "' ";
    }
    std::string msg = "ERR unknown command '";
    msg += until_nul(name).substr(0, kMaxShown);
    msg += "', with args beginning with: ";
    msg += shown;
    sanitize_line(msg);
    return msg;
}

}  // namespace larder::resp
