#pragma once

#include "telework/expected.hpp"

#include <compare>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace telework {

// A directory that every read stays beneath. A pull request controls the
// files of the tree it is checked in, so a record, a directory or
// `telework.toml` may be a symbolic link to anywhere; links are followed only
// while they stay inside the root.
class ReadRoot {
public:
    // Opens `dir`. The error says why it cannot be used.
    static Expected<ReadRoot, std::string> open(const std::filesystem::path& dir);

    // As named (absolute, normalised) and as resolved.
    const std::filesystem::path& path() const { return lexical_; }
    const std::filesystem::path& canonical() const { return canonical_; }
    // Whether a resolved path is the root or lies beneath it.
    bool contains(const std::filesystem::path& resolved) const;
    // `path` relative to the root, when it is written as lying beneath it.
    std::optional<std::filesystem::path> relative(const std::filesystem::path& path) const;
    int descriptor() const { return *descriptor_; }

private:
    std::filesystem::path lexical_;
    std::filesystem::path canonical_;
    std::shared_ptr<const int> descriptor_; // closed with the last copy
};

// What tells two names of one file apart from two files.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    friend auto operator<=>(const FileIdentity&, const FileIdentity&) = default;
};

// What a file's status says of its content, as git's index keeps it: the
// same file with the same size, modification and change times. The change
// time cannot be set back by a user, so content written since changes it.
struct FileStamp {
    FileIdentity identity;
    std::uint64_t size = 0;
    // Seconds and nanoseconds apart, as stat gives them: one count of
    // nanoseconds would overflow for times past 2262.
    std::int64_t mtime_sec = 0;
    std::int64_t mtime_nsec = 0;
    std::int64_t ctime_sec = 0;
    std::int64_t ctime_nsec = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

enum class FileKind { Regular, Directory, Other };

struct ResolvedFile {
    FileIdentity identity;
    FileKind kind = FileKind::Other;
    FileStamp stamp;
};

// Resolves `path` beneath `root` without opening it for reading: what it is
// and which file it is. The error is a sentence about the path, e.g. "it is a
// symbolic link that leads outside <root>; telework does not follow links out
// of the tree", never the content of a target.
Expected<ResolvedFile, std::string> resolve_beneath(const ReadRoot& root, const std::filesystem::path& path);

struct FileBytes {
    std::string bytes;        // at most the limit
    bool over_limit = false;  // the file holds more than the limit
    std::uint64_t recorded_size = 0; // what fstat said (0 for files under /proc)
    FileIdentity identity;
    FileStamp stamp; // what fstat said before the read
};

// The status of `name` itself in the open directory `dir_fd` (a link is not
// followed), for a directory already known to lie beneath a root; nullopt
// when it is not a regular file or a directory, or cannot be read
// (resolve_beneath then says why).
std::optional<ResolvedFile> stamp_unfollowed(int dir_fd, const char* name);

// Reads a regular file beneath `root`: opened without following a link out
// of the root and without blocking (a FIFO or device swapped in after
// discovery cannot hang or flood the run), checked on the open descriptor,
// and read to at most `max_bytes` plus one byte, so no check-then-open race
// is left.
Expected<FileBytes, std::string> read_beneath(const ReadRoot& root, const std::filesystem::path& path,
                                              std::size_t max_bytes);

// Reads an open descriptor (standard input, say) to at most `max_bytes` plus
// one byte.
Expected<FileBytes, std::string> read_bounded(int fd, std::size_t max_bytes);

// "a FIFO", "a character device", "a directory"...: what a file that is not
// regular is, from its st_mode, for messages.
std::string_view describe_file_type(unsigned mode);

// The deepest directory on the way to `start` that is reached through no
// symbolic link below the current directory (or below / for a path outside
// it). A link in the tree may point anywhere, even at an enclosing
// checkout, so nothing is looked up through one.
std::filesystem::path unlinked_ancestor(const std::filesystem::path& start);

// The top of the git checkout that holds `start`: the nearest directory at or
// above unlinked_ancestor(start) that holds an entry `.git`. git refuses to
// track a path named `.git`, so a pull request cannot plant one. nullopt
// outside git.
std::optional<std::filesystem::path> find_repo_root(const std::filesystem::path& start);

// The directory that reads of `path` stay beneath when nothing else names
// one: its git checkout, else unlinked_ancestor(path).
std::filesystem::path read_root_of(const std::filesystem::path& path);

// `path` made absolute and normalised, without a trailing separator
// ("dir/" is "dir"), and with no link resolved.
std::filesystem::path absolute_normal(const std::filesystem::path& path);

} // namespace telework
