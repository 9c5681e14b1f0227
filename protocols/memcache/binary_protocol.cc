#include "protocols/memcache/binary_protocol.h"

namespace larder::memcache {
namespace {

using Extras = OpcodeLayout::Extras;
using Key = OpcodeLayout::Key;
using Value = OpcodeLayout::Value;

constexpr OpcodeLayout layout(Extras e, uint8_t len, Key k, Value v, bool storage = false) {
    return OpcodeLayout{e, len, k, v, storage, true};
}

// Layouts as memcached 1.6 validates them; a mismatch is "Invalid arguments" and a close.
// Deviations, on purpose: VERBOSITY is accepted (memcached 1.6 answers Unknown command and
// then mis-swallows its extras); STAT/TOUCH/GAT* must not carry a value (memcached runs the
// command, then parses the stray value as the next header and drops the connection).
constexpr OpcodeLayout layout_of(Opcode op) {
    switch (op) {
        case Opcode::get:
        case Opcode::getq:
        case Opcode::getk:
        case Opcode::getkq:
        case Opcode::delete_:
        case Opcode::deleteq:
            return layout(Extras::none, 0, Key::required, Value::forbidden);
        case Opcode::set:
        case Opcode::setq:
        case Opcode::add:
        case Opcode::addq:
        case Opcode::replace:
        case Opcode::replaceq:
            return layout(Extras::exactly, 8, Key::required, Value::allowed, true);
        case Opcode::append:
        case Opcode::appendq:
        case Opcode::prepend:
        case Opcode::prependq:
            return layout(Extras::none, 0, Key::required, Value::allowed, true);
        case Opcode::increment:
        case Opcode::incrementq:
        case Opcode::decrement:
        case Opcode::decrementq:
            return layout(Extras::exactly, 20, Key::required, Value::forbidden);
        case Opcode::quit:
        case Opcode::quitq:
        case Opcode::noop:
        case Opcode::version:
        case Opcode::sasl_list_mechs:
            return layout(Extras::none, 0, Key::forbidden, Value::forbidden);
        case Opcode::flush:
        case Opcode::flushq:
            return layout(Extras::none_or_exactly, 4, Key::forbidden, Value::forbidden);
        case Opcode::stat:
            return layout(Extras::none, 0, Key::optional, Value::forbidden);
        case Opcode::verbosity:
            return layout(Extras::exactly, 4, Key::forbidden, Value::forbidden);
        case Opcode::touch:
        case Opcode::gat:
        case Opcode::gatq:
        case Opcode::gatk:
        case Opcode::gatkq:
            return layout(Extras::exactly, 4, Key::required, Value::forbidden);
        case Opcode::sasl_auth:
        case Opcode::sasl_step:
            return layout(Extras::none, 0, Key::required, Value::allowed);
    }
    return OpcodeLayout{};
}

bool is_known(uint8_t op) {
    return op <= 0x1e || (op >= 0x20 && op <= 0x24);
}

}  // namespace

std::string_view binary_status_text(BinaryStatus status) {
    switch (status) {
        case BinaryStatus::no_error:
            return {};
        case BinaryStatus::key_not_found:
            return "Not found";
        case BinaryStatus::key_exists:
            return "Data exists for key.";
        case BinaryStatus::value_too_large:
            return "Too large.";
        case BinaryStatus::invalid_arguments:
            return "Invalid arguments";
        case BinaryStatus::item_not_stored:
            return "Not stored.";
        case BinaryStatus::non_numeric:
            return "Non-numeric server-side value for incr or decr";
        case BinaryStatus::auth_error:
            return "Auth failure.";
        case BinaryStatus::auth_continue:
            return {};
        case BinaryStatus::unknown_command:
            return "Unknown command";
        case BinaryStatus::out_of_memory:
            return "Out of memory";
        case BinaryStatus::internal_error:
            return "Internal error";
    }
    return {};
}

bool is_quiet(uint8_t opcode) {
    switch (static_cast<Opcode>(opcode)) {
        case Opcode::getq:
        case Opcode::getkq:
        case Opcode::setq:
        case Opcode::addq:
        case Opcode::replaceq:
        case Opcode::deleteq:
        case Opcode::incrementq:
        case Opcode::decrementq:
        case Opcode::quitq:
        case Opcode::flushq:
        case Opcode::appendq:
        case Opcode::prependq:
        case Opcode::gatq:
        case Opcode::gatkq:
            return true;
        default:
            return false;
    }
}

uint8_t base_opcode(uint8_t opcode) {
    Opcode base;
    switch (static_cast<Opcode>(opcode)) {
        case Opcode::getq:
            base = Opcode::get;
            break;
        case Opcode::getkq:
            base = Opcode::getk;
            break;
        case Opcode::setq:
            base = Opcode::set;
            break;
        case Opcode::addq:
            base = Opcode::add;
            break;
        case Opcode::replaceq:
            base = Opcode::replace;
            break;
        case Opcode::deleteq:
            base = Opcode::delete_;
            break;
        case Opcode::incrementq:
            base = Opcode::increment;
            break;
        case Opcode::decrementq:
            base = Opcode::decrement;
            break;
        case Opcode::quitq:
            base = Opcode::quit;
            break;
        case Opcode::flushq:
            base = Opcode::flush;
            break;
        case Opcode::appendq:
            base = Opcode::append;
            break;
        case Opcode::prependq:
            base = Opcode::prepend;
            break;
        case Opcode::gatq:
            base = Opcode::gat;
            break;
        case Opcode::gatkq:
            base = Opcode::gatk;
            break;
        default:
            return opcode;
    }
    return static_cast<uint8_t>(base);
}

bool returns_key(uint8_t opcode) {
    switch (static_cast<Opcode>(opcode)) {
        case Opcode::getk:
        case Opcode::getkq:
        case Opcode::gatk:
        case Opcode::gatkq:
            return true;
        default:
            return false;
    }
}

OpcodeLayout opcode_layout(uint8_t opcode) {
    if (!is_known(opcode)) return OpcodeLayout{};
    return layout_of(static_cast<Opcode>(opcode));
}

uint32_t load_be32(const char* p) {
    auto b = [p](int i) { return static_cast<uint32_t>(static_cast<uint8_t>(p[i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

uint64_t load_be64(const char* p) {
    return uint64_t{load_be32(p)} << 32 | load_be32(p + 4);
}

BinaryHeader decode_binary_header(std::string_view bytes) {
    const char* p = bytes.data();
    auto u8 = [p](int i) { return static_cast<uint8_t>(p[i]); };
    BinaryHeader h;
    h.magic = u8(0);
    h.opcode = u8(1);
    h.key_len = static_cast<uint16_t>(u8(2) << 8 | u8(3));
    h.extras_len = u8(4);
    h.data_type = u8(5);
    h.vbucket_or_status = static_cast<uint16_t>(u8(6) << 8 | u8(7));
    h.body_len = load_be32(p + 8);
    h.opaque = load_be32(p + 12);
    h.cas = load_be64(p + 16);
    return h;
}

namespace {
void put_be(std::string& out, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
}  // namespace

void append_response_header(std::string& out, uint8_t opcode, BinaryStatus status, uint16_t key_len,
                            uint8_t extras_len, uint32_t body_len, uint32_t opaque, uint64_t cas) {
    out.push_back(static_cast<char>(kBinaryResponseMagic));
    out.push_back(static_cast<char>(opcode));
    put_be(out, key_len, 2);
    out.push_back(static_cast<char>(extras_len));
    out.push_back(0);  // data type: raw bytes
    put_be(out, static_cast<uint16_t>(status), 2);
    put_be(out, body_len, 4);
    // The opaque is copied back byte for byte, not interpreted.
    put_be(out, opaque, 4);
    put_be(out, cas, 8);
}

void append_error_response(std::string& out, uint8_t opcode, BinaryStatus status, uint32_t opaque,
                           std::string_view text) {
    if (text.empty()) text = binary_status_text(status);
    append_response_header(out, opcode, status, 0, 0, static_cast<uint32_t>(text.size()), opaque,
                           0);
    out.append(text);
}

}  // namespace larder::memcache
