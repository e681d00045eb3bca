#include "heap.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TELEWORK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TELEWORK_SANITIZED 1
#endif

namespace telework::cli {

#if defined(__GLIBC__) && !defined(TELEWORK_SANITIZED)

namespace {

bool strict_overcommit() {
    std::FILE* file = std::fopen("/proc/sys/vm/overcommit_memory", "re");
    if (!file) return false;
    const int mode = std::fgetc(file);
    std::fclose(file);
    return mode == '2';
}

} // namespace

void prefer_huge_heap_pages() {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if ((tunables && std::strstr(tunables, "glibc.malloc.")) || strict_overcommit()) return;
    constexpr std::size_t reserve = std::size_t{512} << 20;    // virtual: only pages written count
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    // Large blocks from the heap too, and freed memory kept for reuse:
    // a block mapped apart and unmapped when freed is faulted in anew by
    // the next one.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, static_cast<int>(reserve));
    // One block larger than what is left makes the heap grow, by the
    // reserve; from that block (which starts in what was left) to the new
    // end of the heap is what is advised.
    constexpr std::size_t block_size = std::size_t{1} << 20;
    const auto* before = static_cast<const char*>(sbrk(0));
    void* block = std::malloc(block_size);
    const auto* after = static_cast<const char*>(sbrk(0));
    const auto* start = static_cast<const char*>(block);
    if (block && after > before && start <= before && static_cast<std::size_t>(after - start) <= reserve + 2 * block_size) {
        const auto from = (reinterpret_cast<std::uintptr_t>(start) + huge_page - 1) & ~(huge_page - 1);
        const auto to = reinterpret_cast<std::uintptr_t>(after) & ~(huge_page - 1);
        if (to > from) (void)madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
    }
    std::free(block);
}

#else

void prefer_huge_heap_pages() {}

#endif

} // namespace telework::cli
