#include "telework/file_access.hpp"
#include "telework/file_create.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace telework {

namespace fs = std::filesystem;

namespace {

class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};


bool lies_beneath(const fs::path& path, const fs::path& base) {
    const fs::path relative = path.lexically_relative(base);
    return !relative.empty() && *relative.begin() != "..";
}

std::string outside(const ReadRoot& root) {
    return fmt::format("it is a symbolic link that leads outside {}; telework does not follow links out of the tree",
                       root.path().generic_string());
}

bool is_link(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

std::string describe_errno(int error, const ReadRoot& root, const fs::path& path) {
    switch (error) {
    case EXDEV: return outside(root);
    case ELOOP: return "it is a symbolic link loop (or a chain of more than 40 links)";
    case ENOENT:
        if (is_link(path)) return "it is a dangling symbolic link (its target does not exist)";
        return "no such file or directory";
    case ENOTDIR: return "a component of the path is not a directory";
    default: return std::strerror(error);
    }
}

FileStamp stamp_of(const struct stat& info) {
    return FileStamp{FileIdentity{static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino)},
                     info.st_size > 0 ? static_cast<std::uint64_t>(info.st_size) : 0,
                     std::int64_t{info.st_mtim.tv_sec}, std::int64_t{info.st_mtim.tv_nsec},
                     std::int64_t{info.st_ctim.tv_sec}, std::int64_t{info.st_ctim.tv_nsec}};
}

FileKind kind_of(mode_t mode) {
    if (S_ISREG(mode)) return FileKind::Regular;
    if (S_ISDIR(mode)) return FileKind::Directory;
    return FileKind::Other;
}

constexpr std::string_view into_git = "it leads into .git, which telework never reads";

// openat2 beneath the root's descriptor; -1 with errno set when it fails.
int open_at_root(const ReadRoot& root, const fs::path& relative, int flags, std::uint64_t resolve) {
    // openat2 refuses flags that mean nothing to O_PATH.
    flags |= (flags & O_PATH) ? O_CLOEXEC : O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    open_how how{};
    how.flags = static_cast<decltype(how.flags)>(flags);
    how.resolve = static_cast<decltype(how.resolve)>(resolve);
    const char* name = relative.empty() ? "." : relative.c_str();
    return static_cast<int>(::syscall(SYS_openat2, root.descriptor(), name, &how, sizeof how));
}

// Opens `relative` beneath the root. openat2 with RESOLVE_BENEATH refuses
// every step out of the root, by "..", an absolute link or a relative one.
// Where the kernel lacks it, or for an absolute link that may still land
// inside, the fully resolved path is checked against the root and opened
// without following a last link.
Expected<int, std::string> open_following_links(const ReadRoot& root, const fs::path& path,
                                                const fs::path& relative, int flags) {
    const int fd = open_at_root(root, relative, flags, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS);
    if (fd >= 0) return fd;
    const int error = errno;
    if (error != EXDEV && error != ENOSYS && error != EPERM && error != EAGAIN) {
        return unexpected(describe_errno(error, root, path));
    }
    std::error_code resolve_error;
    const fs::path resolved = fs::canonical(root.path() / relative, resolve_error);
    if (resolve_error) return unexpected(describe_errno(resolve_error.value(), root, path));
    if (!root.contains(resolved)) return unexpected(outside(root));
    const int fallback = ::open(resolved.c_str(), flags | O_NOFOLLOW);
    if (fallback < 0) return unexpected(describe_errno(errno, root, path));
    return fallback;
}

bool first_component_is_git(const fs::path& relative) { return !relative.empty() && *relative.begin() == ".git"; }

// A first component that a case-insensitive file system, or one with 8.3
// short names, may resolve to .git (".GIT", "git~1"): its spelling settles
// nothing, so the kernel is asked where the descriptor leads.
bool may_name_git(const fs::path& relative) {
    if (relative.empty()) return false;
    const std::string& first = relative.begin()->native();
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    auto starts_folded = [&](std::string_view prefix) {
        return first.size() >= prefix.size() &&
               std::equal(prefix.begin(), prefix.end(), first.begin(), [&](char a, char b) { return a == lower(b); });
    };
    return (first.size() == 4 && starts_folded(".git")) || starts_folded("git~");
}

// The checkout's own .git holds its configuration, and in CI often a token:
// a link into it is refused like a link out of the tree.
Expected<int, std::string> open_beneath(const ReadRoot& root, const fs::path& path, int flags) {
    const auto relative = root.relative(path);
    if (!relative) return unexpected(fmt::format("it lies outside {}", root.path().generic_string()));
    // Most files are reached without a link; then the path named is the path
    // opened, and its first component settles .git without asking the kernel
    // where the descriptor leads.
    if (const int fd = open_at_root(root, *relative, flags, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS); fd >= 0) {
        if (!may_name_git(*relative)) return fd;
        ::close(fd);
        if (first_component_is_git(*relative)) return unexpected(std::string(into_git));
    }
    auto fd = open_following_links(root, path, *relative, flags);
    if (!fd) return fd;
    std::array<char, 4096> buffer{};
    const std::string proc = fmt::format("/proc/self/fd/{}", *fd);
    const ssize_t length = ::readlink(proc.c_str(), buffer.data(), buffer.size() - 1);
    std::error_code error;
    const fs::path resolved = length > 0 ? fs::path(std::string(buffer.data(), static_cast<std::size_t>(length)))
                                         : fs::canonical(path, error);
    if (first_component_is_git(resolved.lexically_relative(root.canonical()))) {
        ::close(*fd);
        return unexpected(std::string(into_git));
    }
    return fd;
}

// Reads to at most max_bytes plus one byte. The recorded size is only a hint
// (files under /proc say 0, a file may grow, a pipe says nothing); the loop
// stops one byte past the limit whatever it says. `size_hint` is 0 for
// anything but a regular file.
Expected<FileBytes, std::string> read_bounded(int fd, std::size_t max_bytes, std::size_t size_hint) {
    FileBytes file;
    const std::size_t wanted = max_bytes + 1;
    file.bytes.resize(std::min<std::size_t>(wanted, size_hint > 0 ? size_hint + 1 : 65536));
    std::size_t filled = 0;
    while (filled < wanted) {
        if (filled == file.bytes.size()) file.bytes.resize(std::min(wanted, file.bytes.size() * 2));
        const ssize_t n = ::read(fd, file.bytes.data() + filled, file.bytes.size() - filled);
        if (n < 0) {
            if (errno == EINTR) continue;
            return unexpected(std::string(std::strerror(errno)));
        }
        if (n == 0) break;
        const bool short_read = static_cast<std::size_t>(n) < file.bytes.size() - filled;
        filled += static_cast<std::size_t>(n);
        // A regular file that gave exactly its recorded size, and less than
        // was asked for, is at its end: a read to see 0 would be one more
        // system call per record. Any other short read is read on.
        if (short_read && size_hint > 0 && filled == size_hint) break;
    }
    file.over_limit = filled > max_bytes;
    file.bytes.resize(std::min(filled, max_bytes));
    return file;
}

} // namespace

fs::path absolute_normal(const fs::path& path) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);
    if (error) absolute = path;
    absolute = absolute.lexically_normal();
    // "dir/" normalises to "dir/" with an empty last element; drop it.
    if (!absolute.has_filename() && absolute.has_parent_path() && absolute != absolute.root_path()) {
        absolute = absolute.parent_path();
    }
    return absolute;
}

Expected<ReadRoot, std::string> ReadRoot::open(const fs::path& dir) {
    ReadRoot root;
    root.lexical_ = absolute_normal(dir);
    std::error_code error;
    root.canonical_ = fs::canonical(root.lexical_, error);
    if (error) return unexpected(std::string(error.message()));
    const int fd = ::open(root.canonical_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return unexpected(std::string(std::strerror(errno)));
    root.descriptor_ = std::shared_ptr<const int>(new int(fd), [](const int* p) {
        ::close(*p);
        delete p;
    });
    return root;
}

std::string_view describe_file_type(unsigned mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

bool ReadRoot::contains(const fs::path& resolved) const {
    return resolved == canonical_ || lies_beneath(resolved, canonical_);
}

namespace {

// `path` below `base` when it is spelled plainly there: `base`, a slash, and
// components none of which is empty, "." or "..". Then the rest is what
// normalising and taking the path relative would give, without the work.
std::optional<std::string_view> plainly_beneath(std::string_view path, std::string_view base) {
    if (base.empty() || base.back() == '/' || !path.starts_with(base)) return std::nullopt;
    path.remove_prefix(base.size());
    if (path.size() < 2 || path.front() != '/') return std::nullopt;
    path.remove_prefix(1);
    for (std::string_view rest = path;;) {
        const std::size_t slash = rest.find('/');
        const std::string_view part = rest.substr(0, slash);
        if (part.empty() || part == "." || part == "..") return std::nullopt;
        if (slash == std::string_view::npos) return path;
        rest.remove_prefix(slash + 1);
    }
}

} // namespace

std::optional<fs::path> ReadRoot::relative(const fs::path& path) const {
    if (const auto plain = plainly_beneath(path.native(), lexical_.native())) return fs::path(*plain);
    const fs::path absolute = absolute_normal(path);
    for (const fs::path* base : {&lexical_, &canonical_}) {
        if (absolute == *base) return fs::path();
        if (lies_beneath(absolute, *base)) return absolute.lexically_relative(*base);
    }
    return std::nullopt;
}

Expected<ResolvedFile, std::string> resolve_beneath(const ReadRoot& root, const fs::path& path) {
    auto fd = open_beneath(root, path, O_PATH);
    if (!fd) return unexpected(fd.error());
    const Descriptor open(*fd);
    struct stat info {};
    if (::fstat(open.get(), &info) != 0) return unexpected(std::string(std::strerror(errno)));
    const FileStamp stamp = stamp_of(info);
    return ResolvedFile{stamp.identity, kind_of(info.st_mode), stamp};
}

std::optional<ResolvedFile> stamp_unfollowed(int dir_fd, const char* name) {
    struct stat info {};
    if (::fstatat(dir_fd, name, &info, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    const FileKind kind = kind_of(info.st_mode);
    if (kind == FileKind::Other) return std::nullopt;
    const FileStamp stamp = stamp_of(info);
    return ResolvedFile{stamp.identity, kind, stamp};
}

Expected<FileBytes, std::string> read_beneath(const ReadRoot& root, const fs::path& path, std::size_t max_bytes) {
    auto fd = open_beneath(root, path, O_RDONLY);
    if (!fd) return unexpected(fd.error());
    const Descriptor open(*fd);
    struct stat info {};
    if (::fstat(open.get(), &info) != 0) return unexpected(std::string(std::strerror(errno)));
    if (!S_ISREG(info.st_mode)) return unexpected(fmt::format("it is {}, not a regular file", describe_file_type(info.st_mode)));
    auto read = read_bounded(open.get(), max_bytes, info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0);
    if (!read) return read;
    read->stamp = stamp_of(info);
    read->identity = read->stamp.identity;
    read->recorded_size = read->stamp.size;
    return read;
}

Expected<std::shared_ptr<const int>, std::string> open_directory_beneath(const ReadRoot& root, const fs::path& dir,
                                                                         bool create) {
    const auto relative = root.relative(dir);
    if (!relative) return unexpected(fmt::format("it lies outside {}", root.path().generic_string()));
    const auto own = [](int fd) {
        return std::shared_ptr<const int>(new int(fd), [](const int* p) {
            ::close(*p);
            delete p;
        });
    };
    auto opened = open_beneath(root, root.path(), O_PATH | O_DIRECTORY);
    if (!opened) return unexpected(opened.error());
    std::shared_ptr<const int> current = own(*opened);
    fs::path walked = root.path();
    for (const auto& part : *relative) {
        if (part.empty() || part == ".") continue;
        walked /= part;
        // mkdirat never follows a link: a link in the way is EEXIST, and
        // open_beneath then judges where it leads.
        if (create && ::mkdirat(*current, part.c_str(), 0777) != 0 && errno != EEXIST) {
            return unexpected(fmt::format("cannot create '{}': {}", walked.generic_string(), std::strerror(errno)));
        }
        auto next = open_beneath(root, walked, O_PATH | O_DIRECTORY);
        if (!next) return unexpected(fmt::format("'{}': {}", walked.generic_string(), next.error()));
        current = own(*next);
    }
    return current;
}

Expected<FileBytes, std::string> read_bounded(int fd, std::size_t max_bytes) { return read_bounded(fd, max_bytes, 0); }

fs::path unlinked_ancestor(const fs::path& start) {
    const fs::path absolute = absolute_normal(start);
    // The part that is the current directory is the user's: getcwd gives
    // it without links. Below it, and for a path not under it, the path is
    // taken up to its first link.
    std::error_code error;
    const fs::path cwd = fs::current_path(error);
    fs::path trusted;
    fs::path rest;
    if (!error && (absolute == cwd || lies_beneath(absolute, cwd))) {
        trusted = cwd;
        rest = absolute.lexically_relative(cwd);
    } else {
        trusted = absolute.root_path();
        rest = absolute.relative_path();
    }
    struct stat info {};
    for (const auto& part : rest) {
        if (part.empty() || part == ".") continue;
        const fs::path next = trusted / part;
        if (::lstat(next.c_str(), &info) != 0 || S_ISLNK(info.st_mode)) break;
        trusted = next;
        if (!S_ISDIR(info.st_mode)) break;
    }
    if (::stat(trusted.c_str(), &info) == 0 && !S_ISDIR(info.st_mode)) trusted = trusted.parent_path();
    return trusted;
}

fs::path read_root_of(const fs::path& path) { return find_repo_root(path).value_or(unlinked_ancestor(path)); }

std::optional<fs::path> find_repo_root(const fs::path& start) {
    fs::path dir = unlinked_ancestor(start);
    struct stat info {};
    while (true) {
        if (::lstat((dir / ".git").c_str(), &info) == 0) return dir;
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

} // namespace telework
