#include "telework/record.hpp"

#include "telework/decoder.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <unistd.h>

namespace telework {

bool RecordFile::structurally_broken() const {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
        return finding.rule.starts_with("TW") && finding.severity == Severity::Error;
    });
}

namespace {

Finding too_large(std::uint64_t recorded_size, std::size_t max_bytes) {
    const std::string size = recorded_size > max_bytes ? fmt::format("{} bytes", recorded_size)
                                                       : std::string("larger than that"); // /proc and growing files
    return Finding{"TW007", Severity::Error, Position{},
                   fmt::format("file is {}; the limit is {} bytes ({} MiB)", size, max_bytes, max_bytes / (1024 * 1024))};
}

} // namespace

RecordFile decode_record(std::string text, std::filesystem::path path, std::string display_path,
                         const LoadOptions& options) {
    RecordFile file;
    file.path = std::move(path);
    file.display_path = std::move(display_path);
    file.source = SourceText(std::move(text));
    YamlDocument document = parse_yaml(file.source, YamlLimits{options.max_bytes, 64});
    file.findings = std::move(document.findings);
    if (document.root) {
        DecodeResult decoded = decode_agreement(*document.root, options.policy_names);
        file.findings.insert(file.findings.end(), std::make_move_iterator(decoded.findings.begin()),
                             std::make_move_iterator(decoded.findings.end()));
        file.agreement = std::move(decoded.agreement);
    }
    return file;
}

LoadOutcome load_record(const FileRef& ref, const LoadOptions& options) {
    LoadOutcome outcome;
    auto read = ref.from_stdin ? read_bounded(STDIN_FILENO, options.max_bytes)
                               : read_beneath(*ref.root, ref.path, options.max_bytes);
    if (!read) {
        outcome.read_error = fmt::format("cannot read '{}': {}", ref.display_path, read.error());
        return outcome;
    }
    if (read->over_limit) {
        // Refused unparsed: the read stopped one byte past the limit.
        RecordFile file;
        file.path = ref.path;
        file.display_path = ref.display_path;
        file.findings.push_back(too_large(read->recorded_size, options.max_bytes));
        outcome.record = std::move(file);
        return outcome;
    }
    outcome.record = decode_record(std::move(read->bytes), ref.path, ref.display_path, options);
    return outcome;
}

} // namespace telework
