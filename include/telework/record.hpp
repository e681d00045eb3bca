#pragma once

#include "telework/agreement.hpp"
#include "telework/discovery.hpp"
#include "telework/finding.hpp"
#include "telework/source_text.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// The facts of a record that other records are judged by (TW004, TW005,
// current agreements, an employee's records), kept decoded for every record.
struct RecordKeys {
    Field<std::string> id;
    Field<Status> status;
    Field<std::string> supersedes;
    Field<std::string> employee_id; // employee.id, when employee is a mapping

    bool has_status(Status s) const { return status.present() && status.value == s; }
};

// The SHA-256 of a file's bytes as read.
using ContentDigest = std::array<unsigned char, 32>;

// Where records' encoded agreements are kept: in memory, or in a file of
// the cache, read back with pread when a record is unpacked (so a large run
// does not keep them resident).
class ModelStore {
public:
    virtual ~ModelStore() = default;
    // The `size` bytes at `offset`: a view of the store's own memory, or of
    // `scratch` after reading them into it; nullopt when they cannot be read.
    virtual std::optional<std::string_view> bytes(std::uint64_t offset, std::uint32_t size,
                                                  std::string& scratch) const = 0;
    // As bytes(), followed by up to `ahead` of the bytes after them where
    // the store can read them at no extra cost. A store that cannot reads
    // just the `size` bytes.
    virtual std::optional<std::string_view> bytes_ahead(std::uint64_t offset, std::uint32_t size, std::uint32_t ahead,
                                                        std::string& scratch) const {
        (void)ahead;
        return bytes(offset, size, scratch);
    }
};

// One record file as loaded. What a run keeps of it is small: its keys, its
// decoded agreement in a compact form (agreement() unpacks it), the findings
// and a digest of the text. The text itself is read again only to quote a
// line under a finding (read_source).
struct RecordFile {
    std::string path;            // as opened (a string: a filesystem::path also keeps every component)
    std::string display_path;    // relative to the current directory, '/' separators
    std::shared_ptr<const ReadRoot> root; // what path is read beneath; none for text given directly
    ContentDigest digest{};
    std::optional<RecordKeys> keys; // present when the text decoded to an agreement
    std::vector<Finding> findings;

    bool has_agreement() const { return keys.has_value(); }
    // The decoded agreement, unpacked anew on each call (a few microseconds).
    std::optional<Agreement> agreement() const;
    // The text, for excerpts: kept when it cannot be read again (standard
    // input), else read again and used only when its digest still matches.
    // Empty when the file changed or cannot be read since.
    std::shared_ptr<const SourceText> read_source(std::size_t max_bytes = 1024 * 1024) const;

    // True when a structure rule (TW) found an error: the record's facts may
    // be partial or contradictory. After judge_records this includes TW004-TW006.
    bool structurally_broken() const;

    // Keeps a decoded agreement in its compact form, in memory (and its keys).
    void keep_agreement(const Agreement& agreement);
    // Keeps the encoded agreement at `offset` in `store`.
    void keep_encoded_agreement(std::shared_ptr<const ModelStore> store, std::uint64_t offset, std::uint32_t size,
                                RecordKeys record_keys);
    void keep_source(std::shared_ptr<const SourceText> source) { kept_source_ = std::move(source); }
    // A copy of the encoded agreement (empty when there is none).
    std::string encoded_agreement() const;

private:
    std::shared_ptr<const ModelStore> model_store_;
    std::uint64_t model_offset_ = 0;
    std::uint32_t model_size_ = 0;
    std::shared_ptr<const SourceText> kept_source_;
};

RecordKeys keys_of(const Agreement& agreement);

class SpillFile;

struct LoadOptions {
    std::size_t max_bytes = 1024 * 1024;
    // The values `policy:` may take: the ids of the run's profiles.
    std::vector<std::string> policy_names = {"opm", "ct-gl32"};
    // Where a run without a cache keeps the records it decodes (none: in memory).
    const SpillFile* spill = nullptr;
};

// Reads, parses and decodes one file. Failures to read (missing, permission)
// are returned as an error message; everything about the content is findings.
class RecordCache;

// A record as the cache stores it: where its entry lies (the encoded
// agreement, then the encoded loading findings, then the encoded keys) and
// the SHA-256 of the entry's bytes.
struct CacheEntry {
    ContentDigest digest{};
    std::shared_ptr<const ModelStore> store;
    std::uint64_t offset = 0;
    std::uint32_t agreement_size = 0;
    std::uint32_t findings_size = 0;
    std::uint32_t keys_size = 0;
    ContentDigest check{};

    std::uint64_t size() const { return std::uint64_t{agreement_size} + findings_size + keys_size; }
};

// A file's stamp when it was read, and the digest of the bytes read: while
// the file keeps that stamp, the cache's entry for the digest is its record.
struct StampedDigest {
    FileStamp stamp;
    ContentDigest digest{};
};

// What reading one file gave: the record, or why it could not be read; and,
// with a cache, whether it came from there or the entry it makes.
struct LoadOutcome {
    std::optional<RecordFile> record;
    std::string read_error;
    bool cache_hit = false;
    std::optional<CacheEntry> fresh_entry;
    std::optional<StampedDigest> stamped; // with a cache, when the record has an entry in it
};

LoadOutcome load_record(const FileRef& file, const LoadOptions& options = {}, const RecordCache* cache = nullptr);

// Parses and decodes a record's text (what load_record does after reading).
// The text is kept for excerpts: nothing reads it again.
RecordFile decode_record(std::string text, std::filesystem::path path, std::string display_path,
                         const LoadOptions& options = {});

ContentDigest digest_of(std::string_view bytes);
std::string to_hex(const ContentDigest& digest);

} // namespace telework
