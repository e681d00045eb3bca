#include "read_window.hpp"
#include "telework/parallel.hpp"
#include "telework/record.hpp"
#include "telework/record_index.hpp"
#include "telework/record_cache.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace telework;
namespace fs = std::filesystem;

namespace {

struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "telework-cache-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~ScratchDir() { fs::remove_all(path); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

// Bytes that differ from entry to entry and within one, so that a slice
// taken at a wrong offset never equals the right one.
std::string entry_bytes(std::size_t n, std::size_t size) {
    std::string bytes(size, '\0');
    std::uint32_t state = static_cast<std::uint32_t>(n) * 2654435761u + 1u;
    for (auto& byte : bytes) {
        state = state * 1664525u + 1013904223u;
        byte = static_cast<char>(state >> 24);
    }
    return bytes;
}

// A store in memory that answers through the caller's scratch, as a file
// does, and counts the reads it is asked for.
class CountingStore final : public ModelStore {
public:
    explicit CountingStore(std::string bytes) : bytes_(std::move(bytes)) {}
    std::optional<std::string_view> bytes(std::uint64_t offset, std::uint32_t size, std::string& scratch) const override {
        return bytes_ahead(offset, size, 0, scratch);
    }
    std::optional<std::string_view> bytes_ahead(std::uint64_t offset, std::uint32_t size, std::uint32_t ahead,
                                                std::string& scratch) const override {
        ++reads;
        if (offset > bytes_.size() || size > bytes_.size() - offset) return std::nullopt;
        scratch.assign(bytes_, static_cast<std::size_t>(offset), std::size_t{size} + ahead);
        return std::string_view(scratch);
    }
    mutable int reads = 0;

private:
    std::string bytes_;
};

} // namespace

TEST_CASE("SpillFile: entries written a chunk at a time read back whole, from the file or from memory, and across "
          "the point where the file ends") {
    const ScratchDir dir;
    const SpillFile spill(dir.path);
    std::vector<std::pair<std::uint64_t, std::string>> placed;
    std::string all;
    std::shared_ptr<const ModelStore> store;
    std::string scratch;
    // About 1.6 MB in entries of 1 to 9,000 bytes: several chunks written,
    // the last one still in memory.
    for (std::size_t n = 0; all.size() < 1600 * 1024; ++n) {
        const std::string bytes = entry_bytes(n, 1 + (n * 7919) % 9000);
        const auto at = spill.append(bytes);
        REQUIRE(at);
        CHECK(at->offset == all.size());
        store = at->store;
        placed.emplace_back(at->offset, bytes);
        all += bytes;
        // The entry just placed, and the first, read back at once.
        CHECK(store->bytes(at->offset, static_cast<std::uint32_t>(bytes.size()), scratch) == std::optional<std::string_view>(bytes));
        CHECK(store->bytes(0, static_cast<std::uint32_t>(placed[0].second.size()), scratch) ==
              std::optional<std::string_view>(placed[0].second));
    }
    REQUIRE(placed.size() > 100);
    int mismatches = 0;
    for (const auto& [offset, bytes] : placed) {
        const auto alone = store->bytes(offset, static_cast<std::uint32_t>(bytes.size()), scratch);
        if (alone != std::optional<std::string_view>(bytes)) ++mismatches;
        // Read ahead: the entry, then the bytes that follow it, never past
        // what was placed.
        const auto ahead = store->bytes_ahead(offset, static_cast<std::uint32_t>(bytes.size()), 20000, scratch);
        if (!ahead || ahead->size() < bytes.size() || *ahead != std::string_view(all).substr(offset, ahead->size())) {
            ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    // Everything at once: the part in the file, then the part in memory.
    CHECK(store->bytes(0, static_cast<std::uint32_t>(all.size()), scratch) == std::optional<std::string_view>(all));
    CHECK(store->bytes(all.size() - 10, 10, scratch) == std::optional<std::string_view>(std::string_view(all).substr(all.size() - 10)));
    CHECK_FALSE(store->bytes(all.size() - 10, 11, scratch));
    CHECK_FALSE(store->bytes(all.size() + 1, 0, scratch));
}

TEST_CASE("ReadWindow: reads in order are answered from one read ahead; another store is never answered from the "
          "last one's bytes") {
    std::string stream;
    for (int n = 0; n < 100; ++n) stream += entry_bytes(static_cast<std::size_t>(n), 100);
    detail::ReadWindow window;
    {
        auto first = std::make_shared<const CountingStore>(stream);
        const std::shared_ptr<const ModelStore> store = first;
        int mismatches = 0;
        for (std::uint32_t n = 10; n < 100; ++n) {
            const auto bytes = window.read(store, n * 100, 100);
            if (bytes != std::optional<std::string_view>(std::string_view(stream).substr(n * 100, 100))) ++mismatches;
        }
        CHECK(mismatches == 0);
        CHECK(first->reads == 1);
        // Back before the window: read again.
        CHECK(window.read(store, 0, 100) == std::optional<std::string_view>(std::string_view(stream).substr(0, 100)));
        CHECK(first->reads == 2);
    }
    // The store the window read from is gone, and another is made in its
    // very storage: it is read, not answered from the window.
    alignas(CountingStore) unsigned char storage[sizeof(CountingStore)];
    const auto destroy_only = [](const ModelStore* store) { store->~ModelStore(); };
    {
        const std::shared_ptr<const ModelStore> old(new (storage) CountingStore(std::string(200, 'a')), destroy_only);
        CHECK(window.read(old, 0, 100) == std::optional<std::string_view>(std::string(100, 'a')));
    }
    const std::shared_ptr<const ModelStore> next(new (storage) CountingStore(std::string(200, 'b')), destroy_only);
    REQUIRE(static_cast<const void*>(next.get()) == static_cast<const void*>(storage));
    CHECK(window.read(next, 0, 100) == std::optional<std::string_view>(std::string(100, 'b')));
}

TEST_CASE("SpillFile: two threads appending and reading back at once each read their own bytes") {
    const ScratchDir dir;
    const SpillFile spill(dir.path);
    std::vector<std::vector<std::pair<SpillFile::Placed, std::string>>> placed(2);
    std::vector<int> mismatches(2, 0);
    const auto work = [&](std::size_t thread) {
        std::string scratch;
        for (std::size_t n = 0; n < 1500; ++n) {
            std::string bytes = entry_bytes(thread * 100000 + n, 1 + (n * 613) % 1200);
            const auto at = spill.append(bytes);
            if (!at) {
                ++mismatches[thread];
                continue;
            }
            if (at->store->bytes(at->offset, static_cast<std::uint32_t>(bytes.size()), scratch) !=
                std::optional<std::string_view>(bytes)) {
                ++mismatches[thread];
            }
            placed[thread].emplace_back(*at, std::move(bytes));
        }
    };
    {
        std::thread other(work, 1);
        work(0);
        other.join();
    }
    CHECK(mismatches == std::vector<int>{0, 0});
    int wrong = 0;
    std::string scratch;
    for (const auto& list : placed) {
        for (const auto& [at, bytes] : list) {
            if (at.store->bytes(at.offset, static_cast<std::uint32_t>(bytes.size()), scratch) !=
                std::optional<std::string_view>(bytes)) {
                ++wrong;
            }
        }
    }
    CHECK(wrong == 0);
}

TEST_CASE("SpillFile: when a chunk cannot be written, what was placed stays readable and nothing more is placed") {
    const ScratchDir dir;
    const SpillFile spill(dir.path);
    // The file may not grow past 300 KiB: the second chunk's write fails
    // (EFBIG; SIGXFSZ is ignored meanwhile).
    struct rlimit old_limit {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = old_limit;
    limit.rlim_cur = 300 * 1024;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    std::vector<std::pair<SpillFile::Placed, std::string>> placed;
    std::size_t refused = 0;
    for (std::size_t n = 0; n < 600; ++n) {
        std::string bytes = entry_bytes(n, 1000);
        if (const auto at = spill.append(bytes)) {
            placed.emplace_back(*at, std::move(bytes));
        } else {
            ++refused;
        }
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(placed.size() > 256);   // the first chunk, written, and the second, kept in memory
    CHECK(placed.size() < 600);
    CHECK(refused == 600 - placed.size());
    int wrong = 0;
    std::string scratch;
    for (const auto& [at, bytes] : placed) {
        if (at.store->bytes(at.offset, static_cast<std::uint32_t>(bytes.size()), scratch) !=
            std::optional<std::string_view>(bytes)) {
            ++wrong;
        }
    }
    CHECK(wrong == 0);
}

TEST_CASE("RecordCache::save: a pack copied in runs of adjacent entries keeps every good entry whole and drops a "
          "damaged one") {
    const ScratchDir dir;
    const std::vector<fs::path> roots{dir.path / "repo"};
    const auto digest_for = [](std::size_t n) { return digest_of("record " + std::to_string(n)); };
    const auto parts_for = [](std::size_t n) {
        return std::array<std::string, 3>{entry_bytes(3 * n, 500 + n % 1500), entry_bytes(3 * n + 1, n % 40),
                                          entry_bytes(3 * n + 2, 20 + n % 30)};
    };
    const auto spill_all = [&](const RecordCache& cache, std::size_t from, std::size_t to) {
        std::vector<CacheEntry> fresh;
        for (std::size_t n = from; n < to; ++n) {
            const auto parts = parts_for(n);
            auto entry = cache.spill(digest_for(n), parts[0], parts[1], parts[2]);
            REQUIRE(entry);
            fresh.push_back(std::move(*entry));
        }
        return fresh;
    };
    // Whether the pack holds record n, whole.
    const auto holds = [&](const RecordCache& cache, std::size_t n) {
        const auto entry = cache.find(digest_for(n));
        std::string scratch;
        const auto bytes = entry ? read_entry(*entry, scratch) : std::nullopt;
        const auto parts = parts_for(n);
        return bytes && *bytes == parts[0] + parts[1] + parts[2] && entry->agreement_size == parts[0].size() &&
               entry->findings_size == parts[1].size() && entry->keys_size == parts[2].size();
    };
    const std::size_t first_run = 1500; // about 1.6 MB: spilled in several chunks, copied in several runs
    {
        RecordCache cache(dir.path / "cache", roots, "key");
        REQUIRE_FALSE(cache.save({}, spill_all(cache, 0, first_run)));
    }
    std::uint64_t damaged_at = 0;
    {
        const RecordCache cache(dir.path / "cache", roots, "key");
        int missing = 0;
        for (std::size_t n = 0; n < first_run; ++n) missing += holds(cache, n) ? 0 : 1;
        CHECK(missing == 0);
        damaged_at = cache.find(digest_for(700))->offset + 3;
    }
    {
        std::fstream pack;
        const RecordCache cache(dir.path / "cache", roots, "key");
        pack.open(cache.pack_path(), std::ios::in | std::ios::out | std::ios::binary);
        pack.seekg(static_cast<std::streamoff>(damaged_at));
        const char byte = static_cast<char>(pack.get());
        pack.seekp(static_cast<std::streamoff>(damaged_at));
        pack.put(static_cast<char>(byte ^ 0x40));
    }
    // A second run uses every old entry and adds as many new ones: the old
    // ones are copied with their checks, the damaged one is left out.
    {
        RecordCache cache(dir.path / "cache", roots, "key");
        std::vector<ContentDigest> used;
        for (std::size_t n = 0; n < first_run; ++n) used.push_back(digest_for(n));
        REQUIRE_FALSE(cache.save(used, spill_all(cache, first_run, 2 * first_run)));
    }
    const RecordCache cache(dir.path / "cache", roots, "key");
    int missing = 0;
    for (std::size_t n = 0; n < 2 * first_run; ++n) {
        if (n != 700) missing += holds(cache, n) ? 0 : 1;
    }
    CHECK(missing == 0);
    CHECK_FALSE(cache.find(digest_for(700)));
}

TEST_CASE("parallel_for_by_worker: every index once, each on a worker whose id is below worker_count") {
    for (const int jobs : {1, 2, 3, 8}) {
        for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
            const std::size_t workers = worker_count(count, jobs);
            CHECK(workers >= 1);
            CHECK(workers <= std::max<std::size_t>(1, std::min<std::size_t>(count, static_cast<std::size_t>(jobs))));
            std::vector<std::vector<std::size_t>> seen(workers);
            std::atomic<bool> id_in_range{true};
            parallel_for_by_worker(count, jobs, [&](std::size_t i, std::size_t worker) {
                if (worker >= workers) {
                    id_in_range = false;
                    return;
                }
                seen[worker].push_back(i);
            });
            CHECK(id_in_range);
            std::vector<std::size_t> all;
            for (const auto& part : seen) all.insert(all.end(), part.begin(), part.end());
            std::sort(all.begin(), all.end());
            std::vector<std::size_t> expected(count);
            for (std::size_t i = 0; i < count; ++i) expected[i] = i;
            CHECK(all == expected);
        }
    }
}

TEST_CASE("RecordIndex: the same answers below and above the size at which its two sorts take two threads") {
    for (const std::size_t count : {std::size_t{50}, min_items_for_a_thread + 50}) {
        std::vector<RecordFile> files(count);
        for (std::size_t n = 0; n < count; ++n) {
            RecordKeys keys;
            keys.id = Field<std::string>{Presence::Present, fmt::format("id-{}", n % (count / 2)), Position{}};
            keys.employee_id = Field<std::string>{Presence::Present, fmt::format("e-{}", n % 7), Position{}};
            files[n].path = fmt::format("r{:06}.yaml", n);
            files[n].keys = std::move(keys);
        }
        const RecordIndex index(files);
        CHECK(index.all().size() == count);
        int wrong = 0;
        for (std::size_t n = 0; n < count / 2; ++n) {
            const auto found = index.with_id(fmt::format("id-{}", n));
            // Two records per id, in path order.
            if (found.size() != 2 || found[0] != &files[n] || found[1] != &files[n + count / 2]) ++wrong;
        }
        CHECK(wrong == 0);
        std::size_t employees = 0;
        for (int e = 0; e < 7; ++e) {
            const auto found = index.of_employee(fmt::format("e-{}", e));
            employees += found.size();
            CHECK(std::is_sorted(found.begin(), found.end(), [](const RecordFile* a, const RecordFile* b) { return a->path < b->path; }));
        }
        CHECK(employees == count);
        CHECK(index.with_id("absent").empty());
    }
}
