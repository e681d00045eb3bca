#include "output.hpp"
#include "create_file.hpp"

#include "command.hpp"
#include "errors.hpp"

#include "telework/file_access.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace telework::cli {

namespace fs = std::filesystem;

namespace {

// The temporary file being written, for the signal handler: a fixed buffer,
// since the handler may only call async-signal-safe functions.
std::array<char, 4096> pending_temporary{};
volatile std::sig_atomic_t have_pending_temporary = 0;

extern "C" void remove_temporary_and_die(int signal) {
    if (have_pending_temporary) ::unlink(pending_temporary.data());
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Removes the temporary file on every way out: an error, SIGINT, SIGTERM.
class TemporaryFile {
public:
    explicit TemporaryFile(const fs::path& target) {
        const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
        std::string pattern = (dir / fmt::format(".{}.XXXXXX", target.filename().string())).string();
        if (pattern.size() >= pending_temporary.size()) throw OutputError(fmt::format("cannot write '{}': the path is too long", target.string()));
        fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd_ < 0) throw OutputError(fmt::format("cannot write '{}': {}", target.string(), std::strerror(errno)));
        path_ = pattern;
        std::copy(pattern.begin(), pattern.end(), pending_temporary.begin());
        pending_temporary[pattern.size()] = '\0';
        have_pending_temporary = 1;
        previous_int_ = std::signal(SIGINT, remove_temporary_and_die);
        previous_term_ = std::signal(SIGTERM, remove_temporary_and_die);
    }
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!path_.empty()) ::unlink(path_.c_str());
        std::signal(SIGINT, previous_int_);
        std::signal(SIGTERM, previous_term_);
        have_pending_temporary = 0;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    // After a successful close and rename, nothing is left to remove.
    int close() {
        const int status = ::close(fd_);
        fd_ = -1;
        return status;
    }
    void renamed() {
        have_pending_temporary = 0;
        path_.clear();
    }

private:
    int fd_ = -1;
    std::string path_;
    void (*previous_int_)(int) = SIG_DFL;
    void (*previous_term_)(int) = SIG_DFL;
};

// The mode a new file gets from open(2): 0666 less the umask.
mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

void write_all(int fd, std::string_view content, const std::string& target) {
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw OutputError(fmt::format("cannot write '{}': {}", target, std::strerror(errno)));
        }
        written += static_cast<std::size_t>(n);
    }
}

} // namespace

void write_result(const GlobalOptions& global, std::string_view content) {
    if (global.output.empty() || global.output == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
            throw OutputError(fmt::format("cannot write the result to standard output: {}", std::strerror(errno)));
        }
        return;
    }
    const fs::path target(global.output);
    // Only a regular file is ever replaced: renaming over a device node, a
    // FIFO or a directory would destroy it. A symbolic link is replaced
    // itself, never followed, so a link planted in a checkout cannot send
    // the result elsewhere.
    // A relative path may run through directories of a checkout, where a
    // pull request can plant a link: none is followed.
    if (target.is_relative()) {
        fs::path walked;
        for (const auto& part : target.parent_path().lexically_normal()) {
            walked /= part;
            struct stat step {};
            if (::lstat(walked.c_str(), &step) == 0 && S_ISLNK(step.st_mode)) {
                throw OutputError(fmt::format("cannot write '{}': '{}' is a symbolic link; --output does not write "
                                              "through links",
                                              global.output, walked.generic_string()));
            }
        }
    }
    struct stat existing {};
    mode_t mode = new_file_mode();
    if (::lstat(target.c_str(), &existing) == 0) {
        struct stat followed {};
        if (S_ISREG(existing.st_mode)) {
            mode = existing.st_mode & 07777;
        } else if (!S_ISLNK(existing.st_mode)) {
            throw OutputError(fmt::format("cannot write '{}': it is {}; --output writes only regular files",
                                          global.output, describe_file_type(existing.st_mode)));
        } else if (::stat(target.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode)) {
            // /dev/stdout and the like: replacing the link would destroy it.
            throw OutputError(fmt::format("cannot write '{}': it is a symbolic link to {}; --output writes only "
                                          "regular files (leave -o out to write to standard output)",
                                          global.output, describe_file_type(followed.st_mode)));
        }
    }
    TemporaryFile temporary(target);
    write_all(temporary.fd(), content, global.output);
    if (::fchmod(temporary.fd(), mode) != 0 || ::fsync(temporary.fd()) != 0 || temporary.close() != 0 ||
        std::rename(temporary.path().c_str(), target.c_str()) != 0) {
        throw OutputError(fmt::format("cannot write '{}': {}", global.output, std::strerror(errno)));
    }
    temporary.renamed();
}

bool create_new_file(int dir_fd, const std::string& name, std::string_view content, const std::string& shown) {
    struct stat existing {};
    if (::fstatat(dir_fd, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0) return false;
    // The temporary file is made through the directory's descriptor, so it
    // lands where the checks were made whatever happens to the path since.
    TemporaryFile temporary(fs::path(fmt::format("/proc/self/fd/{}", dir_fd)) / name);
    write_all(temporary.fd(), content, shown);
    if (::fchmod(temporary.fd(), new_file_mode()) != 0 || ::fsync(temporary.fd()) != 0 || temporary.close() != 0) {
        throw OutputError(fmt::format("cannot write '{}': {}", shown, std::strerror(errno)));
    }
    if (::renameat2(AT_FDCWD, temporary.path().c_str(), dir_fd, name.c_str(), RENAME_NOREPLACE) == 0) {
        temporary.renamed();
        return true;
    }
    if (errno == EEXIST) return false;
    if (errno != EINVAL && errno != ENOSYS) {
        throw OutputError(fmt::format("cannot write '{}': {}", shown, std::strerror(errno)));
    }
    // link(2) never replaces either; the temporary name goes with the object.
    if (::linkat(AT_FDCWD, temporary.path().c_str(), dir_fd, name.c_str(), 0) == 0) return true;
    if (errno == EEXIST) return false;
    throw OutputError(fmt::format("cannot write '{}': {}", shown, std::strerror(errno)));
}

bool use_color(const GlobalOptions& global) {
    if (global.color == "always") return true;
    if (global.color == "never" || !global.output.empty()) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) != 0;
}

std::string_view choose_format(const GlobalOptions& global, std::string_view command) {
    const auto offered = formats_of(command);
    if (global.format.empty()) return offered.front();
    for (const auto format : offered) {
        if (format == global.format) return format;
    }
    std::string message = fmt::format("unknown format '{}' for this command; expected one of {}", global.format,
                                      join_names(offered));
    if (const auto guess = closest_match(global.format, offered)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
}

} // namespace telework::cli
