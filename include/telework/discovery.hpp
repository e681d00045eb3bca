#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace telework {

struct FileRef {
    std::filesystem::path path;
    std::string display_path; // relative to the current directory, '/' separators
};

struct Discovery {
    std::vector<FileRef> files;           // sorted by display path, no duplicates
    std::vector<std::string> read_errors; // inputs that do not exist or cannot be read
};

struct DiscoveryOptions {
    std::vector<std::string> exclude;     // globs ('**' for any depth)
    std::filesystem::path exclude_base;   // what the globs are relative to
};

// Expands files and directories (searched recursively for *.yaml / *.yml,
// skipping hidden directories) into a deterministic list of record files.
Discovery discover_files(const std::vector<std::filesystem::path>& inputs, const DiscoveryOptions& options);

// The path as shown to the user: relative to the current directory, '/' separators.
std::string display_path(const std::filesystem::path& path);

// Glob match on '/'-separated paths: '*' and '?' stay within a segment, '**' spans segments.
bool glob_match(std::string_view pattern, std::string_view path);

} // namespace telework
