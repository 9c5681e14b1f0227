// What the allocator really hands out. Memory accounting counts these sizes, not the bytes
// asked for, so used memory tracks RSS: tcmalloc rounds a 40-byte item up to 48.
#pragma once

#include <cstddef>

namespace larder::store {

// Blocks for items and hash tables. Every block the store holds comes from these, so the
// accounting below sees all of it.
void* alloc_block(size_t bytes);
// Bucket arrays. Small ones come from malloc, 64-byte aligned; from kTablePagesFrom bytes
// up they get pages of their own (mmap), zeroed, and munmap gives them back on free. A
// growing table frees arrays of ever larger sizes, which in malloc would stay cached in
// size classes nothing else uses; as pages, they return to the system at once.
inline constexpr size_t kTablePagesFrom = 4096;
void* alloc_table_block(size_t bytes);  // zeroed
void free_table_block(void* block, size_t bytes);
// The real size of a table block of `bytes` (page-rounded when it gets pages).
size_t table_block_size(size_t bytes);
// Gives back the pages of [from, to) of a paged table block (offsets from its start; both
// page multiples): they read as zero afterwards. A no-op for malloc'd blocks.
void release_table_pages(void* block, size_t bytes, size_t from, size_t to);
// Grows a block from alloc_block (never shrinks: a shrinking realloc may keep the larger
// block, and the accounting would then miss the difference).
void* grow_block(void* block, size_t bytes);
void free_block(void* block);

// The real size of `block`, which alloc_block or grow_block made for `requested` bytes.
// With tcmalloc (or any allocator exporting nallocx) this is nallocx(requested), found
// without touching the block's page map; otherwise malloc_usable_size(block).
size_t block_size(const void* block, size_t requested);

// The real size a block of `requested` bytes will have, known before allocating it (to
// check a memory limit first). Exact with nallocx; otherwise glibc's rounding, which the
// accounting then corrects with the block's actual size.
size_t expected_block_size(size_t requested);

// Whether sizes come from nallocx (true in a process linked with tcmalloc).
bool allocator_reports_exact_sizes();

}  // namespace larder::store
