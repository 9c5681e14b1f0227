#include "store/alloc.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

// Weak, so the store links without tcmalloc (unit tests, sanitizer builds): the symbol is
// then null and we ask malloc_usable_size instead. tcmalloc and jemalloc both export it.
extern "C" size_t nallocx(size_t size, int flags) __attribute__((weak));

namespace larder::store {
namespace {

constexpr int kLgCacheLine = 6;  // MALLOCX_LG_ALIGN(6): 64-byte alignment

// Table slots keep item pointers in 48 bits (see bucket_table.h). Every allocator on x86-64
// and arm64 Linux hands out user addresses below 2^48; a block above it would silently
// corrupt the table, so we stop instead.
void* checked(void* block) {
    if (block == nullptr) throw std::bad_alloc();
    if ((reinterpret_cast<uintptr_t>(block) >> 48) != 0) {
        std::fputs("larder store: allocator returned an address above 2^48\n", stderr);
        std::abort();
    }
    return block;
}

}  // namespace

void* alloc_block(size_t bytes) {
    return checked(std::malloc(bytes));
}

size_t page_rounded(size_t bytes) {
    const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return (bytes + page - 1) / page * page;
}

void* alloc_table_block(size_t bytes) {
    if (bytes < kTablePagesFrom) {
        // aligned_alloc wants a multiple of the alignment; bucket arrays always are.
        void* block = checked(std::aligned_alloc(size_t{1} << kLgCacheLine, bytes));
        std::memset(block, 0, bytes);
        return block;
    }
    void* block = mmap(nullptr, page_rounded(bytes), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) throw std::bad_alloc();
    return checked(block);  // fresh anonymous pages read as zero
}

void free_table_block(void* block, size_t bytes) {
    if (block == nullptr) return;
    if (bytes < kTablePagesFrom) {
        std::free(block);
        return;
    }
    munmap(block, page_rounded(bytes));
}

void release_table_pages(void* block, size_t bytes, size_t from, size_t to) {
    if (bytes < kTablePagesFrom || from >= to) return;
    madvise(static_cast<char*>(block) + from, to - from, MADV_DONTNEED);
}

size_t table_block_size(size_t bytes) {
    if (bytes == 0) return 0;
    if (bytes >= kTablePagesFrom) return page_rounded(bytes);
    if (nallocx != nullptr) return nallocx(bytes, kLgCacheLine);
    return expected_block_size(bytes);
}

void* grow_block(void* block, size_t bytes) {
    return checked(std::realloc(block, bytes));
}

void free_block(void* block) {
    std::free(block);
}

size_t block_size(const void* block, size_t requested) {
    if (nallocx != nullptr) return nallocx(requested, 0);
    return malloc_usable_size(const_cast<void*>(block));
}

size_t expected_block_size(size_t requested) {
    if (nallocx != nullptr) return nallocx(requested, 0);
    // glibc: a chunk of max(32, requested + 8 rounded up to 16), of which all but the
    // 8-byte size word is usable.
    const size_t chunk = (requested + 8 + 15) & ~size_t{15};
    return (chunk < 32 ? 32 : chunk) - 8;
}

bool allocator_reports_exact_sizes() {
    return nallocx != nullptr;
}

}  // namespace larder::store
