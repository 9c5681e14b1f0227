// Minimal leveled logging to stderr (journald picks it up under systemd). Thread-safe:
// each line is one write(2).
#pragma once

#include <atomic>
#include <string_view>

namespace larder::log {

enum class Level : int { debug = 0, verbose = 1, notice = 2, warning = 3 };

void set_level(Level level);
bool set_level(std::string_view name);  // "debug" | "verbose" | "notice" | "warning"
bool enabled(Level level);
void write(Level level, std::string_view message);

inline void notice(std::string_view m) {
    write(Level::notice, m);
}
inline void warning(std::string_view m) {
    write(Level::warning, m);
}
inline void debug(std::string_view m) {
    write(Level::debug, m);
}

}  // namespace larder::log
