#include "telework/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace telework {

int default_jobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

std::size_t worker_count(std::size_t count, int jobs) {
    return std::max<std::size_t>(1, std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, jobs))));
}

void parallel_for_by_worker(std::size_t count, int jobs, const std::function<void(std::size_t, std::size_t)>& work) {
    const std::size_t threads = worker_count(count, jobs);
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) work(i, 0);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&](std::size_t id) {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                work(i, id);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

void parallel_for(std::size_t count, int jobs, const std::function<void(std::size_t)>& work) {
    parallel_for_by_worker(count, jobs, [&](std::size_t i, std::size_t) { work(i); });
}

} // namespace telework
