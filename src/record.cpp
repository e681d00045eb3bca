#include "telework/record.hpp"

#include "telework/decoder.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace telework {

bool RecordFile::structurally_broken() const {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
        return finding.rule.starts_with("TW") && finding.severity == Severity::Error;
    });
}

LoadOutcome load_record(const std::filesystem::path& path, std::string display, const LoadOptions& options) {
    LoadOutcome outcome;
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        outcome.read_error = fmt::format("cannot read '{}': {}", display, error.message());
        return outcome;
    }
    RecordFile file;
    file.path = path;
    file.display_path = std::move(display);
    if (size > options.max_bytes) {
        // Refused before reading: a huge file costs nothing.
        file.findings.push_back(Finding{"TW007", Severity::Error, Position{},
                                        fmt::format("file is {} bytes; the limit is {} bytes ({} MiB)", size,
                                                    options.max_bytes, options.max_bytes / (1024 * 1024))});
        outcome.record = std::move(file);
        return outcome;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        outcome.read_error = fmt::format("cannot read '{}': {}", file.display_path, std::strerror(errno));
        return outcome;
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        outcome.read_error = fmt::format("cannot read '{}': read error", file.display_path);
        return outcome;
    }
    file.source = SourceText(std::move(content).str());

    YamlDocument document = parse_yaml(file.source, YamlLimits{options.max_bytes, 64});
    file.findings = std::move(document.findings);
    if (document.root) {
        DecodeResult decoded = decode_agreement(*document.root);
        file.findings.insert(file.findings.end(), std::make_move_iterator(decoded.findings.begin()),
                             std::make_move_iterator(decoded.findings.end()));
        file.agreement = std::move(decoded.agreement);
    }
    outcome.record = std::move(file);
    return outcome;
}

} // namespace telework
