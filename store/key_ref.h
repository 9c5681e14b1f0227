// The locked-key primitive: one key, seen and changed with its shard locked, through
// Store::with_key (one key) or Store::with_keys (several, shards locked in ascending order).
// Every read-modify-write command is a function over KeyRefs, so nothing can slip between
// its read and its write.
//
// Lifetime and threads: a KeyRef exists only inside the with_key callback that received it,
// on the calling thread; so do the views and pointers it hands out. A string view is valid
// until the next change made through any KeyRef of the same call; a collection pointer until
// the key is erased or replaced. The callback must not call back into the store.
//
// Changes: set_string, store, erase and set_expiry take effect (and are reported to the
// mutation sink) at once. A collection changed through edit() or create() is committed when
// the callback returns — its memory counted and the whole typed value reported as a
// store_collection mutation — and a collection left empty deletes its key, as in Redis.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "store/collections/collection.h"
#include "store/types.h"

namespace larder::store {

struct KeyState;  // store internals (key_ref.cc)

class KeyRef {
  public:
    explicit KeyRef(KeyState& state) : state_(&state) {}

    std::string_view key() const;
    bool exists() const;
    // Only when exists().
    ValueType type() const;
    int64_t expire_at_ms() const;  // 0 = none
    uint32_t flags() const;        // memcached client flags
    // The string value (type() == string); `buffer` (kMaxDecimalLength bytes) holds an
    // integer's text.
    std::string_view string_value(char* buffer) const;
    // The key's collection if it holds one of type T, else nullptr (missing, or another type:
    // check type() to tell WRONGTYPE from missing).
    template <class T>
    const T* get() const {
        return static_cast<const T*>(collection_of(T::kType));
    }
    // As get(), for changing it in place; the change is committed when the callback returns.
    template <class T>
    T* edit() {
        return static_cast<T*>(edit_collection(T::kType));
    }
    // The key must not exist: makes an empty T there, committed (with no expiry) when the
    // callback returns unless it is still empty then.
    template <class T>
    T& create() {
        return static_cast<T&>(create_collection(std::make_unique<T>()));
    }

    // The maxmemory check a write makes first: evicts other keys by the policy if `bytes`
    // more would not fit; out_of_memory if the shard stays over its share.
    Status reserve(size_t bytes);
    // Replaces whatever the key holds with a string (Redis SET; memcached set).
    Status set_string(std::string_view value, int64_t expire_at_ms, uint32_t flags = 0);
    // Replaces whatever the key holds with `value` (RENAME, COPY, *STORE), no expiry unless
    // given. An empty value deletes the key instead.
    Status store(std::unique_ptr<Collection> value, int64_t expire_at_ms = 0);
    // Deletes the key; false if it was missing.
    bool erase();
    // Takes the key's collection out of the store (RENAME, MOVE): the key is deleted and the
    // caller owns the value. nullptr for a string or a missing key.
    std::unique_ptr<Collection> take();
    // Sets (> 0) or clears (0) the expiry of an existing key; a time <= now deletes it.
    void set_expiry(int64_t expire_at_ms);

    int64_t now_ms() const;
    CollectionLimits limits() const;
    uint64_t random();  // a fresh pseudo-random number (SPOP, SRANDMEMBER, ...)

  private:
    const Collection* collection_of(ValueType type) const;
    Collection* edit_collection(ValueType type);
    Collection& create_collection(std::unique_ptr<Collection> value);

    KeyState* state_;
};

}  // namespace larder::store
