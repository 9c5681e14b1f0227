#include "protocols/common/out_buffer.h"

#include <charconv>

namespace larder::proto {

void OutBuffer::append_decimal(int64_t v) {
    char tmp[24];
    auto res = std::to_chars(tmp, tmp + sizeof tmp, v);
    data_.append(tmp, static_cast<size_t>(res.ptr - tmp));
}

void OutBuffer::append_unsigned(uint64_t v) {
    char tmp[24];
    auto res = std::to_chars(tmp, tmp + sizeof tmp, v);
    data_.append(tmp, static_cast<size_t>(res.ptr - tmp));
}

}  // namespace larder::proto
