#include "src/base/log.h"

#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace larder::log {

namespace {
std::atomic<int> g_level{static_cast<int>(Level::notice)};

// systemd sets $JOURNAL_STREAM when stderr is the journal; each line then starts with the
// sd-daemon priority prefix, so `journalctl -p` filters by level. Read once.
bool to_journal() {
    static const bool journal = getenv("JOURNAL_STREAM") != nullptr;
    return journal;
}

// debug, verbose, notice, warning -> LOG_DEBUG, LOG_INFO, LOG_NOTICE, LOG_WARNING.
constexpr const char* kJournalPrefix[] = {"<7>", "<6>", "<5>", "<4>"};
}  // namespace

void set_level(Level level) {
    g_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

bool set_level(std::string_view name) {
    if (name == "debug")
        set_level(Level::debug);
    else if (name == "verbose")
        set_level(Level::verbose);
    else if (name == "notice")
        set_level(Level::notice);
    else if (name == "warning")
        set_level(Level::warning);
    else
        return false;
    return true;
}

bool enabled(Level level) {
    return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view message) {
    if (!enabled(level)) return;
    timeval tv{};
    gettimeofday(&tv, nullptr);
    tm t{};
    localtime_r(&tv.tv_sec, &t);
    char stamp[64];
    size_t n = strftime(stamp, sizeof stamp, "%d %b %Y %H:%M:%S", &t);
    snprintf(stamp + n, sizeof stamp - n, ".%03ld", static_cast<long>(tv.tv_usec / 1000));
    static const char marks[] = {'.', '-', '*', '#'};
    std::string line = to_journal() ? kJournalPrefix[static_cast<int>(level)] : "";
    line += std::to_string(getpid()) + ":M " + stamp + " " + marks[static_cast<int>(level)] + " " +
            std::string(message) + "\n";
    ssize_t ignored = ::write(2, line.data(), line.size());
    (void)ignored;
}

}  // namespace larder::log
