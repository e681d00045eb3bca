#include "telework/record_cache.hpp"

#include "model_codec.hpp"
#include "read_window.hpp"
#include "scratch.hpp"
#include "telework/version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TELEWORK_DECODER_BUILD_ID
#define TELEWORK_DECODER_BUILD_ID "unknown"
#endif

namespace telework {

namespace fs = std::filesystem;

// The pack file, all integers little-endian as this machine writes them
// (the magic tells a pack of another byte order apart):
//   magic "TWPACK02", u32 key length, key, u32 generation, u32 count,
//   count index records sorted by digest, then the entries' bytes (each the
//   encoded agreement, the encoded loading findings, the encoded keys):
//   those decoded by the run that wrote the pack in the order it loaded
//   them, then older ones in the order they had.
// It is read with pread, never mapped: a run reads each entry when it needs
// it, so the pack's pages do not count in the run's memory.
namespace {

constexpr std::string_view magic = "TWPACK02";
constexpr std::size_t max_pack_bytes = std::size_t{4} << 30;
constexpr std::size_t max_key_bytes = 64 * 1024;
// A record is at most a few MiB of text (LoadOptions::max_bytes): a larger
// entry is damage, and is refused before anything is read for it.
constexpr std::uint64_t max_entry_bytes = std::uint64_t{64} << 20;

struct IndexRecord {
    ContentDigest digest{};
    std::uint64_t offset = 0; // from the start of the file
    std::uint32_t agreement_size = 0;
    std::uint32_t findings_size = 0;
    std::uint32_t generation = 0; // of the last run that used the entry
    std::uint32_t keys_size = 0;
    ContentDigest check{}; // SHA-256 of the entry's bytes
};
static_assert(sizeof(IndexRecord) == 88);

template <class T> void put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T> bool take(std::string_view bytes, std::size_t& at, T& value) {
    if (bytes.size() - at < sizeof value) return false;
    std::memcpy(&value, bytes.data() + at, sizeof value);
    at += sizeof value;
    return true;
}

// Whether the entries within the pack lie after the index and over no other
// entry: what a run reads and hashes is then bounded by the size of the
// pack, whatever its index says.
bool entries_disjoint(const std::vector<IndexRecord>& index, std::uint64_t index_end, std::uint64_t pack_size) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
    spans.reserve(index.size());
    for (const auto& record : index) {
        const std::uint64_t size = std::uint64_t{record.agreement_size} + record.findings_size + record.keys_size;
        // Past the end (a pack cut short): that entry is refused when it is looked up.
        if (size > max_entry_bytes || record.offset > pack_size || size > pack_size - record.offset) continue;
        if (record.offset < index_end) return false;
        spans.emplace_back(record.offset, size);
    }
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) {
        if (spans[i].first < spans[i - 1].first + spans[i - 1].second) return false;
    }
    return true;
}

void drop_repeated_digests(std::vector<IndexRecord>& sorted) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t end = i + 1;
        while (end < sorted.size() && sorted[end].digest == sorted[i].digest) ++end;
        if (end == i + 1) sorted[kept++] = sorted[i];
        i = end;
    }
    sorted.resize(kept);
}

bool pread_exact(int fd, char* data, std::size_t size, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, data + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads at least `least` bytes and at most `most`, stopping at the first
// read that leaves it with `least`; the count read, or nullopt when the file
// ends before `least`.
std::optional<std::size_t> pread_some(int fd, char* data, std::size_t least, std::size_t most, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < most) {
        const ssize_t n = ::pread(fd, data + done, most - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
        // What lies ahead is not owed: a short read is taken as the end.
        if (done >= least) break;
    }
    if (done < least) return std::nullopt;
    return done;
}

bool pwrite_all(int fd, std::string_view bytes, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// An open pack or spill file; records read their agreements from it. The
// descriptor stays valid when the file is renamed over or removed.
class PackFile final : public ModelStore {
public:
    // `end`: the file's size when known; reads ahead stop there, so a small
    // file costs no large buffer.
    explicit PackFile(int fd, std::uint64_t end = ~std::uint64_t{0}) : fd_(fd), end_(end) {}
    ~PackFile() override { ::close(fd_); }
    PackFile(const PackFile&) = delete;
    PackFile& operator=(const PackFile&) = delete;

    int fd() const { return fd_; }
    std::optional<std::string_view> bytes(std::uint64_t offset, std::uint32_t size, std::string& scratch) const override {
        scratch.resize(size);
        if (!pread_exact(fd_, scratch.data(), size, offset)) return std::nullopt;
        return std::string_view(scratch);
    }
    std::optional<std::string_view> bytes_ahead(std::uint64_t offset, std::uint32_t size, std::uint32_t ahead,
                                                std::string& scratch) const override {
        const std::uint64_t room = offset < end_ ? end_ - offset : 0;
        scratch.resize(static_cast<std::size_t>(std::max<std::uint64_t>(size, std::min<std::uint64_t>(std::uint64_t{size} + ahead, room))));
        const auto read = pread_some(fd_, scratch.data(), size, scratch.size(), offset);
        if (!read) return std::nullopt;
        return std::string_view(scratch.data(), *read);
    }

private:
    int fd_;
    std::uint64_t end_;
};

} // namespace

struct RecordCachePack {
    std::shared_ptr<const PackFile> file;
    std::uint64_t size = 0;
    std::uint32_t generation = 0;
    std::vector<IndexRecord> index; // sorted by digest
    // Where the records whose digests start with each prefix of
    // `prefix_bits` bits begin in `index` (one more at the end): a lookup
    // then searches a handful of records, not the whole index with a cache
    // miss at every step. The table has about as many slots as the index
    // has records (up to 2^16): a full-size one is 64 pages to fill, which
    // is most of what a one-record pack costs a run.
    std::vector<std::uint32_t> prefix_starts;
    unsigned prefix_bits = 0;

    void index_prefixes() {
        prefix_bits = std::min(16u, static_cast<unsigned>(std::bit_width(index.size())));
        const std::size_t prefix_count = std::size_t{1} << prefix_bits;
        prefix_starts.assign(prefix_count + 1, 0);
        std::uint32_t at = 0;
        for (std::size_t prefix = 0; prefix <= prefix_count; ++prefix) {
            while (at < index.size() && prefix_of(index[at].digest) < prefix) ++at;
            prefix_starts[prefix] = at;
        }
    }
    std::size_t prefix_of(const ContentDigest& digest) const {
        return (std::size_t{digest[0]} << 8 | std::size_t{digest[1]}) >> (16 - prefix_bits);
    }
};

struct RecordCache::Counters {
    std::atomic<std::size_t> hits{0};
    std::atomic<std::size_t> misses{0};
    std::atomic<std::size_t> damaged{0};
    std::atomic<std::size_t> unread{0};
};

namespace {
void make_private_dir(const fs::path& dir);
} // namespace

namespace {

// The spill file's bytes: appended entries are gathered in memory and
// written a chunk at a time (one write per record was a system call per
// record). An entry is read from the file once its chunk is written, else
// from memory; a chunk that could not be written stays in memory, so an
// entry once placed can always be read back.
class SpillStore final : public ModelStore {
public:
    explicit SpillStore(int fd) : file_(fd) {}
    ~SpillStore() override = default;
    SpillStore(const SpillStore&) = delete;
    SpillStore& operator=(const SpillStore&) = delete;

    std::optional<std::uint64_t> append(std::string_view bytes) {
        const std::lock_guard lock(mutex_);
        if (failed_ || end_ + bytes.size() > max_pack_bytes) return std::nullopt;
        if (pending_.size() + bytes.size() > chunk_bytes) write_pending();
        const std::uint64_t offset = end_;
        pending_.append(bytes);
        end_ += bytes.size();
        return offset;
    }

    std::optional<std::string_view> bytes(std::uint64_t offset, std::uint32_t size, std::string& scratch) const override {
        if (offset + size <= written_end_.load(std::memory_order_acquire)) return file_.bytes(offset, size, scratch);
        const std::lock_guard lock(mutex_);
        if (offset > end_ || size > end_ - offset) return std::nullopt;
        // The part written to the file, then the part still in memory.
        const std::uint64_t from_file = offset < pending_offset_ ? std::min<std::uint64_t>(size, pending_offset_ - offset) : 0;
        scratch.resize(size);
        if (from_file > 0 && !pread_exact(file_.fd(), scratch.data(), from_file, offset)) return std::nullopt;
        if (from_file < size) {
            std::memcpy(scratch.data() + from_file, pending_.data() + (offset + from_file - pending_offset_), size - from_file);
        }
        return std::string_view(scratch);
    }

    // Ahead only within what is written to the file.
    std::optional<std::string_view> bytes_ahead(std::uint64_t offset, std::uint32_t size, std::uint32_t ahead,
                                                std::string& scratch) const override {
        const std::uint64_t written = written_end_.load(std::memory_order_acquire);
        if (offset > written || size > written - offset) return bytes(offset, size, scratch);
        scratch.resize(static_cast<std::size_t>(std::min<std::uint64_t>(std::uint64_t{size} + ahead, written - offset)));
        if (!pread_exact(file_.fd(), scratch.data(), scratch.size(), offset)) return std::nullopt;
        return std::string_view(scratch);
    }

private:
    static constexpr std::size_t chunk_bytes = 256 * 1024;

    // Under mutex_.
    void write_pending() {
        if (!pwrite_all(file_.fd(), pending_, pending_offset_)) {
            failed_ = true; // pending_ stays: its entries are read from it
            return;
        }
        pending_offset_ += pending_.size();
        written_end_.store(pending_offset_, std::memory_order_release);
        pending_.clear();
        if (pending_.capacity() > 2 * chunk_bytes) pending_ = std::string(); // grown by one large entry
    }

    PackFile file_;
    mutable std::mutex mutex_;
    std::string pending_;             // the bytes from pending_offset_ to end_
    std::uint64_t pending_offset_ = 0;
    std::uint64_t end_ = 0;
    std::atomic<std::uint64_t> written_end_{0};
    bool failed_ = false;
};

} // namespace

struct SpillFile::State {
    std::once_flag opened;
    std::shared_ptr<SpillStore> file; // null when it could not be made
};

namespace {

// Opens and checks the pack; nullptr (and a reason) when it cannot be used.
std::shared_ptr<RecordCachePack> open_pack(const fs::path& path, std::string_view run_key, std::string& problem);

// The entry an index record names; nullopt when its bytes would lie past
// the end of the pack (nothing is then read, or allocated for reading).
std::optional<CacheEntry> entry_in(const RecordCachePack& pack, const IndexRecord& record) {
    const std::uint64_t size = std::uint64_t{record.agreement_size} + record.findings_size + record.keys_size;
    if (size > max_entry_bytes || record.offset > pack.size || size > pack.size - record.offset) return std::nullopt;
    return CacheEntry{record.digest,        pack.file,        record.offset, record.agreement_size,
                      record.findings_size, record.keys_size, record.check};
}

} // namespace

namespace {

template <class Read> std::optional<std::string_view> read_checked(const CacheEntry& entry, Read read) {
    if (!entry.store || entry.size() > max_entry_bytes) return std::nullopt;
    const std::optional<std::string_view> bytes = read(static_cast<std::uint32_t>(entry.size()));
    if (!bytes || digest_of(*bytes) != entry.check) return std::nullopt;
    return bytes;
}

} // namespace

std::optional<std::string_view> read_entry(const CacheEntry& entry, std::string& scratch) {
    return read_checked(entry, [&](std::uint32_t size) { return entry.store->bytes(entry.offset, size, scratch); });
}

std::optional<std::string_view> detail::read_entry(const CacheEntry& entry, ReadWindow& window) {
    return read_checked(entry, [&](std::uint32_t size) { return window.read(entry.store, entry.offset, size); });
}

namespace {

// The stamps file beside the pack: magic "TWSTMP01", u64 count, u32
// generation, u32 zero, count records (device, inode, size, mtime s and ns,
// ctime s and ns, digest, u32 generation that last saw it, u32 zero: 96
// bytes) sorted by identity, then the SHA-256 of everything before it. A file that is
// damaged in any way is no stamps at all: a wrong digest would give a file
// another file's record.
constexpr std::string_view stamps_magic = "TWSTMP01";
constexpr std::size_t stamp_record_bytes = 7 * 8 + 32 + 8;
// Bounds what a planted stamps file can make a run read and hash.
constexpr std::uint64_t max_stamps = std::uint64_t{4} << 20;

std::string encode_stamps(const RecordCache::Stamps& file) {
    std::string out(stamps_magic);
    out.reserve(out.size() + 16 + file.stamps.size() * stamp_record_bytes + 32);
    put(out, static_cast<std::uint64_t>(file.stamps.size()));
    put(out, file.generation);
    put(out, std::uint32_t{0});
    for (std::size_t i = 0; i < file.stamps.size(); ++i) {
        const StampedDigest& s = file.stamps[i];
        put(out, s.stamp.identity.device);
        put(out, s.stamp.identity.inode);
        put(out, s.stamp.size);
        put(out, s.stamp.mtime_sec);
        put(out, s.stamp.mtime_nsec);
        put(out, s.stamp.ctime_sec);
        put(out, s.stamp.ctime_nsec);
        put(out, s.digest);
        put(out, file.last_seen[i]);
        put(out, std::uint32_t{0});
    }
    put(out, digest_of(out));
    return out;
}

RecordCache::Stamps decode_stamps(std::string_view bytes) {
    std::size_t at = stamps_magic.size();
    std::uint64_t count = 0;
    std::uint32_t reserved = 0;
    RecordCache::Stamps file;
    if (bytes.substr(0, at) != stamps_magic || !take(bytes, at, count) || !take(bytes, at, file.generation) ||
        !take(bytes, at, reserved) || count > max_stamps || bytes.size() < at + 32 ||
        (bytes.size() - at - 32) / stamp_record_bytes != count || (bytes.size() - at - 32) % stamp_record_bytes != 0) {
        return {};
    }
    ContentDigest check{};
    std::memcpy(check.data(), bytes.data() + bytes.size() - 32, check.size());
    if (digest_of(bytes.substr(0, bytes.size() - 32)) != check) return {};
    file.stamps.resize(static_cast<std::size_t>(count));
    file.last_seen.resize(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < file.stamps.size(); ++i) {
        StampedDigest& s = file.stamps[i];
        take(bytes, at, s.stamp.identity.device);
        take(bytes, at, s.stamp.identity.inode);
        take(bytes, at, s.stamp.size);
        take(bytes, at, s.stamp.mtime_sec);
        take(bytes, at, s.stamp.mtime_nsec);
        take(bytes, at, s.stamp.ctime_sec);
        take(bytes, at, s.stamp.ctime_nsec);
        take(bytes, at, s.digest);
        take(bytes, at, file.last_seen[i]);
        take(bytes, at, reserved);
    }
    const auto strictly_sorted =
        std::adjacent_find(file.stamps.begin(), file.stamps.end(), [](const auto& a, const auto& b) {
            return !(a.stamp.identity < b.stamp.identity);
        }) == file.stamps.end();
    if (!strictly_sorted) return {};
    return file; // not `strictly_sorted ? file : ...`, which copies it
}

RecordCache::Stamps read_stamps(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return {};
    const PackFile file(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) > stamps_magic.size() + 16 + max_stamps * stamp_record_bytes + 32) {
        return {};
    }
    std::string scratch;
    const auto bytes = file.bytes(0, static_cast<std::uint32_t>(st.st_size), scratch);
    return bytes ? decode_stamps(*bytes) : RecordCache::Stamps{};
}

// The time a file written now would be stamped with (the file system's clock is the real-time clock).
std::pair<std::int64_t, std::int64_t> file_system_now() {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return {std::int64_t{now.tv_sec}, std::int64_t{now.tv_nsec}};
}

} // namespace

std::string cache_run_key(const LoadOptions& options) {
    std::string key = fmt::format("telework {} decoder {} max-bytes {} policies", version, TELEWORK_DECODER_BUILD_ID,
                                  options.max_bytes);
    for (const auto& name : options.policy_names) key += fmt::format(" {}:{}", name.size(), name);
    return key;
}

fs::path default_cache_dir() {
    const auto env = [](const char* name) -> std::string {
        const char* value = std::getenv(name);
        return value ? value : "";
    };
    if (const auto dir = env("TELEWORK_CACHE_DIR"); !dir.empty()) return dir;
    if (const auto dir = env("XDG_CACHE_HOME"); !dir.empty() && fs::path(dir).is_absolute()) return fs::path(dir) / "telework";
    if (const auto home = env("HOME"); !home.empty() && fs::path(home).is_absolute()) {
        return fs::path(home) / ".cache" / "telework";
    }
    return {};
}

RecordCache::RecordCache(fs::path dir, const std::vector<fs::path>& roots, std::string run_key)
    : dir_(std::move(dir)), run_key_(std::move(run_key)), counters_(std::make_unique<Counters>()),
      spill_(std::make_unique<SpillFile>(dir_, [this] { make_private_dir(dir_); })) {
    std::string roots_key;
    for (const auto& root : roots) roots_key += root.string() + '\0';
    const ContentDigest name = digest_of(roots_key);
    pack_path_ = dir_ / "v1" / (to_hex(name).substr(0, 32) + ".pack");
    pack_ = open_pack(pack_path_, run_key_, problem_);
    stamps_path_ = dir_ / "v1" / (to_hex(name).substr(0, 32) + ".stamps");
    started_ = file_system_now();
    Stamps stamps = read_stamps(stamps_path_);
    stamps_ = std::move(stamps.stamps);
    stamp_generations_ = std::move(stamps.last_seen);
    stamps_generation_ = stamps.generation;
}

RecordCache::~RecordCache() = default;

std::optional<RecordCache::Entry> RecordCache::find(const ContentDigest& digest) const {
    if (!pack_) return std::nullopt;
    const auto& index = pack_->index;
    const auto prefix = pack_->prefix_of(digest);
    const auto first = index.begin() + pack_->prefix_starts[prefix];
    const auto last = index.begin() + pack_->prefix_starts[prefix + 1];
    const auto found = std::lower_bound(first, last, digest,
                                        [](const IndexRecord& r, const ContentDigest& d) { return r.digest < d; });
    if (found == last || found->digest != digest) return std::nullopt;
    auto entry = entry_in(*pack_, *found);
    if (!entry) counters_->damaged.fetch_add(1, std::memory_order_relaxed);
    return entry;
}

void RecordCache::count(bool hit, bool damaged, bool unread) const {
    if (damaged) counters_->damaged.fetch_add(1, std::memory_order_relaxed);
    if (unread) counters_->unread.fetch_add(1, std::memory_order_relaxed);
    (hit ? counters_->hits : counters_->misses).fetch_add(1, std::memory_order_relaxed);
}

RecordCache::Counts RecordCache::counts() const {
    return Counts{counters_->hits.load(), counters_->misses.load(), counters_->damaged.load(), counters_->unread.load()};
}

namespace {

// An unnamed file in `dir` (O_TMPFILE), else a named one removed at once.
int unnamed_file(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    std::string temp = (dir / "spill.XXXXXX").string();
    fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(temp.c_str());
    return fd;
}

} // namespace

SpillFile::SpillFile(fs::path dir, std::function<void()> prepare)
    : dir_(std::move(dir)), prepare_(std::move(prepare)), state_(std::make_unique<State>()) {}

SpillFile::~SpillFile() = default;

std::optional<SpillFile::Placed> SpillFile::append(std::string_view bytes) const {
    State& state = *state_;
    std::call_once(state.opened, [&] {
        if (prepare_) prepare_();
        const int fd = unnamed_file(dir_);
        if (fd >= 0) state.file = std::make_shared<SpillStore>(fd);
    });
    if (!state.file || bytes.size() > max_entry_bytes) return std::nullopt;
    const auto offset = state.file->append(bytes);
    if (!offset) return std::nullopt;
    return Placed{state.file, *offset};
}

std::optional<RecordCache::Entry> RecordCache::spill(const ContentDigest& digest, std::string_view agreement,
                                                     std::string_view findings, std::string_view keys) const {
    thread_local std::string bytes;
    const detail::ScratchRelease release{bytes};
    bytes.assign(agreement).append(findings).append(keys);
    const auto placed = spill_->append(bytes);
    if (!placed) return std::nullopt;
    return CacheEntry{digest,
                      placed->store,
                      placed->offset,
                      static_cast<std::uint32_t>(agreement.size()),
                      static_cast<std::uint32_t>(findings.size()),
                      static_cast<std::uint32_t>(keys.size()),
                      digest_of(bytes)};
}

namespace {

std::shared_ptr<RecordCachePack> open_pack(const fs::path& path, std::string_view run_key, std::string& problem) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno != ENOENT) problem = fmt::format("cannot open {}: {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    auto file = std::make_shared<const PackFile>(fd, size);
    if (!regular || size < magic.size() || size > max_pack_bytes) {
        problem = fmt::format("{} is not a cache pack; it will be replaced", path.string());
        return nullptr;
    }
    // The header: magic, key size, key, generation, count.
    std::string header(std::min<std::uint64_t>(size, magic.size() + 4 + max_key_bytes + 8), '\0');
    if (!pread_exact(fd, header.data(), header.size(), 0)) {
        problem = fmt::format("cannot read {}: {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    const std::string_view bytes = header;
    std::size_t at = magic.size();
    std::uint32_t key_size = 0;
    std::uint32_t count = 0;
    const bool headed = bytes.substr(0, magic.size()) == magic && take(bytes, at, key_size) &&
                        key_size <= max_key_bytes && bytes.size() - at >= key_size;
    if (!headed) {
        problem = fmt::format("{} is damaged or of another version; it will be replaced", path.string());
        return nullptr;
    }
    if (bytes.substr(at, key_size) != run_key) {
        problem = fmt::format("{} was written by another build or configuration; it will be replaced", path.string());
        return nullptr;
    }
    at += key_size;
    auto pack = std::make_shared<RecordCachePack>();
    if (!take(bytes, at, pack->generation) || !take(bytes, at, count) ||
        (size - at) / sizeof(IndexRecord) < count) {
        problem = fmt::format("{} is truncated; it will be replaced", path.string());
        return nullptr;
    }
    pack->index.resize(count);
    if (count > 0 && !pread_exact(fd, reinterpret_cast<char*>(pack->index.data()), count * sizeof(IndexRecord), at)) {
        problem = fmt::format("cannot read {}: {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    if (!entries_disjoint(pack->index, at + std::uint64_t{count} * sizeof(IndexRecord), size)) {
        problem = fmt::format("{} is damaged (its index names bytes outside its entries); it will be replaced",
                              path.string());
        return nullptr;
    }
    // Written sorted; sorting again costs little and keeps lookups right if not.
    const auto by_digest = [](const IndexRecord& a, const IndexRecord& b) { return a.digest < b.digest; };
    if (!std::is_sorted(pack->index.begin(), pack->index.end(), by_digest)) {
        std::sort(pack->index.begin(), pack->index.end(), by_digest);
    }
    // telework never writes a digest twice. When a pack does, find() would
    // refuse one copy while save() carried the other over under a fresh
    // check, so neither copy is trusted.
    drop_repeated_digests(pack->index);
    pack->index_prefixes();
    pack->file = std::move(file);
    pack->size = size;
    return pack;
}

// A file written to a temporary file beside `path` and renamed over it, so a
// reader sees the old file or the new one, never a part (the new pack is
// streamed through one).
class AtomicFile {
public:
    explicit AtomicFile(const fs::path& path) : path_(path) {
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        temp_ = (path.parent_path() / (path.filename().string() + ".XXXXXX")).string();
        fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
        if (fd_ < 0) error_ = fmt::format("cannot write in {}: {}", path.parent_path().string(), std::strerror(errno));
    }
    ~AtomicFile() {
        if (fd_ >= 0) {
            ::close(fd_);
            ::unlink(temp_.c_str());
        }
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool ok() const { return !error_; }
    // Buffered: entries are small and many.
    void write(std::string_view bytes, std::uint64_t offset) {
        if (error_) return;
        if (!buffer_.empty() && buffer_offset_ + buffer_.size() != offset) flush();
        if (buffer_.empty()) buffer_offset_ = offset;
        buffer_.append(bytes);
        if (buffer_.size() >= (std::size_t{1} << 20)) flush();
    }
    void flush() {
        if (!error_ && !buffer_.empty() && !pwrite_all(fd_, buffer_, buffer_offset_)) fail();
        buffer_.clear();
    }
    std::optional<std::string> commit() {
        flush();
        if (error_) return error_;
        const int fd = std::exchange(fd_, -1);
        if (::close(fd) != 0 || ::rename(temp_.c_str(), path_.c_str()) != 0) {
            const std::string reason = std::strerror(errno);
            ::unlink(temp_.c_str());
            return fmt::format("cannot write {}: {}", path_.string(), reason);
        }
        return std::nullopt;
    }

private:
    void fail() { error_ = fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)); }

    fs::path path_;
    std::string temp_;
    int fd_ = -1;
    std::optional<std::string> error_;
    std::string buffer_;
    std::uint64_t buffer_offset_ = 0;
};

// Writes `bytes` to a new file beside `path` and renames it over `path`, so
// a reader sees the old file or the new one, never a part.
std::optional<std::string> replace_file(const fs::path& path, std::string_view bytes) {
    AtomicFile writer(path);
    writer.write(bytes, 0);
    return writer.commit();
}

void make_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) return;
    fs::create_directories(dir, ec);
    if (!ec) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    // Backup and archiving tools skip a directory tagged as a cache.
    const auto tag = dir / "CACHEDIR.TAG";
    if (!ec && !fs::exists(tag, ec)) {
        (void)replace_file(tag, "Signature: 8a477f597d28d172789f06886806bc55\n"
                                "# This directory holds telework's cache of decoded records; it is safe to delete.\n");
    }
}


} // namespace

std::optional<std::string> RecordCache::save(const std::vector<ContentDigest>& used, std::vector<Entry> fresh,
                                             std::vector<StampedDigest> stamps) {
    auto pack_error = save_pack(used, std::move(fresh));
    auto stamps_error = save_stamps(std::move(stamps));
    return pack_error ? pack_error : stamps_error;
}

std::optional<ContentDigest> RecordCache::digest_by_stamp(const FileStamp& stamp) const {
    const auto found = std::lower_bound(stamps_.begin(), stamps_.end(), stamp.identity,
                                        [](const StampedDigest& s, const FileIdentity& id) { return s.stamp.identity < id; });
    if (found == stamps_.end() || !(found->stamp == stamp)) return std::nullopt;
    return found->digest;
}

std::optional<std::string> RecordCache::save_stamps(std::vector<StampedDigest> stamps) {
    // A file changed within this margin of the run's start may have been
    // changed after it was read and still show an older change time (file
    // systems keep coarse times), so its stamp is kept only by a later run.
    constexpr std::int64_t margin_sec = 2;
    const std::pair<std::int64_t, std::int64_t> trusted_before{started_.first - margin_sec, started_.second};
    std::erase_if(stamps, [&](const StampedDigest& s) {
        return std::pair(s.stamp.ctime_sec, s.stamp.ctime_nsec) >= trusted_before;
    });
    if (stamps.size() > max_stamps) stamps.clear();
    const auto by_identity = [](const StampedDigest& a, const StampedDigest& b) {
        return a.stamp.identity < b.stamp.identity;
    };
    std::sort(stamps.begin(), stamps.end(), by_identity);
    // One file reached under two names is one stamp; two stamps of one file
    // (changed during the run) are none.
    std::vector<StampedDigest> kept;
    kept.reserve(stamps.size());
    for (std::size_t i = 0; i < stamps.size();) {
        std::size_t end = i + 1;
        bool agree = true;
        for (; end < stamps.size() && stamps[end].stamp.identity == stamps[i].stamp.identity; ++end) {
            agree = agree && stamps[end].stamp == stamps[i].stamp && stamps[end].digest == stamps[i].digest;
        }
        if (agree) kept.push_back(stamps[i]);
        i = end;
    }
    const auto same = [](const StampedDigest& a, const StampedDigest& b) {
        return a.stamp == b.stamp && a.digest == b.digest;
    };
    // Every file seen as the last run left it: nothing to write, so a warm
    // run writes nothing (and builds no second table to find that out).
    if (std::equal(kept.begin(), kept.end(), stamps_.begin(), stamps_.end(), same)) return std::nullopt;
    // The stamps of files this run did not see stay for the runs that will
    // (a run over one unit must not make the next full run read every
    // file), until max_idle_runs writes have passed without them.
    Stamps next;
    next.generation = stamps_generation_ + 1;
    next.stamps.reserve(kept.size() + stamps_.size());
    next.last_seen.reserve(kept.size() + stamps_.size());
    const auto carry = [&](std::size_t old) {
        if (std::uint64_t{stamp_generations_[old]} + max_idle_runs < next.generation) return;
        next.stamps.push_back(stamps_[old]);
        next.last_seen.push_back(stamp_generations_[old]);
    };
    std::size_t old = 0;
    for (const StampedDigest& seen : kept) {
        for (; old < stamps_.size() && stamps_[old].stamp.identity < seen.stamp.identity; ++old) carry(old);
        if (old < stamps_.size() && stamps_[old].stamp.identity == seen.stamp.identity) ++old;
        next.stamps.push_back(seen);
        next.last_seen.push_back(next.generation);
    }
    for (; old < stamps_.size(); ++old) carry(old);
    if (next.stamps.size() > max_stamps) {
        next.stamps = kept;
        next.last_seen.assign(kept.size(), next.generation);
    }
    // Unchanged: not written.
    if (std::equal(next.stamps.begin(), next.stamps.end(), stamps_.begin(), stamps_.end(), same)) return std::nullopt;
    make_private_dir(dir_);
    return replace_file(stamps_path_, encode_stamps(next));
}

std::optional<std::string> RecordCache::save_pack(const std::vector<ContentDigest>& used, std::vector<Entry> fresh) {
    const Counts now = counts();
    if (fresh.empty() && now.damaged == 0 && pack_) return std::nullopt;
    // A rewrite reads and checks every entry it keeps: for a few records
    // decoded anew beside a large pack (a pull request's changed files) that
    // costs far more than decoding them again, so they wait for a run that
    // decoded more.
    if (pack_ && now.damaged == 0 && fresh.size() * min_rewrite_share < pack_->index.size()) return std::nullopt;
    if (fresh.empty() && !pack_ && used.empty()) return std::nullopt;
    const std::uint32_t generation = (pack_ ? pack_->generation : 0) + 1;

    // Every entry the new pack may hold, the first of each digest winning:
    // this run's new entries, then those it used, then young ones. Entries
    // not written by this run are copied only while their bytes still match
    // their check: a new check must never vouch for bytes damaged on disk.
    struct Planned {
        Entry entry;
        std::uint32_t generation = 0;
        bool verify = false;
        int rank = 0;
    };
    std::vector<Planned> planned;
    planned.reserve(fresh.size() + used.size() + (pack_ ? pack_->index.size() : 0));
    for (auto& entry : fresh) planned.push_back(Planned{std::move(entry), generation, false, 0});
    fresh = {};
    for (const auto& digest : used) {
        if (auto entry = find(digest)) planned.push_back(Planned{std::move(*entry), generation, true, 1});
    }
    if (pack_) {
        for (const auto& record : pack_->index) {
            if (record.generation + max_idle_runs < generation) continue;
            if (auto entry = entry_in(*pack_, record)) planned.push_back(Planned{std::move(*entry), record.generation, true, 2});
        }
    }
    std::sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) {
        return a.entry.digest != b.entry.digest ? a.entry.digest < b.entry.digest : a.rank < b.rank;
    });
    planned.erase(std::unique(planned.begin(), planned.end(),
                              [](const Planned& a, const Planned& b) { return a.entry.digest == b.entry.digest; }),
                  planned.end());

    make_private_dir(dir_);
    AtomicFile writer(pack_path_);
    if (!writer.ok()) return writer.commit();
    std::string header(magic);
    put(header, static_cast<std::uint32_t>(run_key_.size()));
    header += run_key_;
    put(header, generation);
    const std::size_t count_at = header.size();
    put(header, std::uint32_t{0});
    // The index takes room for every planned entry; an entry dropped on the
    // way leaves unused bytes between the index and the entries.
    std::uint64_t offset = header.size() + planned.size() * sizeof(IndexRecord);
    // Copied in the order the entries lie in their files, adjacent ones with
    // one read: a read per entry was a system call per record, and the new
    // pack then keeps the order the records were loaded in, which the next
    // run reads them in.
    std::vector<std::size_t> by_place(planned.size());
    for (std::size_t i = 0; i < by_place.size(); ++i) by_place[i] = i;
    // This run's entries first; std::less orders the stores' addresses (a
    // plain < between unrelated pointers is unspecified).
    std::sort(by_place.begin(), by_place.end(), [&](std::size_t a, std::size_t b) {
        const Planned& x = planned[a];
        const Planned& y = planned[b];
        if ((x.rank != 0) != (y.rank != 0)) return x.rank == 0;
        if (x.entry.store != y.entry.store) return std::less<const ModelStore*>{}(x.entry.store.get(), y.entry.store.get());
        return x.entry.offset < y.entry.offset;
    });
    constexpr std::uint64_t no_offset = ~std::uint64_t{0};
    constexpr std::uint64_t run_limit = std::uint64_t{1} << 20;
    std::vector<std::uint64_t> placed_at(planned.size(), no_offset);
    std::string run_bytes, scratch;
    for (std::size_t first = 0; first < by_place.size();) {
        const Entry& head = planned[by_place[first]].entry;
        std::size_t last = first + 1;
        std::uint64_t run_end = head.offset + head.size();
        for (; last < by_place.size(); ++last) {
            const Entry& next = planned[by_place[last]].entry;
            if (next.store != head.store || next.offset != run_end || run_end + next.size() - head.offset > run_limit) break;
            run_end += next.size();
        }
        // A run that cannot be read whole (a pack cut short) is read entry by entry.
        const auto run = last - first > 1 && head.store
                             ? head.store->bytes(head.offset, static_cast<std::uint32_t>(run_end - head.offset), run_bytes)
                             : std::nullopt;
        for (; first < last; ++first) {
            const Planned& item = planned[by_place[first]];
            const Entry& entry = item.entry;
            std::optional<std::string_view> bytes;
            if (run) {
                bytes = run->substr(static_cast<std::size_t>(entry.offset - head.offset), static_cast<std::size_t>(entry.size()));
                if (item.verify && digest_of(*bytes) != entry.check) bytes.reset();
            } else {
                bytes = item.verify ? read_entry(entry, scratch)
                                    : entry.store->bytes(entry.offset, static_cast<std::uint32_t>(entry.size()), scratch);
            }
            if (!bytes) continue;
            if (offset + bytes->size() > max_pack_bytes) {
                return fmt::format("the cache would exceed {} bytes; not written", max_pack_bytes);
            }
            writer.write(*bytes, offset);
            placed_at[by_place[first]] = offset;
            offset += bytes->size();
        }
    }
    std::string index;
    index.reserve(planned.size() * sizeof(IndexRecord));
    for (std::size_t i = 0; i < planned.size(); ++i) {
        if (placed_at[i] == no_offset) continue;
        const Entry& entry = planned[i].entry;
        IndexRecord record;
        record.digest = entry.digest;
        record.offset = placed_at[i];
        record.agreement_size = entry.agreement_size;
        record.findings_size = entry.findings_size;
        record.keys_size = entry.keys_size;
        record.generation = planned[i].generation;
        record.check = entry.check;
        put(index, record);
    }
    const auto count = static_cast<std::uint32_t>(index.size() / sizeof(IndexRecord));
    std::memcpy(header.data() + count_at, &count, sizeof count);
    writer.write(header, 0);
    writer.write(index, header.size());
    return writer.commit();
}

} // namespace telework
