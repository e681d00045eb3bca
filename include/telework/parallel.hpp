#pragma once

#include <cstddef>
#include <functional>

namespace telework {

// Calls work(i) for every i in [0, count) on up to `jobs` threads.
void parallel_for(std::size_t count, int jobs, const std::function<void(std::size_t)>& work);

// The default worker count: all cores.
int default_jobs();

} // namespace telework
