// The large encodings' index: an open-addressing table of pointers to entries, where an
// entry is one block the collection allocates (a hash's field and value, a set's member, a
// sorted set's member and score) and the table only stores its address. The table never
// owns or frees entries; it learns an entry's key through the KeyOf function it was built
// with. Element hashes are seeded once per process, so clients cannot choose colliding
// fields. Not thread-safe (collection.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "store/function_ref.h"

namespace larder::store {

class EntryTable {
  public:
    using KeyOf = std::string_view (*)(const void* entry);

    explicit EntryTable(KeyOf key_of);
    ~EntryTable();
    EntryTable(EntryTable&& other) noexcept;
    EntryTable& operator=(EntryTable&& other) noexcept;
    EntryTable(const EntryTable&) = delete;
    EntryTable& operator=(const EntryTable&) = delete;

    // The seeded hash every EntryTable uses for element keys.
    static uint64_t hash(std::string_view key);

    size_t size() const { return size_; }
    // The allocator's real size of the slot array (entries are the collection's to count).
    size_t owned_bytes() const;

    void* find(std::string_view key, uint64_t hash) const;
    // Adds an entry whose key is not in the table; may grow the table.
    void insert(void* entry, uint64_t hash);
    // Takes out the entry with `key` and returns it (nullptr if none); may shrink the table.
    void* remove(std::string_view key, uint64_t hash);
    // An entry chosen at random (size() > 0).
    void* random(uint64_t random) const;
    // Visits every entry; stop early by returning false.
    void for_each(FunctionRef<bool(void* entry)> fn) const;
    // Visits about `count` entries from `cursor` and returns the next cursor (0 = done).
    // An entry present for the whole scan is visited at least once even if the table grows
    // or shrinks in between (reverse-binary cursor, as Redis's SCAN), possibly more than once.
    uint64_t scan(uint64_t cursor, size_t count, FunctionRef<void(void* entry)> fn) const;
    // Removes every slot (not the entries).
    void clear();

  private:
    KeyOf key_of_;
    void** slots_ = nullptr;
    size_t capacity_ = 0;  // a power of two, or 0
    size_t size_ = 0;
};

}  // namespace larder::store
