#pragma once

#include "global_options.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace telework::cli {

// "telework: reading files: 1200 of 30000" on standard error while a long
// run reads, redrawn in place and cleared at the end. Only when standard
// error is a terminal, never in CI (CI set) or with -q, and only once the
// run has taken a second (TELEWORK_PROGRESS_DELAY_MS changes that, for tests).
class ProgressLine {
public:
    ProgressLine(const GlobalOptions& global, std::size_t total);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // What the library counts into (RunSettings::files_loaded).
    std::atomic<std::size_t>* counter() { return &done_; }

private:
    void run(std::chrono::milliseconds delay);

    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    std::mutex mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    bool drawn_ = false;
    std::thread thread_;
};

} // namespace telework::cli
