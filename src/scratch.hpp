#pragma once

#include <cstddef>
#include <string>

namespace telework::detail {

// A thread's scratch buffer is kept for the next record unless one large
// entry grew it: then it is given back.
constexpr std::size_t scratch_keep_bytes = std::size_t{1} << 20;

struct ScratchRelease {
    std::string& scratch;
    explicit ScratchRelease(std::string& buffer) : scratch(buffer) {}
    ScratchRelease(const ScratchRelease&) = delete;
    ScratchRelease& operator=(const ScratchRelease&) = delete;
    ~ScratchRelease() {
        if (scratch.capacity() > scratch_keep_bytes) scratch = std::string();
    }
};

} // namespace telework::detail
