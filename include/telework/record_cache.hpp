#pragma once

#include "telework/record.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace telework {

struct RecordCachePack;

// An unnamed file (O_TMPFILE) that a run appends the records it decodes to,
// so their bytes are read back with pread when a rule needs them instead of
// staying in memory. Made in `dir` on first use (after `prepare`, when
// given); thread-safe.
class SpillFile {
public:
    explicit SpillFile(std::filesystem::path dir, std::function<void()> prepare = {});
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    struct Placed {
        std::shared_ptr<const ModelStore> store;
        std::uint64_t offset = 0;
    };
    // Where `bytes` now lie; nullopt when they could not be written.
    std::optional<Placed> append(std::string_view bytes) const;

private:
    struct State;
    std::filesystem::path dir_;
    std::function<void()> prepare_;
    std::unique_ptr<State> state_;
};

// A persistent cache of what parsing and decoding made of a record's text
// (ruff keeps one like it): derived data only, safe to delete, keyed by the
// SHA-256 of the text and by everything else the decoding depends on (the
// build of the decoder, the format, the profile ids a `policy:` may name,
// the size limit). Policy findings depend on the date, the profiles and the
// other records, so they are never cached.
//
// One pack file per set of repo roots, replaced atomically after a run
// that decoded anything anew; it keeps the entries of the last runs only
// (entries unused for `max_idle_runs` runs are dropped), so it does not grow
// without bound. A damaged, truncated or foreign pack, or entry, is a miss.
class RecordCache {
public:
    using Entry = CacheEntry;

    struct Counts {
        std::size_t hits = 0;
        std::size_t misses = 0;
        std::size_t damaged = 0; // entries found but refused
        std::size_t unread = 0;  // hits whose file was not read: its stamp named the digest
    };

    static constexpr std::uint32_t max_idle_runs = 4;
    // The pack is rewritten for records decoded anew once they are at least
    // 1/min_rewrite_share of it (or when an entry was damaged).
    static constexpr std::size_t min_rewrite_share = 64;

    // Opens the pack for `roots` under `dir`. Never fails: a cache that
    // cannot be used is an empty one, and `problem` says why (for --verbose).
    RecordCache(std::filesystem::path dir, const std::vector<std::filesystem::path>& roots, std::string run_key);
    ~RecordCache();
    RecordCache(const RecordCache&) = delete;
    RecordCache& operator=(const RecordCache&) = delete;

    // Where the pack holds the entry of a text with this digest; nullopt
    // when it holds none. Thread-safe. The entry is not read or checked yet:
    // read_entry does that.
    std::optional<Entry> find(const ContentDigest& digest) const;

    // The digest of the bytes a file with this stamp held when an earlier run
    // read it, so it need not be read again; nullopt when no run did. Only
    // stamps whose change time was well before that run began are kept: a
    // file written during a run, or in the same clock tick, is read again.
    // Thread-safe.
    std::optional<ContentDigest> digest_by_stamp(const FileStamp& stamp) const;

    // Writes a record decoded anew to this run's spill file (in the cache
    // directory, unnamed), where the record then reads its agreement from
    // and save() copies it from; nullopt when it cannot be written (the
    // record then keeps its bytes in memory). Thread-safe.
    std::optional<Entry> spill(const ContentDigest& digest, std::string_view agreement, std::string_view findings,
                               std::string_view keys) const;

    // From one thread, after loading: writes the pack when something was
    // decoded anew or refused (the entries of this run come first, then those
    // of earlier runs still young), and the stamps of this run's files when
    // they changed. Returns an error sentence when either could not be
    // written (the run goes on).
    std::optional<std::string> save(const std::vector<ContentDigest>& used, std::vector<Entry> fresh,
                                    std::vector<StampedDigest> stamps = {});

    const std::filesystem::path& pack_path() const { return pack_path_; }
    const std::filesystem::path& stamps_path() const { return stamps_path_; }
    const std::string& problem() const { return problem_; }
    Counts counts() const;
    void count(bool hit, bool damaged, bool unread = false) const;

    // The stamps file as read or to be written.
    struct Stamps {
        std::uint32_t generation = 0;
        std::vector<StampedDigest> stamps;    // sorted by identity
        std::vector<std::uint32_t> last_seen; // the generation that last saw each
    };

private:
    std::optional<std::string> save_pack(const std::vector<ContentDigest>& used, std::vector<Entry> fresh);
    std::optional<std::string> save_stamps(std::vector<StampedDigest> stamps);

    std::filesystem::path dir_;
    std::filesystem::path pack_path_;
    std::string run_key_;
    std::string problem_;
    std::shared_ptr<const RecordCachePack> pack_;
    std::filesystem::path stamps_path_;
    std::vector<StampedDigest> stamps_; // sorted by identity
    std::vector<std::uint32_t> stamp_generations_; // of the last write that saw each
    std::uint32_t stamps_generation_ = 0;
    std::pair<std::int64_t, std::int64_t> started_{}; // when the cache was opened (s, ns), on the file system's clock
    struct Counters;
    std::unique_ptr<Counters> counters_;
    std::unique_ptr<SpillFile> spill_;
};

// The bytes of an entry (agreement, findings, keys), read into `scratch`;
// nullopt when they cannot be read or no longer match their check.
std::optional<std::string_view> read_entry(const CacheEntry& entry, std::string& scratch);

// The key of everything the cached decoding depends on besides the text.
std::string cache_run_key(const LoadOptions& options);

// $TELEWORK_CACHE_DIR, else $XDG_CACHE_HOME/telework, else ~/.cache/telework;
// empty when none of them is set.
std::filesystem::path default_cache_dir();

} // namespace telework
