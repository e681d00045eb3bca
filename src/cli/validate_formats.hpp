#pragma once

#include "telework/engine.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace telework::cli {

// The machine formats of `validate` for CI systems (cli.md "Output formats").
// `root` is what code-hosting paths are relative to: the git work tree, else
// the current directory.

// SARIF 2.1.0, for code scanning: every catalog rule, and one result per finding.
std::string render_sarif(const std::vector<RecordFile>& files, const RunSettings& settings,
                         const std::vector<std::string>& read_errors, const std::filesystem::path& root);

// GitHub Actions workflow commands: one `::error file=…::message` line per finding.
std::string render_github(const std::vector<RecordFile>& files, const std::filesystem::path& root);

// JUnit XML: one test case per file, one failure per error.
std::string render_junit(const std::vector<RecordFile>& files, const std::vector<std::string>& read_errors);

// A file's path relative to `root` with '/' separators; the display path
// when it lies outside.
std::string root_relative_path(const RecordFile& file, const std::filesystem::path& root);

} // namespace telework::cli
