#pragma once

#include "telework/agreement.hpp"
#include "telework/engine.hpp"
#include "telework/file_access.hpp"
#include "telework/position.hpp"
#include "telework/record.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// `path` relative to `root` with '/' separators; nullopt when it lies outside.
// The file name itself is not resolved, so a symlinked record keeps the name
// git tracks it under.
std::optional<std::string> relative_to_root(const std::filesystem::path& path, const std::filesystem::path& root);

// git could not answer: not a repository, an unknown revision, git missing.
class GitError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ChangedFile {
    std::string path;                    // now, relative to the work tree's top, '/' separators
    std::optional<std::string> old_path; // at the revision, when the file existed there (a rename's source)
};

// Files added or modified between a revision and the working tree: committed,
// staged, unstaged and untracked (not ignored). Deleted files are left out.
struct ChangeSet {
    std::filesystem::path root; // the work tree's top level, as git reports it
    std::string revision;       // as given, for messages
    std::string commit;         // the full hash it resolved to
    std::vector<ChangedFile> files; // sorted by path

    const ChangedFile* find(std::string_view path) const;
};

// Asks git in `dir`. Throws GitError when `dir` is not in a work tree, the
// revision names no commit (or looks like an option), or git cannot be run.
ChangeSet changes_since(const std::filesystem::path& dir, std::string_view revision);

// For each file, whether the change set holds it (added, modified or renamed).
std::vector<char> changed_flags(const std::vector<RecordFile>& files, const ChangeSet& changes);
std::vector<char> changed_flags(const std::vector<FileRef>& files, const ChangeSet& changes);

// The content of `path` (relative to the top) at the change set's commit;
// nullopt when it did not exist there. Throws GitError when git cannot be run.
std::optional<std::string> read_at_revision(const ChangeSet& changes, std::string_view path);

// --changed-since: drops every file that is not in the change set (the files
// were judged with the whole run's index, so TW004/TW005 saw every record)
// and adds TW008 modified-unsigned to the approved records it applies to.
// `changed` is changed_flags(files, changes).
void keep_changed_files(std::vector<RecordFile>& files, const std::vector<char>& changed, const ChangeSet& changes,
                        const RunSettings& settings);

// One term (rules.md TW008) that differs between two versions of a record.
struct TermDifference {
    std::string key; // dotted, e.g. "schedule.telework_days"
    Position pos;    // in the newer version
};

// The terms of `before` and `after` compared as decoded values, so layout,
// quoting, comments and the order of list items do not count. In the order
// of their positions in `after`. Values that failed to decode are skipped:
// TW002 reports them.
std::vector<TermDifference> term_differences(const Agreement& before, const Agreement& after);

// Whether any signature's presence or date differs between the versions.
bool signature_dates_changed(const Agreement& before, const Agreement& after);

} // namespace telework
