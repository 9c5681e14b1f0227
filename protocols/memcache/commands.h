// The memcached text command table: each command's name, id, arity and argument shape as
// data. The text parser dispatches through it, and the daemon binds handlers to the ids.
// The meta commands (mg, ms, md, ma, mn, me) are rows like the others, with meta shapes.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace larder::memcache {

enum class TextCommand : uint8_t {
    get,
    gets,
    gat,
    gats,
    set,
    add,
    replace,
    append,
    prepend,
    cas,
    delete_,
    incr,
    decr,
    touch,
    flush_all,
    version,
    verbosity,
    quit,
    stats,
    meta_get,         // mg
    meta_set,         // ms
    meta_delete,      // md
    meta_arithmetic,  // ma
    meta_noop,        // mn
    meta_debug,       // me
    shutdown,
};
inline constexpr size_t kTextCommandCount = static_cast<size_t>(TextCommand::shutdown) + 1;

// How a command's tokens after the name are read; the parser has one routine per shape.
enum class ArgShape : uint8_t {
    retrieval,        // key...
    retrieval_touch,  // exptime key...
    storage,          // key flags exptime bytes [noreply], then a data block
    storage_cas,      // key flags exptime bytes cas [noreply], then a data block
    arithmetic,       // key delta [noreply]
    deletion,         // key [0] [noreply]
    touch,            // key exptime [noreply]
    flush_all,        // [delay] [noreply]
    verbosity,        // level [noreply]
    free_args,        // anything; kept as args (stats) or ignored (version, quit)
    meta,             // key flag... (mg, md, ma); see meta_line.h
    meta_storage,     // key datalen flag..., then a data block (ms)
    meta_noop,        // anything; ignored (mn)
    meta_debug,       // key [b] (me)
};

namespace command_flags {
inline constexpr uint8_t storage = 1 << 0;    // followed by a data block
inline constexpr uint8_t retrieval = 1 << 1;  // multi-key; exempt from the short line limit
inline constexpr uint8_t admin = 1 << 2;
inline constexpr uint8_t takes_noreply = 1 << 3;
inline constexpr uint8_t returns_cas = 1 << 4;  // VALUE lines carry the CAS (gets, gats)
inline constexpr uint8_t closes = 1 << 5;       // the connection closes after it (quit)
inline constexpr uint8_t meta = 1 << 6;         // a meta command: replies in meta form
}  // namespace command_flags

struct TextCommandSpec {
    std::string_view name;
    TextCommand id;
    // Token counts including the name, as memcached checks them. memcached tokenizes at most
    // 23 tokens, so a longer line counts as 23 (and fails any max below that).
    uint8_t min_tokens;
    uint8_t max_tokens;  // 0: no maximum
    uint8_t flags;
    ArgShape shape;

    bool has(uint8_t flag) const { return (flags & flag) != 0; }
};

// The command named exactly `name` (case-sensitive, as memcached), or nullptr.
const TextCommandSpec* find_text_command(std::string_view name);
// The canonical row of a command id (aliases such as "bget" share get's id).
const TextCommandSpec& text_command_spec(TextCommand id);
// Every row, canonical rows first in id order, then aliases.
std::span<const TextCommandSpec> text_commands();

}  // namespace larder::memcache
