#include "telework/changes.hpp"

#include "telework/catalog.hpp"
#include "telework/decoder.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

extern char** environ;

namespace telework {

namespace fs = std::filesystem;

std::optional<std::string> relative_to_root(const fs::path& path, const fs::path& root) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    if (error || !absolute.has_filename()) return std::nullopt;
    const fs::path dir = fs::weakly_canonical(absolute.parent_path(), error);
    if (error) return std::nullopt;
    const fs::path base = fs::weakly_canonical(root, error);
    if (error) return std::nullopt;
    const fs::path relative = (dir / absolute.filename()).lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    return relative.generic_string();
}

const ChangedFile* ChangeSet::find(std::string_view path) const {
    // `files` is sorted by path.
    const auto found = std::lower_bound(files.begin(), files.end(), path,
                                        [](const ChangedFile& f, std::string_view p) { return f.path < p; });
    return found != files.end() && found->path == path ? &*found : nullptr;
}

namespace {

struct GitRun {
    int status = -1;
    std::string out;
    std::string err;
};

class Pipe {
public:
    Pipe() {
        if (::pipe2(fds_.data(), O_CLOEXEC) != 0) throw GitError(fmt::format("cannot run git: {}", std::strerror(errno)));
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    int read_end() const { return fds_[0]; }
    int write_end() const { return fds_[1]; }
    void close_read() { close(fds_[0]); }
    void close_write() { close(fds_[1]); }

private:
    static void close(int& fd) {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
    std::array<int, 2> fds_{-1, -1};
};

// Settings that keep a repository's configuration from starting a program:
// git reads them after every configuration file, so they win.
constexpr std::array<std::string_view, 10> inert_settings = {
    "core.fsmonitor=false",   "core.hooksPath=/dev/null", "core.pager=cat",
    "core.untrackedCache=false", "diff.external=",        "credential.helper=",
    "protocol.allow=never",   "safe.bareRepository=explicit", "core.sshCommand=false",
    "uploadpack.packObjectsHook=",
};

// Runs git on the checkout whose top is `top`, as an argument vector, never
// through a shell, so no path or revision is ever parsed as shell syntax.
// The repository is named with --git-dir and --work-tree: git does not
// search for one, so a directory of the pull request shaped like a git
// directory (HEAD, config, objects/) is never taken for the repository.
GitRun run_git(const fs::path& top, const std::vector<std::string>& args,
               const std::vector<std::string>& more_settings = {}) {
    std::vector<std::string> argv_strings = {"git", "--no-pager", "--no-replace-objects",
                                             "--git-dir=" + (top / ".git").string(), "--work-tree=" + top.string(),
                                             "-C", top.string()};
    for (const auto setting : inert_settings) {
        argv_strings.emplace_back("-c");
        argv_strings.emplace_back(setting);
    }
    for (const auto& setting : more_settings) {
        argv_strings.emplace_back("-c");
        argv_strings.emplace_back(setting);
    }
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);

    // Read-only questions must not take the index lock (a concurrent git
    // command in the same repository would then fail).
    // Nothing may prompt (there is no terminal in CI) or run a helper.
    std::vector<std::string> env_strings;
    constexpr std::array<std::string_view, 6> replaced = {"GIT_OPTIONAL_LOCKS=", "GIT_TERMINAL_PROMPT=", "GIT_PAGER=",
                                                          "GIT_EXTERNAL_DIFF=",  "GIT_ASKPASS=",         "SSH_ASKPASS="};
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string_view text(*entry);
        if (std::any_of(replaced.begin(), replaced.end(), [&](std::string_view name) { return text.starts_with(name); })) {
            continue;
        }
        env_strings.emplace_back(text);
    }
    env_strings.insert(env_strings.end(), {"GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat"});
    std::vector<char*> envp;
    for (auto& entry : env_strings) envp.push_back(entry.data());
    envp.push_back(nullptr);

    Pipe out;
    Pipe err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw GitError(fmt::format("cannot run git: {}", std::strerror(spawned)));
    out.close_write();
    err.close_write();

    GitRun run;
    std::array<pollfd, 2> fds{pollfd{out.read_end(), POLLIN, 0}, pollfd{err.read_end(), POLLIN, 0}};
    std::array<std::string*, 2> sinks{&run.out, &run.err};
    std::array<char, 65536> buffer{};
    int open_streams = 2;
    while (open_streams > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_streams;
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw GitError(fmt::format("cannot run git: {}", std::strerror(errno)));
    }
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return run;
}

std::string first_line(std::string_view text) {
    const auto end = text.find('\n');
    std::string line(text.substr(0, end));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\0', start);
        if (end == std::string::npos) {
            parts.push_back(text.substr(start));
            break;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// The checkout is found by walking up the path for `.git` (find_repo_root),
// never by asking git from a directory the pull request controls.
fs::path work_tree_top(const fs::path& dir) {
    const auto top = find_repo_root(dir);
    if (!top) {
        std::error_code error;
        throw GitError(fmt::format("--changed-since needs a git checkout: no directory at or above '{}' holds .git",
                                   fs::absolute(dir, error).lexically_normal().generic_string()));
    }
    const GitRun run = run_git(*top, {"rev-parse", "--is-inside-work-tree"});
    if (run.status != 0 || trimmed(run.out) != "true") {
        const std::string why = first_line(run.err);
        throw GitError(fmt::format("--changed-since: git does not read '{}' as a checkout{}", top->generic_string(),
                                   why.empty() ? "" : fmt::format(" (git: {})", why)));
    }
    return *top;
}

// A pull request's .gitattributes chooses which filter driver runs on a
// file (`* filter=lfs`), and git runs that driver's program, from the
// user's own configuration, whenever it compares a working-tree file. Every
// driver the configuration defines is blanked, so none can run.
std::vector<std::string> blank_filter_drivers(const fs::path& top) {
    const GitRun run = run_git(top, {"config", "-z", "--name-only", "--get-regexp", "^filter\\."});
    std::set<std::string> names;
    for (const auto& key : split_nul(run.out)) {
        const auto last_dot = key.rfind('.');
        if (!key.starts_with("filter.") || last_dot == std::string::npos || last_dot <= 7) continue;
        names.insert(key.substr(7, last_dot - 7));
    }
    std::vector<std::string> settings;
    for (const auto& name : names) {
        for (const char* part : {"clean=", "smudge=", "process=", "required=false"}) {
            settings.push_back(fmt::format("filter.{}.{}", name, part));
        }
    }
    return settings;
}

std::string resolve_commit(const fs::path& top, std::string_view revision) {
    const GitRun run = run_git(top, {"rev-parse", "--verify", "--quiet", "--end-of-options",
                                     fmt::format("{}^{{commit}}", revision)});
    const std::string commit = trimmed(run.out);
    if (run.status != 0 || commit.empty()) {
        throw GitError(fmt::format("--changed-since: unknown revision '{}' (no commit of that name in {}; "
                                   "in a shallow clone, fetch it first)",
                                   revision, top.string()));
    }
    return commit;
}

} // namespace

ChangeSet changes_since(const fs::path& dir, std::string_view revision) {
    ChangeSet changes;
    // A revision is one argument to git; one that starts with '-' would be
    // read as an option, so it is refused before git sees it.
    if (revision.empty() || revision.starts_with('-')) {
        throw GitError(fmt::format("--changed-since: '{}' is not a revision", revision));
    }
    changes.root = work_tree_top(dir);
    changes.revision = std::string(revision);
    changes.commit = resolve_commit(changes.root, revision);

    // The commit against the working tree covers committed, staged and
    // unstaged changes at once.
    const std::vector<std::string> no_filters = blank_filter_drivers(changes.root);
    const GitRun diff = run_git(changes.root,
                                {"diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", "--no-color",
                                 "--no-relative", changes.commit, "--"},
                                no_filters);
    if (diff.status != 0) throw GitError(fmt::format("--changed-since: git diff failed: {}", first_line(diff.err)));
    std::set<std::string> deleted;
    const auto fields = split_nul(diff.out);
    for (std::size_t i = 0; i < fields.size();) {
        const std::string& status = fields[i];
        const bool two_paths = !status.empty() && (status[0] == 'R' || status[0] == 'C');
        if (i + (two_paths ? 2u : 1u) >= fields.size()) break; // no path follows: nothing more to read
        if (two_paths) {
            // A copy's source still exists unchanged; only a rename carries history over.
            ChangedFile file{fields[i + 2], std::nullopt};
            if (status[0] == 'R') file.old_path = fields[i + 1];
            changes.files.push_back(std::move(file));
            i += 3;
            continue;
        }
        const std::string& path = fields[i + 1];
        switch (status.empty() ? '?' : status[0]) {
        case 'A': changes.files.push_back({path, std::nullopt}); break;
        case 'D': deleted.insert(path); break;
        default: changes.files.push_back({path, path}); break; // M, T, U: the file was there
        }
        i += 2;
    }

    const GitRun untracked =
        run_git(changes.root, {"ls-files", "-z", "--others", "--exclude-standard", "--"}, no_filters);
    if (untracked.status != 0) {
        throw GitError(fmt::format("--changed-since: git ls-files failed: {}", first_line(untracked.err)));
    }
    for (auto& path : split_nul(untracked.out)) {
        // Removed from the index but still on disk: the same file, changed or not.
        std::optional<std::string> old_path;
        if (deleted.contains(path)) old_path = path;
        changes.files.push_back({std::move(path), std::move(old_path)});
    }
    std::sort(changes.files.begin(), changes.files.end(),
              [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });
    return changes;
}

std::optional<std::string> read_at_revision(const ChangeSet& changes, std::string_view path) {
    // "<commit>:<path>" is one object name: cat-file does not parse ranges or
    // options out of it, and the path is taken from the top of the tree.
    GitRun run = run_git(changes.root, {"cat-file", "blob", fmt::format("{}:{}", changes.commit, path)});
    if (run.status != 0) return std::nullopt;
    return std::move(run.out);
}

namespace {

std::optional<Agreement> decode_text(std::string text, const LoadOptions& options) {
    if (text.size() > options.max_bytes) return std::nullopt;
    const SourceText source(std::move(text));
    YamlDocument document = parse_yaml(source, YamlLimits{options.max_bytes, 64});
    if (!document.root) return std::nullopt;
    return decode_agreement(*document.root, options.policy_names).agreement;
}

std::string join_keys(const std::vector<TermDifference>& differences) {
    std::string keys;
    for (const auto& difference : differences) keys += (keys.empty() ? "" : ", ") + difference.key;
    return keys;
}

// TW008 on one changed file that existed at the revision.
std::optional<Finding> modified_unsigned(const RecordFile& file, const ChangedFile& change, const ChangeSet& changes,
                                         Severity severity, const LoadOptions& options) {
    if (!file.keys || !change.old_path || !file.keys->has_status(Status::Approved)) return std::nullopt;
    auto text = read_at_revision(changes, *change.old_path);
    if (!text) return std::nullopt;
    const auto before = decode_text(std::move(*text), options);
    if (!before) return std::nullopt;
    const auto after_unpacked = file.agreement();
        const Agreement& after = *after_unpacked;
    // Another id is another agreement (a renewal written over a copy), not a
    // modified one; git's rename detection pairs similar files.
    if (!before->id.present() || !after.id.present() || before->id.value != after.id.value) return std::nullopt;
    if (signature_dates_changed(*before, after)) return std::nullopt;
    const auto differences = term_differences(*before, after);
    if (differences.empty()) return std::nullopt;
    const std::string since = change.old_path != change.path
                                  ? fmt::format("{} (then {})", changes.revision, *change.old_path)
                                  : changes.revision;
    return Finding{"TW008", severity, differences.front().pos,
                   fmt::format("terms changed since {} ({}) but no signature date changed; a modified "
                               "arrangement must be memorialized and signed again",
                               since, join_keys(differences))};
}

} // namespace

namespace {

template <class File> std::vector<char> flags_of(const std::vector<File>& files, const ChangeSet& changes) {
    // Each directory is resolved once: resolving every file's path walks
    // every component with readlink, which dominated a run of 100,000 files.
    std::error_code error;
    const fs::path base = fs::weakly_canonical(changes.root, error);
    std::vector<char> flags(files.size(), 0);
    if (error) return flags;
    // By directory as written: the directory's path relative to the
    // checkout, once each; then each file's by appending its name (strings,
    // not filesystem::path: 100,000 of those cost more than git itself).
    std::unordered_map<std::string, std::optional<std::string>> resolved;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& whole = files[i].path;
        const std::string_view path = whole;
        const std::size_t slash = path.rfind('/');
        if (slash == std::string_view::npos || slash + 1 == path.size()) {
            flags[i] = changes.find(relative_to_root(whole, changes.root).value_or("")) ? 1 : 0;
            continue;
        }
        auto [at, added] = resolved.try_emplace(std::string(path.substr(0, slash)));
        if (added) {
            const fs::path dir = fs::weakly_canonical(fs::absolute(at->first, error), error);
            const fs::path relative = error ? fs::path() : dir.lexically_relative(base);
            if (!error && !relative.empty() && *relative.begin() != "..") {
                at->second = relative == "." ? std::string() : relative.generic_string() + '/';
            }
        }
        if (!at->second) continue;
        flags[i] = changes.find(*at->second + std::string(path.substr(slash + 1))) ? 1 : 0;
    }
    return flags;
}

} // namespace

std::vector<char> changed_flags(const std::vector<RecordFile>& files, const ChangeSet& changes) {
    return flags_of(files, changes);
}

std::vector<char> changed_flags(const std::vector<FileRef>& files, const ChangeSet& changes) {
    return flags_of(files, changes);
}

void keep_changed_files(std::vector<RecordFile>& files, const std::vector<char>& changed, const ChangeSet& changes,
                        const RunSettings& settings) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!changed[i]) continue;
        if (kept != i) files[kept] = std::move(files[i]);
        ++kept;
    }
    files.resize(kept);
    const RuleInfo* rule = find_structure_rule("TW008");
    const auto severity = rule ? effective_severity(*rule, settings.severity_overrides) : std::nullopt;
    if (!severity) return;
    for (auto& file : files) {
        const ChangedFile* change = changes.find(*relative_to_root(file.path, changes.root));
        auto finding = modified_unsigned(file, *change, changes, *severity, settings.load);
        if (!finding) continue;
        finding->info = rule;
        // The engine's order: by position, then rule.
        const auto at = std::upper_bound(file.findings.begin(), file.findings.end(), *finding,
                                         [](const Finding& a, const Finding& b) {
                                             if (a.pos != b.pos) return a.pos < b.pos;
                                             return a.rule < b.rule;
                                         });
        file.findings.insert(at, std::move(*finding));
    }
}

} // namespace telework
