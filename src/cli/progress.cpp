#include "progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace telework::cli {

namespace {

bool wanted(const GlobalOptions& global) {
    const char* ci = std::getenv("CI");
    return !global.quiet && (ci == nullptr || *ci == '\0') && ::isatty(STDERR_FILENO) != 0;
}

std::chrono::milliseconds delay() {
    const char* text = std::getenv("TELEWORK_PROGRESS_DELAY_MS");
    long value = 1000;
    if (text != nullptr) {
        const std::string_view view(text);
        long parsed = 0;
        if (std::from_chars(view.data(), view.data() + view.size(), parsed).ec == std::errc() && parsed >= 0) {
            value = parsed;
        }
    }
    return std::chrono::milliseconds(value);
}

} // namespace

ProgressLine::ProgressLine(const GlobalOptions& global, std::size_t total) : total_(total) {
    if (total_ > 0 && wanted(global)) thread_ = std::thread([this, wait = delay()] { run(wait); });
}

ProgressLine::~ProgressLine() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ProgressLine::run(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    // A zero delay draws the line at least once, however soon the run ends
    // (a warm run can end before this thread first runs).
    if (wait.count() > 0 && stop_.wait_for(lock, wait, [this] { return stopping_; })) return;
    do {
        fmt::print(stderr, "\rtelework: reading files: {} of {}", done_.load(std::memory_order_relaxed), total_);
        std::fflush(stderr);
        drawn_ = true;
    } while (!stop_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; }));
    // Erase the line, so what follows starts clean.
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
}

} // namespace telework::cli
