// A growable byte buffer that encoders append replies to. One per connection; the daemon
// hands its contents to the transport in a single write per pipelined batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace larder::proto {

class OutBuffer {
public:
    void append(std::string_view bytes) { data_.append(bytes.data(), bytes.size()); }
    void append(char c) { data_.push_back(c); }
    // Appends the decimal form of v without going through iostreams or allocating.
    void append_decimal(int64_t v);
    void append_unsigned(uint64_t v);

    std::string_view view() const { return data_; }
    size_t size() const { return data_.size(); }
    bool empty() const { return data_.empty(); }
    void clear() { data_.clear(); }
    // Gives the bytes away (for a write in flight) and leaves this buffer empty.
    std::string take() {
        std::string out;
        out.swap(data_);
        return out;
    }
    // Rolls back to an earlier size, e.g. to drop a partial reply.
    void truncate(size_t n) { data_.resize(n); }
    std::string& raw() { return data_; }

private:
    std::string data_;
};

}  // namespace larder::proto
