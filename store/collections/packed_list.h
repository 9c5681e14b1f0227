// The small encoding every collection type shares (Redis's listpack, in spirit): a sequence
// of byte strings in one growable block, each stored as a varint length followed by its
// bytes, with nothing else per entry. Small hashes keep field, value, field, value...; small
// sets keep members; small sorted sets keep member, score-text pairs in (score, member)
// order; lists keep one PackedList per node. Positions are byte offsets, valid until the
// next change. Not thread-safe (see collection.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace larder::store {

class PackedList {
  public:
    PackedList() = default;
    ~PackedList();
    PackedList(PackedList&& other) noexcept;
    PackedList& operator=(PackedList&& other) noexcept;
    PackedList(const PackedList&) = delete;
    PackedList& operator=(const PackedList&) = delete;

    size_t count() const { return count_; }  // entries
    size_t bytes() const { return used_; }   // encoded bytes in use
    bool empty() const { return count_ == 0; }
    // The allocator's real size of the block (0 when nothing was ever stored).
    size_t owned_bytes() const;

    // Offsets: begin() is the first entry, end() is one past the last.
    size_t begin() const { return 0; }
    size_t end() const { return used_; }
    // The entry at `pos` (< end()), and the offset of the one after it.
    std::string_view at(size_t pos) const;
    size_t next(size_t pos) const;
    // The offset of the entry before pos (pos > begin()); O(pos), since entries carry no
    // back-length.
    size_t prev(size_t pos) const;
    // The offset of the index-th entry (0-based; index <= count()), scanning forward.
    size_t offset_of(size_t index) const;
    // The first entry at or after `from` that equals `value`, stepping `stride` entries at a
    // time (2 for a hash's fields); end() if none.
    size_t find(std::string_view value, size_t stride = 1, size_t from = 0) const;

    // Inserts before `pos` (end() appends); returns the new entry's offset.
    size_t insert(size_t pos, std::string_view value);
    void push_back(std::string_view value) { insert(end(), value); }
    // Replaces the entry at pos; returns its offset (unchanged).
    size_t replace(size_t pos, std::string_view value);
    // Erases `n` entries starting at pos; returns pos (now the entry after them).
    size_t erase(size_t pos, size_t n = 1);
    void clear();
    // Gives back spare capacity (after erases), so owned_bytes tracks what is used.
    void shrink_to_fit();

    // Bytes one entry of `value_size` bytes takes encoded (varint length + bytes).
    static size_t encoded_size(size_t value_size);

  private:
    char* data_ = nullptr;
    size_t used_ = 0;
    size_t capacity_ = 0;
    size_t count_ = 0;
};

}  // namespace larder::store
