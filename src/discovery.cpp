#include "telework/discovery.hpp"

#include "telework/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string_view>

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

bool is_record_file(const fs::path& path) {
    const auto extension = path.extension();
    return extension == ".yaml" || extension == ".yml";
}

bool is_excluded(const fs::path& path, const DiscoveryOptions& options) {
    if (options.exclude.empty()) return false;
    std::error_code error;
    const std::string relative = fs::absolute(path, error).lexically_normal().lexically_relative(options.exclude_base).generic_string();
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const std::string& glob) { return glob_match(glob, relative); });
}

struct Candidate {
    fs::path path;
    std::string display;
    std::shared_ptr<const ReadRoot> root;
    // Found by the walk as an entry that is not a link, in a directory the
    // walk entered beneath the root: nothing on its way is a link left to
    // check, so a status without following links says what it is.
    bool plain = false;
};

// What resolve_beneath says of a candidate, with one system call for a plain
// one (resolving each of 100,000 files beneath the root took most of a warm
// run's discovery). Reading it later still goes through read_beneath.
Expected<ResolvedFile, std::string> resolve_candidate(const Candidate& candidate) {
    if (!candidate.plain) return resolve_beneath(*candidate.root, candidate.path);
    const auto stamp = stamp_unfollowed(candidate.path);
    if (!stamp) return resolve_beneath(*candidate.root, candidate.path);
    return *stamp;
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
            candidates_.push_back(Candidate{absolute, display_path(input), root, false});
        }
    }

    // Sorted by display path; a file reached by several names once, under the first.
    void finish() {
        std::sort(candidates_.begin(), candidates_.end(),
                  [](const Candidate& a, const Candidate& b) { return a.display < b.display; });
        candidates_.erase(std::unique(candidates_.begin(), candidates_.end(),
                                      [](const Candidate& a, const Candidate& b) { return a.display == b.display; }),
                          candidates_.end());
        std::vector<std::optional<Expected<ResolvedFile, std::string>>> resolved_all(candidates_.size());
        parallel_for(candidates_.size(), options_.jobs, [&](std::size_t i) {
            resolved_all[i] = resolve_candidate(candidates_[i]);
        });
        std::set<FileIdentity> files_seen;
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

    // A directory waiting to be walked, with its display path (its entries'
    // display paths are made from it: display_path() per file dominated
    // large runs).
    struct Pending {
        fs::path path;
        std::string display;
    };

    // Iterative, so the depth of a tree cannot exhaust the stack; directories
    // are entered once each, so links between them cannot loop.
    void walk(const fs::path& top, const std::shared_ptr<const ReadRoot>& root, FileIdentity identity) {
        std::vector<Pending> pending{{top, display_path(top)}};
        directories_seen_.insert(identity);
        while (!pending.empty()) {
            const Pending dir = std::move(pending.back());
            pending.pop_back();
            std::error_code error;
            fs::directory_iterator it(dir.path, error);
            if (error) {
                fail(dir.display, error.message());
                continue;
            }
            for (const fs::directory_iterator end; it != end; it.increment(error)) {
                if (error) break;
                visit(*it, dir.display, root, pending);
            }
            if (error) fail(dir.display, error.message());
        }
    }

    void visit(const fs::directory_entry& entry, const std::string& dir_display,
               const std::shared_ptr<const ReadRoot>& root, std::vector<Pending>& pending) {
        const fs::path& path = entry.path();
        const std::string name = path.filename().string();
        if (name.starts_with('.') || is_excluded(path, options_)) return;
        const std::string display = dir_display == "."          ? name
                                    : dir_display.ends_with('/') ? dir_display + name
                                                                 : dir_display + '/' + name;
        std::error_code error;
        const fs::file_status status = entry.symlink_status(error);
        if (error) {
            fail(display, error.message());
            return;
        }
        if (fs::is_directory(status)) {
            // Made anew, not joined: the current directory may lie inside
            // this one, and "../sub" joined with a name is not what a user
            // standing in sub calls the file.
            if (const auto resolved = resolve_beneath(*root, path);
                resolved && directories_seen_.insert(resolved->identity).second) {
                pending.push_back(Pending{path, display_path(path)});
            }
            return;
        }
        if (!fs::is_symlink(status)) {
            // Regular files, and FIFOs or devices with a record's name: loading
            // tells the latter apart and reports them.
            if (is_record_file(path)) candidates_.push_back(Candidate{path, display, root, true});
            return;
        }
        const auto resolved = resolve_beneath(*root, path);
        if (!resolved) {
            // A link with a record's name is an input that cannot be read. Any
            // other link matters when it dangles, loops or is a directory.
            std::error_code target_error;
            const auto target = fs::status(path, target_error);
            if (is_record_file(path) || target_error || fs::is_directory(target)) fail(display, resolved.error());
            return;
        }
        if (resolved->kind == FileKind::Directory) {
            if (directories_seen_.insert(resolved->identity).second) pending.push_back(Pending{path, display_path(path)});
        } else if (is_record_file(path)) {
            candidates_.push_back(Candidate{path, display, root, false});
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
