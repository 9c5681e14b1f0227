#include "protocols/memcache/commands.h"

#include <array>

namespace larder::memcache {
namespace {

using namespace command_flags;

// Arity as memcached 1.6 enforces it (too few or too many tokens -> "ERROR"). Commands with
// a noreply option accept one extra token of any value, because memcached only looks for
// "noreply" in the last position and otherwise ignores it ("incr k 1 2" increments by 1).
constexpr std::array kCommands{
    TextCommandSpec{"get", TextCommand::get, 2, 0, retrieval, ArgShape::retrieval},
    TextCommandSpec{"gets", TextCommand::gets, 2, 0, retrieval | returns_cas, ArgShape::retrieval},
    TextCommandSpec{"gat", TextCommand::gat, 2, 0, retrieval, ArgShape::retrieval_touch},
    TextCommandSpec{"gats", TextCommand::gats, 2, 0, retrieval | returns_cas,
                    ArgShape::retrieval_touch},
    TextCommandSpec{"set", TextCommand::set, 5, 6, storage | takes_noreply, ArgShape::storage},
    TextCommandSpec{"add", TextCommand::add, 5, 6, storage | takes_noreply, ArgShape::storage},
    TextCommandSpec{"replace", TextCommand::replace, 5, 6, storage | takes_noreply,
                    ArgShape::storage},
    TextCommandSpec{"append", TextCommand::append, 5, 6, storage | takes_noreply,
                    ArgShape::storage},
    TextCommandSpec{"prepend", TextCommand::prepend, 5, 6, storage | takes_noreply,
                    ArgShape::storage},
    TextCommandSpec{"cas", TextCommand::cas, 6, 7, storage | takes_noreply, ArgShape::storage_cas},
    TextCommandSpec{"delete", TextCommand::delete_, 2, 4, takes_noreply, ArgShape::deletion},
    TextCommandSpec{"incr", TextCommand::incr, 3, 4, takes_noreply, ArgShape::arithmetic},
    TextCommandSpec{"decr", TextCommand::decr, 3, 4, takes_noreply, ArgShape::arithmetic},
    TextCommandSpec{"touch", TextCommand::touch, 3, 4, takes_noreply, ArgShape::touch},
    TextCommandSpec{"flush_all", TextCommand::flush_all, 1, 3, admin | takes_noreply,
                    ArgShape::flush_all},
    TextCommandSpec{"version", TextCommand::version, 1, 0, admin, ArgShape::free_args},
    TextCommandSpec{"verbosity", TextCommand::verbosity, 2, 3, admin | takes_noreply,
                    ArgShape::verbosity},
    TextCommandSpec{"quit", TextCommand::quit, 1, 0, closes, ArgShape::free_args},
    TextCommandSpec{"stats", TextCommand::stats, 1, 0, admin, ArgShape::free_args},
    // Meta commands check their own arity (with meta error lines); the minimum here is the
    // one memcached answers with a plain ERROR.
    TextCommandSpec{"mg", TextCommand::meta_get, 2, 0, meta, ArgShape::meta},
    TextCommandSpec{"ms", TextCommand::meta_set, 2, 0, meta | storage, ArgShape::meta_storage},
    TextCommandSpec{"md", TextCommand::meta_delete, 2, 0, meta, ArgShape::meta},
    TextCommandSpec{"ma", TextCommand::meta_arithmetic, 2, 0, meta, ArgShape::meta},
    TextCommandSpec{"mn", TextCommand::meta_noop, 1, 0, meta, ArgShape::meta_noop},
    TextCommandSpec{"me", TextCommand::meta_debug, 1, 0, meta, ArgShape::meta_debug},
    // Answered as memcached does without -A: refused (Larder stops only on a signal).
    TextCommandSpec{"shutdown", TextCommand::shutdown, 1, 0, admin, ArgShape::free_args},
    // Aliases. "bget" is an undocumented get that memcached still answers.
    TextCommandSpec{"bget", TextCommand::get, 2, 0, retrieval, ArgShape::retrieval},
};

constexpr bool canonical_rows_in_id_order() {
    for (size_t i = 0; i < kTextCommandCount; ++i) {
        if (static_cast<size_t>(kCommands[i].id) != i) return false;
    }
    return true;
}
static_assert(canonical_rows_in_id_order(), "rows 0..N-1 must follow TextCommand order");

}  // namespace

const TextCommandSpec* find_text_command(std::string_view name) {
    // A short table scanned in frequency order: a miss costs ~20 length compares, which is
    // cheaper than hashing a token this short.
    for (const auto& spec : kCommands) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

const TextCommandSpec& text_command_spec(TextCommand id) {
    return kCommands[static_cast<size_t>(id)];
}

std::span<const TextCommandSpec> text_commands() {
    return kCommands;
}

}  // namespace larder::memcache
