#pragma once

namespace telework::cli {

// Asks glibc's allocator to keep the main heap in one region reserved ahead
// and the kernel to back it with huge pages. A run over a large repo touches
// a few hundred MiB of heap; on virtual machines each fresh 4 KiB page costs
// microseconds (about 10 us on the one the benchmark ran on: 16% of a warm
// run's CPU), and huge pages take 512 of them at once. Does nothing where it
// cannot apply: not glibc, under a sanitizer, strict overcommit, a limit
// on the address space, or malloc already tuned through the environment
// (GLIBC_TUNABLES naming a glibc.malloc tunable, MALLOC_*_ variables): the
// user's choice stands, and is the way to turn this off.
void prefer_huge_heap_pages();

} // namespace telework::cli
