#include "store/eviction.h"

namespace larder::store {

void EvictionPool::remove_at(size_t i) {
    for (size_t j = i + 1; j < count_; ++j) entries_[j - 1] = entries_[j];
    --count_;
}

void EvictionPool::forget_slow(const Item* item) {
    for (size_t i = 0; i < count_; ++i) {
        if (entries_[i].item == item) {
            remove_at(i);
            return;
        }
    }
}

void EvictionPool::offer(Item* item, uint64_t score) {
    forget_slow(item);
    if (count_ == kSize) {
        if (score <= entries_[0].score) return;
        remove_at(0);  // drop the weakest to make room
    }
    size_t i = count_;
    while (i > 0 && entries_[i - 1].score > score) {
        entries_[i] = entries_[i - 1];
        --i;
    }
    entries_[i] = Entry{item, score};
    ++count_;
}

Item* EvictionPool::take_best(const Item* skip) {
    for (size_t i = count_; i > 0; --i) {
        if (entries_[i - 1].item == skip) continue;
        Item* best = entries_[i - 1].item;
        remove_at(i - 1);
        return best;
    }
    return nullptr;
}

}  // namespace larder::store
