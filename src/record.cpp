#include "telework/record.hpp"

#include "model_codec.hpp"
#include "read_window.hpp"
#include "scratch.hpp"
#include "telework/decoder.hpp"
#include "telework/record_cache.hpp"
#include "telework/yaml_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include <unistd.h>

namespace telework {

using detail::ScratchRelease;

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

namespace {

// Encoded agreements kept in memory (no cache, standard input).
class MemoryModel final : public ModelStore {
public:
    explicit MemoryModel(std::string bytes) : bytes_(std::move(bytes)) {}
    std::optional<std::string_view> bytes(std::uint64_t offset, std::uint32_t size, std::string&) const override {
        if (offset > bytes_.size() || size > bytes_.size() - offset) return std::nullopt;
        return std::string_view(bytes_).substr(offset, size);
    }

private:
    std::string bytes_;
};

} // namespace

std::optional<Agreement> RecordFile::agreement() const {
    if (!keys) return std::nullopt;
    thread_local detail::ReadWindow window;
    const detail::WindowRelease release{window};
    const auto bytes = model_store_ ? window.read(model_store_, model_offset_, model_size_) : std::nullopt;
    auto agreement = bytes ? detail::decode_agreement_bytes(*bytes) : std::nullopt;
    // The bytes were written by this run, or decoded when the record was
    // loaded: only a cache file changed in place since can get here.
    if (!agreement) {
        throw std::runtime_error(fmt::format("the decoded form of '{}' cannot be read back (was the cache changed "
                                             "during the run?); run again, or with --no-cache",
                                             display_path));
    }
    return agreement;
}

std::string RecordFile::encoded_agreement() const {
    if (!keys || !model_store_) return {};
    std::string scratch;
    const auto bytes = model_store_->bytes(model_offset_, model_size_, scratch);
    return bytes ? std::string(*bytes) : std::string();
}

void RecordFile::keep_agreement(const Agreement& agreement) {
    std::string bytes;
    detail::encode_agreement(agreement, bytes);
    model_size_ = static_cast<std::uint32_t>(bytes.size());
    model_offset_ = 0;
    model_store_ = std::make_shared<const MemoryModel>(std::move(bytes));
    keys = keys_of(agreement);
}

void RecordFile::keep_encoded_agreement(std::shared_ptr<const ModelStore> store, std::uint64_t offset,
                                        std::uint32_t size, RecordKeys record_keys) {
    model_store_ = std::move(store);
    model_offset_ = offset;
    model_size_ = size;
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
std::optional<Agreement> decode_into(RecordFile& file, const SourceText& source, const LoadOptions& options) {
    YamlDocument document = parse_yaml(source, YamlLimits{options.max_bytes, 64});
    file.findings = std::move(document.findings);
    if (!document.root) return std::nullopt;
    DecodeResult decoded = decode_agreement(*document.root, options.policy_names);
    file.findings.insert(file.findings.end(), std::make_move_iterator(decoded.findings.begin()),
                         std::make_move_iterator(decoded.findings.end()));
    return std::move(decoded.agreement);
}

// The record as the cache holds it; false when the entry is damaged. With
// `keys_only` its findings are not decoded and its agreement is not decoded
// to prove it can be (the record will not be judged).
bool restore(RecordFile& file, const CacheEntry& entry, bool keys_only = false) {
    thread_local detail::ReadWindow window;
    const detail::WindowRelease release{window};
    const auto bytes = detail::read_entry(entry, window);
    if (!bytes) return false;
    std::optional<std::vector<Finding>> findings;
    if (!keys_only) {
        findings = detail::decode_findings_bytes(bytes->substr(entry.agreement_size, entry.findings_size));
        if (!findings) return false;
    }
    if (entry.agreement_size > 0) {
        // The check catches damage, not forgery: a pack can be restored from
        // anywhere, so an entry that does not decode is a miss here rather
        // than an error when a rule unpacks it.
        auto keys = detail::decode_keys_bytes(bytes->substr(entry.agreement_size + entry.findings_size));
        if (!keys || (!keys_only && !detail::agreement_bytes_decode(bytes->substr(0, entry.agreement_size)))) {
            return false;
        }
        file.keep_encoded_agreement(entry.store, entry.offset, entry.agreement_size, std::move(*keys));
    } else if (entry.keys_size > 0) {
        return false;
    }
    if (findings) file.findings = std::move(*findings);
    return true;
}

// Keeps a record decoded anew: in the cache's spill file when there is a
// cache (and makes its entry), else in memory.
std::optional<CacheEntry> keep_decoded(RecordFile& file, const std::optional<Agreement>& agreement,
                                       const RecordCache* cache, const SpillFile* spill) {
    // Encoded into a thread's scratch, kept from record to record: new
    // strings were three allocations per record and their growth.
    thread_local std::string encoded, findings, keys;
    const ScratchRelease release_encoded{encoded}, release_findings{findings}, release_keys{keys};
    encoded.clear();
    findings.clear();
    keys.clear();
    if (!cache) {
        if (!agreement) return std::nullopt;
        detail::encode_agreement(*agreement, encoded);
        const auto placed = spill ? spill->append(encoded) : std::nullopt;
        if (placed) {
            file.keep_encoded_agreement(placed->store, placed->offset, static_cast<std::uint32_t>(encoded.size()),
                                        keys_of(*agreement));
        } else {
            file.keep_agreement(*agreement);
        }
        return std::nullopt;
    }
    if (agreement) {
        detail::encode_agreement(*agreement, encoded);
        file.keys = keys_of(*agreement);
        detail::encode_keys(*file.keys, keys);
    }
    detail::encode_findings(file.findings, findings);
    auto entry = cache->spill(file.digest, encoded, findings, keys);
    if (!entry) {
        if (agreement) file.keep_agreement(*agreement);
        return std::nullopt;
    }
    if (agreement) file.keep_encoded_agreement(entry->store, entry->offset, entry->agreement_size, *file.keys);
    return entry;
}

RecordFile named_record(const FileRef& ref) {
    RecordFile file;
    file.path = ref.path;
    file.display_path = ref.display_path;
    return file;
}

// The cached record into `outcome`, when its entry is good; `unread` when
// its stamp stood for reading the file.
bool take_hit(LoadOutcome& outcome, RecordFile& file, const CacheEntry& entry, const FileRef& ref,
              const FileStamp& stamp, const RecordCache& cache, bool unread) {
    if (!restore(file, entry, ref.keys_only)) return false;
    cache.count(true, false, unread);
    outcome.cache_hit = true;
    outcome.stamped = StampedDigest{stamp, file.digest};
    outcome.record = std::move(file);
    return true;
}

} // namespace

RecordFile decode_record(std::string text, std::filesystem::path path, std::string display_path,
                         const LoadOptions& options) {
    RecordFile file;
    file.path = path.string();
    file.display_path = std::move(display_path);
    file.digest = digest_of(text);
    auto source = std::make_shared<const SourceText>(std::move(text));
    if (const auto agreement = decode_into(file, *source, options)) file.keep_agreement(*agreement);
    file.keep_source(std::move(source));
    return file;
}

LoadOutcome load_record(const FileRef& ref, const LoadOptions& options, const RecordCache* cache) {
    LoadOutcome outcome;
    // A file whose stamp an earlier run saw, with the digest it read then,
    // is not read again (git trusts its index the same way).
    if (cache && ref.stamp && !ref.from_stdin) {
        if (const auto digest = cache->digest_by_stamp(*ref.stamp)) {
            if (const auto entry = cache->find(*digest)) {
                RecordFile file = named_record(ref);
                file.root = ref.root;
                file.digest = *digest;
                if (take_hit(outcome, file, *entry, ref, *ref.stamp, *cache, true)) return outcome;
            }
        }
    }
    auto read = ref.from_stdin ? read_bounded(STDIN_FILENO, options.max_bytes)
                               : read_beneath(*ref.root, ref.path, options.max_bytes);
    if (!read) {
        outcome.read_error = fmt::format("cannot read '{}': {}", ref.display_path, read.error());
        return outcome;
    }
    RecordFile file = named_record(ref);
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
        if (const auto agreement = decode_into(file, *source, options)) file.keep_agreement(*agreement);
        file.keep_source(std::move(source));
        outcome.record = std::move(file);
        return outcome;
    }
    file.root = ref.root;
    if (cache) {
        if (const auto entry = cache->find(file.digest)) {
            // restore() changes nothing in a record it refuses.
            if (take_hit(outcome, file, *entry, ref, read->stamp, *cache, false)) return outcome;
            cache->count(false, true);
        } else {
            cache->count(false, false);
        }
    }
    const auto agreement = decode_into(file, SourceText(std::move(read->bytes)), options);
    outcome.fresh_entry = keep_decoded(file, agreement, cache, options.spill);
    if (outcome.fresh_entry) outcome.stamped = StampedDigest{read->stamp, file.digest};
    outcome.record = std::move(file);
    return outcome;
}

} // namespace telework
