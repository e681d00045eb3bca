#pragma once

#include "telework/agreement.hpp"
#include "telework/discovery.hpp"
#include "telework/finding.hpp"
#include "telework/source_text.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace telework {

// One record file as loaded: its text, its decoded agreement (when it could
// be parsed at all) and the findings of loading and decoding.
struct RecordFile {
    std::filesystem::path path;  // as opened
    std::string display_path;    // relative to the current directory, '/' separators
    SourceText source;
    std::optional<Agreement> agreement;
    std::vector<Finding> findings;

    // True when a structure rule (TW) found an error: the record's facts may
    // be partial or contradictory. After judge_records this includes TW004-TW006.
    bool structurally_broken() const;
};

struct LoadOptions {
    std::size_t max_bytes = 1024 * 1024;
    // The values `policy:` may take: the ids of the run's profiles.
    std::vector<std::string> policy_names = {"opm", "ct-gl32"};
};

// Reads, parses and decodes one file. Failures to read (missing, permission)
// are returned as an error message; everything about the content is findings.
struct LoadOutcome {
    std::optional<RecordFile> record;
    std::string read_error;
};

LoadOutcome load_record(const FileRef& file, const LoadOptions& options = {});

// Parses and decodes a record's text (what load_record does after reading).
RecordFile decode_record(std::string text, std::filesystem::path path, std::string display_path,
                         const LoadOptions& options = {});

} // namespace telework
