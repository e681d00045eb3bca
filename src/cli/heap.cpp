#include "heap.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
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

bool address_space_limited() {
    for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
        struct rlimit limit {};
        if (::getrlimit(resource, &limit) != 0 || limit.rlim_cur != RLIM_INFINITY) return true;
    }
    return false;
}

// The user (or a wrapper) has tuned malloc already: that choice stands.
bool malloc_tuned_by_environment() {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.")) return true;
    for (const char* name : {"MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_MAX_"}) {
        if (std::getenv(name)) return true;
    }
    return false;
}

} // namespace

void prefer_huge_heap_pages() {
    if (malloc_tuned_by_environment() || strict_overcommit() || address_space_limited()) return;
    // Address space only: pages count once written. An eighth of the
    // memory, between 64 and 512 MiB.
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page_size <= 0) return;
    const std::size_t memory = static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size);
    const std::size_t reserve = std::clamp(memory / 8, std::size_t{64} << 20, std::size_t{512} << 20);
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    constexpr int default_top_pad = 128 * 1024;
    // Blocks up to 32 MiB (glibc's largest) from the heap, and freed memory
    // kept for reuse: a block mapped apart and unmapped when freed is
    // faulted in anew by the next one.
    if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, 1 << 30) != 1 ||
        mallopt(M_TOP_PAD, static_cast<int>(reserve)) != 1) {
        return;
    }
    // One block larger than what is left makes the heap grow, by the
    // reserve; from that block (which starts in what was left) to the new
    // end of the heap is what is advised. Addresses are compared as
    // integers: they are not of one object.
    constexpr std::size_t block_size = std::size_t{1} << 20;
    const auto before = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    void* block = std::malloc(block_size);
    const auto after = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    const auto start = reinterpret_cast<std::uintptr_t>(block);
    if (block && after > before && start <= before && after - start <= reserve + 2 * block_size) {
        const std::uintptr_t from = (start + huge_page - 1) & ~(huge_page - 1);
        const std::uintptr_t to = after & ~(huge_page - 1);
        if (to > from) (void)::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
    } else {
        (void)mallopt(M_TOP_PAD, default_top_pad); // the heap did not grow as planned: no reserve either
    }
    std::free(block);
}

#else

void prefer_huge_heap_pages() {}

#endif

} // namespace telework::cli
