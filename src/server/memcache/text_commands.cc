#include "src/server/memcache/text_commands.h"

#include "src/server/memcache/meta.h"
#include "src/server/memcache/stats.h"

namespace larder::server::memcache_ops {

namespace {

using memcache::TextCommand;

// get, gets, bget: every key, then END.
bool text_get(TextCall& t) {
    for (std::string_view key : t.req.keys) get(t.op, key);
    t.reply.end_values();
    return false;
}

// gat, gats: read and touch every key.
bool text_gat(TextCall& t) {
    for (std::string_view key : t.req.keys) get(t.op, key, true, t.req.exptime);
    t.reply.end_values();
    return false;
}

// set, add, replace, cas keep the request's flags and exptime; append and prepend keep the
// item's own, as memcached does.
template <StoreMode mode>
bool text_store(TextCall& t) {
    constexpr bool keeps_item_meta = mode == StoreMode::append || mode == StoreMode::prepend;
    store(t.op, mode, t.req.key(), t.req.data, keeps_item_meta ? 0 : t.req.flags,
          keeps_item_meta ? 0 : t.req.exptime, mode == StoreMode::cas ? t.req.cas_unique : 0);
    return false;
}

bool text_delete(TextCall& t) {
    remove(t.op, t.req.key());
    return false;
}

template <bool decrement>
bool text_arith(TextCall& t) {
    arith(t.op, t.req.key(), t.req.delta, decrement);
    return false;
}

bool text_touch(TextCall& t) {
    touch(t.op, t.req.key(), t.req.exptime);
    return false;
}

bool text_flush_all(TextCall& t) {
    flush(t.op, t.req.exptime);
    return false;
}

bool text_version(TextCall& t) {
    version(t.op);
    return false;
}

bool text_verbosity(TextCall& t) {
    verbosity(t.op, static_cast<uint32_t>(t.req.delta));
    return false;
}

bool text_quit(TextCall& t) {
    t.reply.quit();
    return true;
}

bool text_shutdown(TextCall& t) {
    t.reply.shutdown_refused();
    return false;
}

bool text_stats(TextCall& t) {
    answer_stats(t.op, text_stats_group(t.req.args), t.conn_id);
    return false;
}

template <void (*meta_op)(MetaCall&)>
bool text_meta(TextCall& t) {
    MetaCall m{t.op.env, t.meta, t.op.shared, t.req};
    meta_op(m);
    return false;
}

bool text_meta_noop(TextCall& t) {
    t.meta.noop();
    return false;
}

struct Binding {
    TextCommand id;
    TextHandler handler;
};

constexpr Binding kBindings[] = {
    {TextCommand::get, text_get},
    {TextCommand::gets, text_get},
    {TextCommand::gat, text_gat},
    {TextCommand::gats, text_gat},
    {TextCommand::set, text_store<StoreMode::set>},
    {TextCommand::add, text_store<StoreMode::add>},
    {TextCommand::replace, text_store<StoreMode::replace>},
    {TextCommand::append, text_store<StoreMode::append>},
    {TextCommand::prepend, text_store<StoreMode::prepend>},
    {TextCommand::cas, text_store<StoreMode::cas>},
    {TextCommand::delete_, text_delete},
    {TextCommand::incr, text_arith<false>},
    {TextCommand::decr, text_arith<true>},
    {TextCommand::touch, text_touch},
    {TextCommand::flush_all, text_flush_all},
    {TextCommand::version, text_version},
    {TextCommand::verbosity, text_verbosity},
    {TextCommand::quit, text_quit},
    {TextCommand::stats, text_stats},
    {TextCommand::meta_get, text_meta<meta_get>},
    {TextCommand::meta_set, text_meta<meta_set>},
    {TextCommand::meta_delete, text_meta<meta_delete>},
    {TextCommand::meta_arithmetic, text_meta<meta_arithmetic>},
    {TextCommand::meta_noop, text_meta_noop},
    {TextCommand::meta_debug, text_meta<meta_debug>},
    {TextCommand::shutdown, text_shutdown},
};

constexpr TextHandlerTable kTable = [] {
    TextHandlerTable t{};
    for (const Binding& b : kBindings) t[static_cast<size_t>(b.id)] = b.handler;
    return t;
}();

// Checked on the ids, not the pointers: comparing a function's address with null is not a
// constant expression under the sanitizers.
static_assert(
    [] {
        std::array<bool, memcache::kTextCommandCount> bound{};
        for (const Binding& b : kBindings) bound[static_cast<size_t>(b.id)] = true;
        for (bool b : bound)
            if (!b) return false;
        return true;
    }(),
    "every memcached text command needs a handler");

}  // namespace

const TextHandlerTable& text_handlers() {
    return kTable;
}

}  // namespace larder::server::memcache_ops
