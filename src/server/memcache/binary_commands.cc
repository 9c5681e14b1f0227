#include "src/server/memcache/binary_commands.h"

#include "protocols/memcache/auth.h"
#include "src/server/memcache/sessions.h"
#include "src/server/memcache/stats.h"

namespace larder::server::memcache_ops {

namespace {

using memcache::Opcode;

// GET, GETK (and their quiet forms).
bool bin_get(BinaryCall& b) {
    get(b.op, b.req.key);
    b.reply.end_values();
    return false;
}

// GAT, GATK and TOUCH: TOUCH answers like GAT (flags and CAS) without the value; the
// exptime is unsigned in the binary protocol.
bool bin_gat(BinaryCall& b) {
    get(b.op, b.req.key, true, int64_t{memcache::expiration_extras(b.req)});
    b.reply.end_values();
    return false;
}

// SET, ADD, REPLACE. A CAS in the header makes SET and REPLACE a compare-and-swap.
template <StoreMode mode>
bool bin_store(BinaryCall& b) {
    memcache::StorageExtras e = memcache::storage_extras(b.req);
    StoreMode m = mode != StoreMode::add && b.req.cas != 0 ? StoreMode::cas : mode;
    store(b.op, m, b.req.key, b.req.value, e.flags, int64_t{e.exptime}, b.req.cas);
    return false;
}

// APPEND, PREPEND: no extras; a CAS in the header must match.
template <StoreMode mode>
bool bin_concat(BinaryCall& b) {
    store(b.op, mode, b.req.key, b.req.value, 0, 0, b.req.cas);
    return false;
}

bool bin_delete(BinaryCall& b) {
    remove(b.op, b.req.key, b.req.cas);
    return false;
}

template <bool decrement>
bool bin_arith(BinaryCall& b) {
    memcache::ArithmeticExtras e = memcache::arithmetic_extras(b.req);
    arith(b.op, b.req.key, e.delta, decrement, e.creates_on_miss(), e.initial, int64_t{e.exptime},
          b.req.cas);
    return false;
}

bool bin_flush(BinaryCall& b) {
    flush(b.op, int64_t{memcache::expiration_extras(b.req)});
    return false;
}

bool bin_noop(BinaryCall& b) {
    b.reply.ok();
    return false;
}

bool bin_verbosity(BinaryCall& b) {
    verbosity(b.op, memcache::verbosity_extras(b.req));
    return false;
}

bool bin_version(BinaryCall& b) {
    version(b.op);
    return false;
}

bool bin_quit(BinaryCall& b) {
    b.reply.quit();
    return true;
}

bool bin_stat(BinaryCall& b) {
    answer_stats(b.op, binary_stats_group(b.req.key), b.session.conn_id());
    return false;
}

// Without memcache-auth-file, memcached is built without SASL: the opcodes are unknown.
bool sasl_configured(BinaryCall& b) {
    if (!b.op.env.ctx.config().memcache_auth_file.empty()) return true;
    b.reply.error(memcache::ErrorKind::unknown_command);
    return false;
}

bool bin_sasl_list_mechs(BinaryCall& b) {
    if (sasl_configured(b)) b.reply.sasl_mechanisms(memcache::kSaslMechanisms);
    return false;
}

bool bin_sasl_auth(BinaryCall& b) {
    if (!sasl_configured(b)) return false;
    auto creds = memcache::parse_sasl_plain(b.req.value);
    if (b.req.key == "PLAIN" && creds && b.session.login(creds->user, creds->password)) {
        b.reply.sasl_authenticated();
    } else {
        if (b.req.key != "PLAIN" || !creds) b.session.login({}, {});  // counts a failed attempt
        b.reply.auth_failed();
    }
    return false;
}

// PLAIN completes in one AUTH; a STEP has nothing to continue.
bool bin_sasl_step(BinaryCall& b) {
    if (sasl_configured(b)) b.reply.auth_failed();
    return false;
}

struct Binding {
    Opcode op;
    bool (*handler)(BinaryCall&);
    bool before_login = false;
};

constexpr Binding kBindings[] = {
    {Opcode::get, bin_get},
    {Opcode::getk, bin_get},
    {Opcode::gat, bin_gat},
    {Opcode::gatk, bin_gat},
    {Opcode::touch, bin_gat},
    {Opcode::set, bin_store<StoreMode::set>},
    {Opcode::add, bin_store<StoreMode::add>},
    {Opcode::replace, bin_store<StoreMode::replace>},
    {Opcode::append, bin_concat<StoreMode::append>},
    {Opcode::prepend, bin_concat<StoreMode::prepend>},
    {Opcode::delete_, bin_delete},
    {Opcode::increment, bin_arith<false>},
    {Opcode::decrement, bin_arith<true>},
    {Opcode::flush, bin_flush},
    {Opcode::noop, bin_noop},
    {Opcode::verbosity, bin_verbosity},
    {Opcode::version, bin_version, true},
    {Opcode::quit, bin_quit},
    {Opcode::stat, bin_stat},
    {Opcode::sasl_list_mechs, bin_sasl_list_mechs, true},
    {Opcode::sasl_auth, bin_sasl_auth, true},
    {Opcode::sasl_step, bin_sasl_step, true},
};

constexpr BinaryHandlerTable kTable = [] {
    BinaryHandlerTable t{};
    for (const Binding& b : kBindings) t[static_cast<uint8_t>(b.op)] = {b.handler, b.before_login};
    return t;
}();

}  // namespace

const BinaryHandlerTable& binary_handlers() {
    return kTable;
}

}  // namespace larder::server::memcache_ops
