#include "output.hpp"

#include "errors.hpp"

#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace telework::cli {

namespace fs = std::filesystem;

void write_result(const GlobalOptions& global, std::string_view content) {
    if (global.output.empty() || global.output == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        std::fflush(stdout);
        return;
    }
    const fs::path target(global.output);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (dir / fmt::format(".{}.XXXXXX", target.filename().string())).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw UsageError(fmt::format("cannot write '{}': {}", global.output, std::strerror(errno)));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(pattern.c_str());
            throw UsageError(fmt::format("cannot write '{}': {}", global.output, std::strerror(error)));
        }
        written += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(pattern.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(pattern.c_str());
        throw UsageError(fmt::format("cannot write '{}': {}", global.output, std::strerror(error)));
    }
}

bool use_color(const GlobalOptions& global) {
    if (global.color == "always") return true;
    if (global.color == "never" || !global.output.empty()) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) != 0;
}

std::string_view choose_format(const GlobalOptions& global, std::initializer_list<std::string_view> offered) {
    if (global.format.empty()) return *offered.begin();
    for (const auto format : offered) {
        if (format == global.format) return format;
    }
    const std::vector<std::string_view> names(offered);
    std::string message = fmt::format("unknown format '{}' for this command; expected one of {}", global.format,
                                      join_names(names));
    if (const auto guess = closest_match(global.format, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
}

} // namespace telework::cli
