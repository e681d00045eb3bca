#include "telework/discovery.hpp"

#include "telework/parallel.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_set>

namespace telework {

namespace fs = std::filesystem;

std::string display_path(const fs::path& path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error).lexically_normal();
    const fs::path cwd = fs::current_path(error);
    fs::path relative = absolute.lexically_relative(cwd);
    if (relative.empty()) relative = absolute;
    std::string text = relative.generic_string();
    if (text.size() > 1 && text.back() == '/') text.pop_back();
    return text;
}

namespace {

// The classic two-pointer wildcard match, used at two levels: characters in a
// segment ('*' and '?') and segments in a path ('**'). On a mismatch it only
// returns to the latest star, so the cost is bounded by the product of the
// lengths however many stars a pattern holds (naive backtracking is
// exponential in them).
template <class Item, class IsStar, class Matches>
bool wildcard_match(std::span<const Item> pattern, std::span<const Item> text, IsStar is_star, Matches matches) {
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && is_star(pattern[p])) {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && matches(pattern[p], text[t])) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && is_star(pattern[p])) ++p;
    return p == pattern.size();
}

bool segment_match(std::string_view pattern, std::string_view segment) {
    return wildcard_match<char>(
        pattern, segment, [](char c) { return c == '*'; }, [](char p, char c) { return p == '?' || p == c; });
}

std::vector<std::string_view> split_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = path.find('/', start);
        segments.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return segments;
        start = end + 1;
    }
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.empty()) return path.empty();
    const auto pattern_segments = split_segments(pattern);
    const auto path_segments = split_segments(path);
    return wildcard_match<std::string_view>(
        pattern_segments, path_segments, [](std::string_view segment) { return segment == "**"; },
        [](std::string_view p, std::string_view segment) { return segment_match(p, segment); });
}

namespace {

bool is_record_name(std::string_view name) { return name.ends_with(".yaml") || name.ends_with(".yml"); }

bool is_excluded(const std::string& path, const DiscoveryOptions& options) {
    if (options.exclude.empty()) return false;
    std::error_code error;
    const std::string relative = fs::absolute(path, error).lexically_normal().lexically_relative(options.exclude_base).generic_string();
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const std::string& glob) { return glob_match(glob, relative); });
}

struct Candidate {
    std::string path;
    std::string display;
    std::shared_ptr<const ReadRoot> root;
    // The status of an entry the walk found that is not a link, in a
    // directory it entered beneath the root, taken from that directory's
    // descriptor: nothing on its way is a link left to check, so it says
    // what the file is (resolving each of 100,000 files beneath the root by
    // its full path took most of a warm run's discovery). Reading it later
    // still goes through read_beneath.
    std::optional<ResolvedFile> status;
};

Expected<ResolvedFile, std::string> resolve_candidate(const Candidate& candidate) {
    if (candidate.status) return *candidate.status;
    return resolve_beneath(*candidate.root, candidate.path);
}

// A directory waiting to be walked, with its display path (its entries'
// display paths are made from it: display_path() per file dominated large
// runs).
struct Pending {
    fs::path path;
    std::string display;
    FileIdentity identity; // a directory reached by two names is walked once
};

// What reading one directory found.
struct Scanned {
    std::vector<Candidate> candidates;
    std::vector<Pending> directories;
    std::vector<std::pair<std::string, std::string>> failures; // display name, why
};

// An open directory stream, closed when it goes.
class DirectoryStream {
public:
    explicit DirectoryStream(const fs::path& path) {
        // O_NONBLOCK: a FIFO swapped in for the directory cannot hang the walk.
        const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) return;
        stream_ = ::fdopendir(fd);
        if (!stream_) {
            const int saved = errno;
            ::close(fd);
            errno = saved;
        }
    }
    ~DirectoryStream() {
        if (stream_) ::closedir(stream_);
    }
    DirectoryStream(const DirectoryStream&) = delete;
    DirectoryStream& operator=(const DirectoryStream&) = delete;

    explicit operator bool() const { return stream_ != nullptr; }
    int fd() const { return ::dirfd(stream_); }
    // The next entry; nullptr at the end or on an error (errno tells which).
    const dirent* next() {
        errno = 0;
        return ::readdir(stream_);
    }

private:
    DIR* stream_ = nullptr;
};

// Sorted in two halves at once, then merged: the order is std::sort's.
void sort_by_display(std::vector<Candidate>& candidates, int jobs) {
    const auto by_display = [](const Candidate& a, const Candidate& b) { return a.display < b.display; };
    const auto middle = candidates.begin() + static_cast<std::ptrdiff_t>(candidates.size() / 2);
    if (jobs < 2 || candidates.size() < min_items_for_a_thread) {
        std::sort(candidates.begin(), candidates.end(), by_display);
        return;
    }
    {
        const std::jthread first([&] { std::sort(candidates.begin(), middle, by_display); });
        std::sort(middle, candidates.end(), by_display);
    }
    std::inplace_merge(candidates.begin(), middle, candidates.end(), by_display);
}

struct IdentityHash {
    std::size_t operator()(const FileIdentity& id) const noexcept {
        return std::hash<std::uint64_t>{}(id.inode * 0x9E3779B97F4A7C15ULL ^ id.device);
    }
};

std::string join_path(const std::string& dir, std::string_view name) {
    std::string path;
    path.reserve(dir.size() + 1 + name.size());
    path += dir;
    if (!path.ends_with('/')) path += '/';
    path += name;
    return path;
}

std::string join_display(const std::string& dir_display, std::string_view name) {
    if (dir_display == ".") return std::string(name);
    return dir_display.ends_with('/') ? dir_display + std::string(name) : dir_display + '/' + std::string(name);
}

class Walker {
public:
    Walker(const DiscoveryOptions& options, Discovery& result) : options_(options), result_(result) {}

    void add_input(const fs::path& input) {
        if (input == "-") {
            if (!stdin_taken_) result_.files.push_back(FileRef{"-", options_.stdin_name, nullptr, true, std::nullopt, false});
            stdin_taken_ = true;
            return;
        }
        const fs::path absolute = absolute_normal(input);
        const auto root = root_for(absolute, input);
        if (!root) return;
        const auto resolved = resolve_beneath(*root, absolute);
        if (!resolved) {
            fail(input.generic_string(), resolved.error());
            return;
        }
        if (resolved->kind == FileKind::Directory) {
            walk(absolute, root, resolved->identity);
        } else {
            // Named explicitly: checked whatever its extension or exclusion.
            candidates_.push_back(Candidate{absolute.string(), display_path(input), root, std::nullopt});
        }
    }

    // Sorted by display path; a file reached by several names once, under the first.
    void finish() {
        sort_by_display(candidates_, options_.jobs);
        candidates_.erase(std::unique(candidates_.begin(), candidates_.end(),
                                      [](const Candidate& a, const Candidate& b) { return a.display == b.display; }),
                          candidates_.end());
        std::vector<std::optional<Expected<ResolvedFile, std::string>>> resolved_all(candidates_.size());
        parallel_for(candidates_.size(), options_.jobs, [&](std::size_t i) {
            resolved_all[i] = resolve_candidate(candidates_[i]);
        });
        std::unordered_set<FileIdentity, IdentityHash> files_seen;
        files_seen.reserve(candidates_.size());
        result_.files.reserve(result_.files.size() + candidates_.size());
        for (std::size_t i = 0; i < candidates_.size(); ++i) {
            Candidate& candidate = candidates_[i];
            const auto& resolved = *resolved_all[i];
            if (!resolved) {
                fail(candidate.display, resolved.error());
                continue;
            }
            if (!files_seen.insert(resolved->identity).second) continue;
            result_.files.push_back(FileRef{std::move(candidate.path), std::move(candidate.display),
                                            std::move(candidate.root), false,
                                            // Only a regular file's stamp may stand for reading it.
                                            resolved->kind == FileKind::Regular ? std::optional(resolved->stamp)
                                                                                : std::nullopt,
                                            false});
        }
    }

private:
    std::shared_ptr<const ReadRoot> root_for(const fs::path& absolute, const fs::path& input) {
        const fs::path dir = options_.root.empty() ? read_root_of(absolute) : options_.root;
        if (const auto known = roots_.find(dir); known != roots_.end()) return known->second;
        auto root = ReadRoot::open(dir);
        if (!root) {
            std::error_code error;
            fail(input.generic_string(), fs::exists(fs::symlink_status(absolute, error)) ? root.error()
                                                                                      : "no such file or directory");
            return nullptr;
        }
        return roots_[dir] = std::make_shared<const ReadRoot>(std::move(*root));
    }

    void fail(const std::string& name, const std::string& why) {
        result_.read_errors.push_back(fmt::format("cannot read '{}': {}", name, why));
    }

    // Level by level, each level's directories read in parallel and merged
    // in order, so the result does not depend on the threads. Iterative, so
    // the depth of a tree cannot exhaust the stack; directories are entered
    // once each, so links between them cannot loop.
    void walk(const fs::path& top, const std::shared_ptr<const ReadRoot>& root, FileIdentity identity) {
        std::vector<Pending> level{{top, display_path(top), identity}};
        directories_seen_.insert(identity);
        while (!level.empty()) {
            std::vector<Scanned> scanned(level.size());
            parallel_for(level.size(), options_.jobs, [&](std::size_t i) { scan(level[i], root, scanned[i]); });
            std::vector<Pending> next;
            std::size_t found_files = candidates_.size();
            for (const Scanned& found : scanned) found_files += found.candidates.size();
            // Grown by doubling: an exact size per level would copy every
            // file found so far once per level of a deep tree.
            if (found_files > candidates_.capacity()) {
                candidates_.reserve(std::max(found_files, 2 * candidates_.capacity()));
            }
            for (Scanned& found : scanned) {
                for (const auto& [name, why] : found.failures) fail(name, why);
                for (Pending& directory : found.directories) {
                    if (directories_seen_.insert(directory.identity).second) next.push_back(std::move(directory));
                }
                std::move(found.candidates.begin(), found.candidates.end(), std::back_inserter(candidates_));
            }
            level = std::move(next);
        }
    }

    void scan(const Pending& dir, const std::shared_ptr<const ReadRoot>& root, Scanned& found) const {
        DirectoryStream stream(dir.path);
        if (!stream) {
            found.failures.emplace_back(dir.display, std::strerror(errno));
            return;
        }
        // In name order, not the file system's: which name a directory
        // reached twice is walked under, and the order of errors, are then
        // the same on every checkout.
        std::vector<std::pair<std::string, unsigned char>> entries;
        while (const dirent* entry = stream.next()) {
            const std::string_view name = entry->d_name;
            if (!name.starts_with('.')) entries.emplace_back(name, entry->d_type);
        }
        if (errno != 0) found.failures.emplace_back(dir.display, std::strerror(errno));
        std::sort(entries.begin(), entries.end());
        for (const auto& [name, type] : entries) {
            std::string path = join_path(dir.path.native(), name);
            if (is_excluded(path, options_)) continue;
            visit(stream.fd(), name, type, std::move(path), join_display(dir.display, name), root, found);
        }
    }

    // Made anew, not joined: the current directory may lie inside this one,
    // and "../sub" joined with a name is not what a user standing in sub
    // calls the file.
    static void add_directory(std::string path, FileIdentity identity, Scanned& found) {
        std::string display = display_path(path);
        found.directories.push_back(Pending{fs::path(std::move(path)), std::move(display), identity});
    }

    void visit(int dir_fd, const std::string& name, unsigned char type, std::string path, std::string display,
               const std::shared_ptr<const ReadRoot>& root, Scanned& found) const {
        if (type == DT_UNKNOWN) {
            // Not every file system fills in the type; ask the directory.
            struct stat info {};
            if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
                found.failures.emplace_back(std::move(display), std::strerror(errno));
                return;
            }
            type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISLNK(info.st_mode) ? DT_LNK : DT_REG;
        }
        if (type == DT_DIR) {
            if (const auto resolved = resolve_beneath(*root, path); resolved) {
                add_directory(std::move(path), resolved->identity, found);
            }
            return;
        }
        if (type != DT_LNK) {
            // Regular files, and FIFOs or devices with a record's name: loading
            // tells the latter apart and reports them.
            if (is_record_name(name)) {
                found.candidates.push_back(Candidate{std::move(path), std::move(display), root,
                                                     stamp_unfollowed(dir_fd, name.c_str())});
            }
            return;
        }
        const auto resolved = resolve_beneath(*root, path);
        if (!resolved) {
            // A link with a record's name is an input that cannot be read. Any
            // other link matters when it dangles, loops or is a directory.
            std::error_code target_error;
            const auto target = fs::status(path, target_error);
            if (is_record_name(name) || target_error || fs::is_directory(target)) {
                found.failures.emplace_back(std::move(display), resolved.error());
            }
            return;
        }
        if (resolved->kind == FileKind::Directory) {
            add_directory(std::move(path), resolved->identity, found);
        } else if (is_record_name(name)) {
            found.candidates.push_back(Candidate{std::move(path), std::move(display), root, std::nullopt});
        }
    }

    const DiscoveryOptions& options_;
    Discovery& result_;
    std::map<fs::path, std::shared_ptr<const ReadRoot>> roots_;
    std::set<FileIdentity> directories_seen_;
    std::vector<Candidate> candidates_;
    bool stdin_taken_ = false;
};

} // namespace

Discovery discover_files(const std::vector<fs::path>& inputs, const DiscoveryOptions& options) {
    Discovery result;
    Walker walker(options, result);
    for (const auto& input : inputs) walker.add_input(input);
    walker.finish();
    return result;
}

} // namespace telework
