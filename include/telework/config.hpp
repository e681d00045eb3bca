#pragma once

#include "telework/expected.hpp"
#include "telework/position.hpp"
#include "telework/severity.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace telework {

// A rule's severity after `telework.toml`: a Severity, or nullopt for `off`.
using SeverityOverrides = std::map<std::string, std::optional<Severity>, std::less<>>;

// One entry of [thresholds] or [rules], checked against the run's profiles
// once they are known (configure_profiles).
struct ConfigSetting {
    std::string key;
    Position key_pos;
    Position value_pos;
    std::optional<std::int64_t> integer;
    std::optional<double> number; // any TOML number, integer or not
    std::optional<std::string> text;
};

struct Config {
    std::optional<std::filesystem::path> file; // the telework.toml it came from
    // The default profile: a profile id, or a profile file (*.toml) relative to
    // the file's directory.
    std::optional<std::string> profile;
    Position profile_pos;
    // More profile files that records may name in `policy:`.
    std::vector<std::string> profiles;
    std::vector<Position> profiles_pos;
    std::vector<std::string> agreements;       // relative to the file's directory
    std::vector<std::string> exclude;
    std::vector<ConfigSetting> thresholds;
    std::vector<ConfigSetting> rules;

    std::filesystem::path base_dir() const;
};

// A configuration error names the file, line, column and key (exit status 2).
struct ConfigError {
    std::string file;
    int line = 1;
    int column = 1;
    std::string message;

    std::string to_string() const;
};

// Limits checked before toml++ sees the text: toml++ recurses on nested
// arrays, inline tables and dotted keys, and holds the whole file.
struct ConfigLimits {
    std::size_t max_bytes = 1024 * 1024;
    int max_nesting = 32;      // brackets and braces open at once
    int max_dotted_parts = 32; // dots outside strings on one line
};

// Reads `file` beneath its git checkout (else its directory): a
// `telework.toml` that is a link out of the tree is an error, not read.
Expected<Config, ConfigError> load_config(const std::filesystem::path& file);

// The configuration in `text`, read from `file` (for messages and the base
// directory of `agreements`).
Expected<Config, ConfigError> parse_config(std::string_view text, const std::filesystem::path& file,
                                           const ConfigLimits& limits = {});

// Searches `telework.toml` from `start` upward, stopping at the git root
// (the first directory holding `.git`) or the filesystem root.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

} // namespace telework
