#include "telework/record_cache.hpp"

#include "model_codec.hpp"
#include "telework/version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <system_error>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TELEWORK_DECODER_BUILD_ID
#define TELEWORK_DECODER_BUILD_ID "unknown"
#endif

namespace telework {

namespace fs = std::filesystem;

// The pack file, all integers little-endian as this machine writes them
// (the magic tells a pack of another byte order apart):
//   magic "TWPACK01", u32 key length, key, u32 generation, u32 count,
//   count index records sorted by digest, then the entries' bytes.
namespace {

constexpr std::string_view magic = "TWPACK01";
constexpr std::size_t max_pack_bytes = std::size_t{4} << 30;
constexpr std::size_t max_key_bytes = 64 * 1024;

struct IndexRecord {
    ContentDigest digest{};
    std::uint64_t offset = 0; // from the start of the file
    std::uint32_t agreement_size = 0;
    std::uint32_t findings_size = 0;
    std::uint32_t generation = 0; // of the last run that used the entry
    std::uint32_t reserved = 0;
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

} // namespace

struct RecordCachePack {
    void* map = MAP_FAILED;
    std::size_t size = 0;
    std::string_view bytes;
    std::uint32_t generation = 0;
    std::vector<IndexRecord> index; // copied out of the mapping, sorted by digest

    ~RecordCachePack() {
        if (map != MAP_FAILED) ::munmap(map, size);
    }
};

struct RecordCache::Counters {
    std::atomic<std::size_t> hits{0};
    std::atomic<std::size_t> misses{0};
    std::atomic<std::size_t> damaged{0};
};

namespace {

// Opens and checks the pack; nullptr (and a reason) when it cannot be used.
std::shared_ptr<RecordCachePack> open_pack(const fs::path& path, std::string_view run_key, std::string& problem);

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
    : dir_(std::move(dir)), run_key_(std::move(run_key)), counters_(std::make_unique<Counters>()) {
    std::string roots_key;
    for (const auto& root : roots) roots_key += root.string() + '\0';
    const ContentDigest name = digest_of(roots_key);
    pack_path_ = dir_ / "v1" / (to_hex(name).substr(0, 32) + ".pack");
    pack_ = open_pack(pack_path_, run_key_, problem_);
}

RecordCache::~RecordCache() = default;

std::optional<RecordCache::Hit> RecordCache::find(const ContentDigest& digest) const {
    if (!pack_) return std::nullopt;
    const auto& index = pack_->index;
    const auto found = std::lower_bound(index.begin(), index.end(), digest,
                                        [](const IndexRecord& r, const ContentDigest& d) { return r.digest < d; });
    if (found == index.end() || found->digest != digest) return std::nullopt;
    const std::uint64_t size = std::uint64_t{found->agreement_size} + found->findings_size;
    if (found->offset > pack_->bytes.size() || size > pack_->bytes.size() - found->offset) {
        counters_->damaged.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    const std::string_view entry = pack_->bytes.substr(found->offset, size);
    if (digest_of(entry) != found->check) {
        counters_->damaged.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    return Hit{pack_, entry.substr(0, found->agreement_size), entry.substr(found->agreement_size)};
}

void RecordCache::count(bool hit, bool damaged) const {
    if (damaged) counters_->damaged.fetch_add(1, std::memory_order_relaxed);
    (hit ? counters_->hits : counters_->misses).fetch_add(1, std::memory_order_relaxed);
}

RecordCache::Counts RecordCache::counts() const {
    return Counts{counters_->hits.load(), counters_->misses.load(), counters_->damaged.load()};
}

RecordCache::Entry RecordCache::make_entry(const RecordFile& file) {
    Entry entry{file.digest, file.encoded_agreement_owner(), file.encoded_agreement(), {}};
    detail::encode_findings(file.findings, entry.findings);
    return entry;
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
    const auto size = static_cast<std::size_t>(st.st_size);
    if (!regular || size < magic.size() || size > max_pack_bytes) {
        ::close(fd);
        problem = fmt::format("{} is not a cache pack; it will be replaced", path.string());
        return nullptr;
    }
    auto pack = std::make_shared<RecordCachePack>();
    pack->map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (pack->map == MAP_FAILED) {
        problem = fmt::format("cannot map {}: {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    pack->size = size;
    pack->bytes = std::string_view(static_cast<const char*>(pack->map), size);
    const std::string_view bytes = pack->bytes;
    std::size_t at = magic.size();
    std::uint32_t key_size = 0;
    std::uint32_t count = 0;
    const bool header = bytes.substr(0, magic.size()) == magic && take(bytes, at, key_size) &&
                        key_size <= max_key_bytes && bytes.size() - at >= key_size;
    if (!header) {
        problem = fmt::format("{} is damaged or of another version; it will be replaced", path.string());
        return nullptr;
    }
    if (bytes.substr(at, key_size) != run_key) {
        problem = fmt::format("{} was written by another build or configuration; it will be replaced", path.string());
        return nullptr;
    }
    at += key_size;
    if (!take(bytes, at, pack->generation) || !take(bytes, at, count) ||
        (bytes.size() - at) / sizeof(IndexRecord) < count) {
        problem = fmt::format("{} is truncated; it will be replaced", path.string());
        return nullptr;
    }
    pack->index.resize(count);
    if (count > 0) std::memcpy(pack->index.data(), bytes.data() + at, count * sizeof(IndexRecord));
    // Written sorted; sorting again costs little and keeps lookups right if not.
    std::sort(pack->index.begin(), pack->index.end(),
              [](const IndexRecord& a, const IndexRecord& b) { return a.digest < b.digest; });
    // telework never writes a digest twice. When a pack does, find() would
    // refuse one copy while save() carried the other over under a fresh
    // check, so neither copy is trusted.
    drop_repeated_digests(pack->index);
    return pack;
}

// Writes `bytes` to a new file beside `path` and renames it over `path`, so
// a reader sees the old pack or the new one, never a part.
std::optional<std::string> replace_file(const fs::path& path, const std::vector<std::string_view>& pieces) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message());
    std::string temp = (path.parent_path() / (path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) return fmt::format("cannot write in {}: {}", path.parent_path().string(), std::strerror(errno));
    bool ok = true;
    for (const std::string_view piece : pieces) {
        std::size_t done = 0;
        while (ok && done < piece.size()) {
            const ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) ok = false;
            else done += static_cast<std::size_t>(n);
        }
    }
    const int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(ok ? errno : saved);
        ::unlink(temp.c_str());
        return fmt::format("cannot write {}: {}", path.string(), reason);
    }
    return std::nullopt;
}

void make_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) return;
    fs::create_directories(dir, ec);
    if (!ec) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    // Backup and archiving tools skip a directory tagged as a cache.
    const auto tag = dir / "CACHEDIR.TAG";
    if (!ec && !fs::exists(tag, ec)) {
        (void)replace_file(tag, {"Signature: 8a477f597d28d172789f06886806bc55\n"
                                 "# This directory holds telework's cache of decoded records; it is safe to delete.\n"});
    }
}

} // namespace

std::optional<std::string> RecordCache::save(const std::vector<ContentDigest>& used, std::vector<Entry> fresh) {
    const Counts now = counts();
    if (fresh.empty() && now.damaged == 0 && pack_) return std::nullopt;
    if (fresh.empty() && !pack_ && used.empty()) return std::nullopt;
    const std::uint32_t generation = (pack_ ? pack_->generation : 0) + 1;

    struct Planned {
        std::string_view agreement;
        std::string_view findings;
        std::uint32_t generation = 0;
    };
    std::map<ContentDigest, Planned> planned;
    for (const auto& entry : fresh) {
        planned.emplace(entry.digest, Planned{entry.agreement, entry.findings, generation});
    }
    for (const auto& digest : used) {
        if (planned.contains(digest)) continue;
        if (const auto hit = find(digest)) {
            planned.emplace(digest, Planned{hit->agreement, hit->findings, generation});
        }
    }
    if (pack_) {
        for (const auto& record : pack_->index) {
            if (planned.contains(record.digest) || record.generation + max_idle_runs < generation) continue;
            const std::uint64_t size = std::uint64_t{record.agreement_size} + record.findings_size;
            if (record.offset > pack_->bytes.size() || size > pack_->bytes.size() - record.offset) continue;
            // Carried over only while its bytes still match their check: a
            // new check must never vouch for bytes damaged on disk.
            const std::string_view bytes = pack_->bytes.substr(record.offset, size);
            if (digest_of(bytes) != record.check) continue;
            planned.emplace(record.digest, Planned{bytes.substr(0, record.agreement_size),
                                                   bytes.substr(record.agreement_size), record.generation});
        }
    }

    std::string header(magic);
    put(header, static_cast<std::uint32_t>(run_key_.size()));
    header += run_key_;
    put(header, generation);
    put(header, static_cast<std::uint32_t>(planned.size()));
    std::uint64_t offset = header.size() + planned.size() * sizeof(IndexRecord);
    std::string index;
    index.reserve(planned.size() * sizeof(IndexRecord));
    std::vector<std::string_view> pieces{header, {}};
    for (const auto& [digest, entry] : planned) {
        IndexRecord record;
        record.digest = digest;
        record.offset = offset;
        record.agreement_size = static_cast<std::uint32_t>(entry.agreement.size());
        record.findings_size = static_cast<std::uint32_t>(entry.findings.size());
        record.generation = entry.generation;
        std::string bytes(entry.agreement);
        bytes += entry.findings;
        record.check = digest_of(bytes);
        put(index, record);
        pieces.push_back(entry.agreement);
        pieces.push_back(entry.findings);
        offset += bytes.size();
    }
    pieces[1] = index;
    if (offset > max_pack_bytes) return fmt::format("the cache would exceed {} bytes; not written", max_pack_bytes);
    make_private_dir(dir_);
    return replace_file(pack_path_, pieces);
}

} // namespace telework
