#include "protocols/memcache/binary_request.h"

namespace larder::memcache {
namespace {

uint32_t be32_at(std::string_view extras, size_t offset) {
    return extras.size() >= offset + 4 ? load_be32(extras.data() + offset) : 0;
}

uint64_t be64_at(std::string_view extras, size_t offset) {
    return extras.size() >= offset + 8 ? load_be64(extras.data() + offset) : 0;
}

}  // namespace

StorageExtras storage_extras(const BinaryRequest& req) {
    return StorageExtras{be32_at(req.extras, 0), be32_at(req.extras, 4)};
}

ArithmeticExtras arithmetic_extras(const BinaryRequest& req) {
    return ArithmeticExtras{be64_at(req.extras, 0), be64_at(req.extras, 8),
                            be32_at(req.extras, 16)};
}

uint32_t expiration_extras(const BinaryRequest& req) {
    return be32_at(req.extras, 0);
}

uint32_t verbosity_extras(const BinaryRequest& req) {
    return be32_at(req.extras, 0);
}

}  // namespace larder::memcache
