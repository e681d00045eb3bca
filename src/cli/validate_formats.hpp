#pragma once

#include "telework/engine.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace telework::cli {

// The machine formats of `validate` for CI systems (cli.md "Output formats").
// `root` is what code-hosting paths are relative to: the git work tree that
// holds the first PATH (or telework.toml's directory when no PATH is given),
// never simply the current directory.

// SARIF 2.1.0, for code scanning: every catalog rule, and one result per finding.
std::string render_sarif(const std::vector<RecordFile>& files, const RunSettings& settings,
                         const std::vector<std::string>& read_errors, const std::filesystem::path& root);

// GitHub Actions workflow commands: one `::error file=…::message` line per finding.
std::string render_github(const std::vector<RecordFile>& files, const std::filesystem::path& root);

// GitHub shows at most this many error, and as many warning, annotations of
// a step; the job summary lists the rest.
inline constexpr std::size_t annotations_shown = 10;
// The job summary lists at most this many files, each with at most this many findings.
inline constexpr std::size_t summary_files = 50;
inline constexpr std::size_t summary_findings_per_file = 10;

// The Markdown job summary of `--format github`: counts by rule, then each
// file's first findings. Every value is escaped (it comes from the records).
std::string render_github_summary(const std::vector<RecordFile>& files, const std::filesystem::path& root);

// Appends render_github_summary() to the file GITHUB_STEP_SUMMARY names, when
// it is set and names a regular file (a warning on stderr otherwise).
void append_github_summary(const std::vector<RecordFile>& files, const std::filesystem::path& root);

// JUnit XML: one test case per file, one failure per error.
std::string render_junit(const std::vector<RecordFile>& files, const std::vector<std::string>& read_errors);

// A file's path relative to `root` with '/' separators; the display path
// when it lies outside.
std::string root_relative_path(const RecordFile& file, const std::filesystem::path& root);

} // namespace telework::cli
