#include "telework/record.hpp"

#include "model_codec.hpp"
#include "telework/decoder.hpp"
#include "telework/record_cache.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include <unistd.h>

namespace telework {

RecordKeys keys_of(const Agreement& agreement) {
    RecordKeys keys{agreement.id, agreement.status, agreement.supersedes, {}};
    if (agreement.employee.present()) keys.employee_id = agreement.employee->id;
    return keys;
}

bool RecordFile::structurally_broken() const {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
        return finding.rule.starts_with("TW") && finding.severity == Severity::Error;
    });
}

std::optional<Agreement> RecordFile::agreement() const {
    if (!keys) return std::nullopt;
    auto agreement = detail::decode_agreement_bytes(model_);
    // The bytes were checked when they were kept; this is a broken invariant.
    if (!agreement) throw std::logic_error("a kept agreement does not decode: " + display_path);
    return agreement;
}

void RecordFile::keep_agreement(const Agreement& agreement) {
    auto bytes = std::make_shared<std::string>();
    detail::encode_agreement(agreement, *bytes);
    model_ = *bytes;
    model_owner_ = std::move(bytes);
    keys = keys_of(agreement);
}

void RecordFile::keep_encoded_agreement(std::shared_ptr<const void> owner, std::string_view bytes,
                                        RecordKeys record_keys) {
    model_owner_ = std::move(owner);
    model_ = bytes;
    keys = std::move(record_keys);
}

std::shared_ptr<const SourceText> RecordFile::read_source(std::size_t max_bytes) const {
    if (kept_source_) return kept_source_;
    if (!root) return std::make_shared<SourceText>();
    auto read = read_beneath(*root, path, max_bytes);
    if (!read || read->over_limit || digest_of(read->bytes) != digest) return std::make_shared<SourceText>();
    return std::make_shared<SourceText>(std::move(read->bytes));
}

namespace {

Finding too_large(std::uint64_t recorded_size, std::size_t max_bytes) {
    const std::string size = recorded_size > max_bytes ? fmt::format("{} bytes", recorded_size)
                                                       : std::string("larger than that"); // /proc and growing files
    return Finding{"TW007", Severity::Error, Position{},
                   fmt::format("file is {}; the limit is {} bytes ({} MiB)", size, max_bytes, max_bytes / (1024 * 1024))};
}

// Parses and decodes; the agreement is kept in its compact form.
void decode_into(RecordFile& file, const SourceText& source, const LoadOptions& options) {
    YamlDocument document = parse_yaml(source, YamlLimits{options.max_bytes, 64});
    file.findings = std::move(document.findings);
    if (document.root) {
        DecodeResult decoded = decode_agreement(*document.root, options.policy_names);
        file.findings.insert(file.findings.end(), std::make_move_iterator(decoded.findings.begin()),
                             std::make_move_iterator(decoded.findings.end()));
        file.keep_agreement(decoded.agreement);
    }
}

// The record as the cache holds it; false when the entry does not decode.
bool restore(RecordFile& file, const RecordCache::Hit& hit) {
    auto findings = detail::decode_findings_bytes(hit.findings);
    if (!findings) return false;
    if (!hit.agreement.empty()) {
        const auto agreement = detail::decode_agreement_bytes(hit.agreement);
        if (!agreement) return false;
        file.keep_encoded_agreement(hit.owner, hit.agreement, keys_of(*agreement));
    }
    file.findings = std::move(*findings);
    return true;
}

} // namespace

RecordFile decode_record(std::string text, std::filesystem::path path, std::string display_path,
                         const LoadOptions& options) {
    RecordFile file;
    file.path = std::move(path);
    file.display_path = std::move(display_path);
    file.digest = digest_of(text);
    auto source = std::make_shared<const SourceText>(std::move(text));
    decode_into(file, *source, options);
    file.keep_source(std::move(source));
    return file;
}

LoadOutcome load_record(const FileRef& ref, const LoadOptions& options, const RecordCache* cache) {
    LoadOutcome outcome;
    auto read = ref.from_stdin ? read_bounded(STDIN_FILENO, options.max_bytes)
                               : read_beneath(*ref.root, ref.path, options.max_bytes);
    if (!read) {
        outcome.read_error = fmt::format("cannot read '{}': {}", ref.display_path, read.error());
        return outcome;
    }
    RecordFile file;
    file.path = ref.path;
    file.display_path = ref.display_path;
    if (read->over_limit) {
        // Refused unparsed: the read stopped one byte past the limit.
        file.findings.push_back(too_large(read->recorded_size, options.max_bytes));
        outcome.record = std::move(file);
        return outcome;
    }
    file.digest = digest_of(read->bytes);
    if (ref.from_stdin) {
        // Standard input cannot be read again for excerpts, and is not cached.
        auto source = std::make_shared<const SourceText>(std::move(read->bytes));
        decode_into(file, *source, options);
        file.keep_source(std::move(source));
        outcome.record = std::move(file);
        return outcome;
    }
    file.root = ref.root;
    if (cache) {
        if (const auto hit = cache->find(file.digest)) {
            if (restore(file, *hit)) {
                cache->count(true, false);
                outcome.cache_hit = true;
                outcome.record = std::move(file);
                return outcome;
            }
            file.findings.clear();
            file.keys.reset();
            cache->count(false, true);
        } else {
            cache->count(false, false);
        }
    }
    decode_into(file, SourceText(std::move(read->bytes)), options);
    if (cache) outcome.fresh_entry = RecordCache::make_entry(file);
    outcome.record = std::move(file);
    return outcome;
}

} // namespace telework
