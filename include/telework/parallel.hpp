#pragma once

#include <cstddef>
#include <functional>

namespace telework {

// Calls work(i) for every i in [0, count) on up to `jobs` threads.
void parallel_for(std::size_t count, int jobs, const std::function<void(std::size_t)>& work);

// The number of workers parallel_for_by_worker uses: ids run from 0 to it.
std::size_t worker_count(std::size_t count, int jobs);

// As parallel_for, calling work(i, worker) where `worker` is the id of the
// thread doing it: results gathered per worker need no lock.
void parallel_for_by_worker(std::size_t count, int jobs, const std::function<void(std::size_t, std::size_t)>& work);

// Below this many items, work that could be split between two threads is
// done on one: starting a thread costs more than sorting a few thousand
// strings, and most of a single-file run.
inline constexpr std::size_t min_items_for_a_thread = 4096;

// The default worker count: all cores.
int default_jobs();

} // namespace telework
