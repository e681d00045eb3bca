#pragma once

#include "telework/file_access.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace telework {

struct FileRef {
    // As found (a link keeps its own name); a string, as a path object cost a
    // run over 100,000 files more memory than the records it read.
    std::string path;
    std::string display_path;   // relative to the current directory, '/' separators
    std::shared_ptr<const ReadRoot> root; // every read of the file stays beneath it; none for stdin
    bool from_stdin = false;              // the input '-': one record read from standard input
    std::optional<FileStamp> stamp;       // what its status said when it was found
    // Only its keys and agreement are needed, not its loading findings
    // (validate --changed-since: an unchanged record is not judged).
    bool keys_only = false;
};

struct Discovery {
    std::vector<FileRef> files;           // sorted by display path, each file once
    std::vector<std::string> read_errors; // inputs, directories and links that cannot be read
};

struct DiscoveryOptions {
    std::vector<std::string> exclude;     // globs ('**' for any depth)
    std::filesystem::path exclude_base;   // what the globs are relative to
    // Reads stay beneath this directory (for configured `agreements`, the
    // directory of telework.toml). Empty: each input's git checkout
    // (find_repo_root), else the input itself.
    std::filesystem::path root;
    // The name a record read from standard input ('-') is reported under.
    std::string stdin_name = "<stdin>";
    // Threads that resolve the files found (each costs a few system calls).
    int jobs = 1;
};

// Expands files and directories (searched recursively for *.yaml / *.yml,
// skipping hidden entries) into a deterministic list of record files. A link
// is followed only while it stays beneath the root; one that leads out,
// dangles or loops is a read error named by the link, never read. A file
// reached by several names is listed once, under the first.
Discovery discover_files(const std::vector<std::filesystem::path>& inputs, const DiscoveryOptions& options);

// The path as shown to the user: relative to the current directory, '/' separators.
std::string display_path(const std::filesystem::path& path);

// Glob match on '/'-separated paths: '*' and '?' stay within a segment, '**' spans segments.
bool glob_match(std::string_view pattern, std::string_view path);

} // namespace telework
