// libFuzzer harness: the input is the bytes of a cache pack file, or of a
// stamps file when it starts with that file's magic.
//
// The pack is read back by a run before anything else it does, from a
// directory that a CI job may restore from a shared cache: whatever is in
// it must make a miss, never a crash, a hang or a wrong record. The input is
// written where RecordCache looks for its pack (a private temporary
// directory, made once), then:
//   - RecordCache opens it (with a fixed run key, the one the seeds carry);
//   - every digest named in the input's index region (if it has one) and a
//     few fixed digests are looked up; each entry found is read and checked
//     (read_entry), decoded and kept the way a run restores a record
//     (RecordFile::keep_encoded_agreement), and its agreement unpacked again;
//   - the two fixed records of fixed_records.hpp, written in the temporary
//     directory, are loaded through load_record with the cache (the code a
//     run takes: a hit is restored, a damaged entry counted, a miss decoded),
//     and the result must equal the record decoded without a cache;
//   - save() writes the pack anew from what was used and decoded (reading
//     the old pack's entries), and the pack it wrote must open cleanly and
//     hold no entry the old pack refused as damaged;
//   - the input is also given as is to the entry decoders (model_codec);
//   - an input that is a stamps file is written in its place, with no pack:
//     the records load, each the one its text makes, and none is a hit.
// A broken contract aborts with a message.
#include "fixed_records.hpp"
#include "model_codec.hpp"
#include "telework/discovery.hpp"
#include "telework/file_access.hpp"
#include "telework/record.hpp"
#include "telework/record_cache.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace telework;
namespace fs = std::filesystem;

// The key the seed packs carry in their header (tests/fuzz/corpus/cache/ was
// made by telework, then given this key).
constexpr std::string_view run_key = "telework cache fuzzer";

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "cache_fuzzer: contract broken: %s\n", what);
    std::abort();
}

void write_file(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    require(static_cast<bool>(out), "the harness can write its files");
}

struct Scene {
    fs::path top;
    fs::path cache_dir;
    std::shared_ptr<const ReadRoot> root;
    std::vector<FileRef> records;
    std::vector<RecordFile> expected; // the records decoded without a cache
    std::vector<ContentDigest> fixed_digests;
    fs::path pack_path;
    fs::path stamps_path;
};

const Scene& scene() {
    static const Scene made = [] {
        Scene s;
        std::string temp = (fs::temp_directory_path() / "telework-cache-fuzzer.XXXXXX").string();
        require(::mkdtemp(temp.data()) != nullptr, "a private temporary directory");
        s.top = temp;
        s.cache_dir = s.top / "cache";
        fs::create_directories(s.top / "records");
        const std::array<std::pair<const char*, std::string_view>, 2> texts{
            {{"ct.yaml", fuzz::ct_record}, {"opm.yaml", fuzz::opm_record}}};
        for (const auto& [name, text] : texts) write_file(s.top / "records" / name, text);
        auto root = ReadRoot::open(s.top / "records");
        require(root.has_value(), "the records directory opens");
        s.root = std::make_shared<const ReadRoot>(std::move(*root));
        for (const auto& [name, text] : texts) {
            const auto resolved = resolve_beneath(*s.root, s.top / "records" / name);
            require(resolved.has_value(), "a fixed record resolves");
            s.records.push_back(FileRef{(s.top / "records" / name).string(), name, s.root, false, resolved->stamp, false});
            s.expected.push_back(decode_record(std::string(text), s.top / "records" / name, name));
            s.fixed_digests.push_back(digest_of(text));
        }
        s.fixed_digests.push_back(digest_of(""));
        s.fixed_digests.push_back(ContentDigest{});
        ContentDigest ones;
        ones.fill(0xff);
        s.fixed_digests.push_back(ones);
        const RecordCache probe(s.cache_dir, {s.root->canonical()}, std::string(run_key));
        s.pack_path = probe.pack_path();
        s.stamps_path = probe.stamps_path();
        fs::create_directories(s.pack_path.parent_path());
        return s;
    }();
    return made;
}

// The digests of the index records the input's header announces, as far as
// the input holds them (at most 64: the rest add nothing).
std::vector<ContentDigest> index_digests(std::string_view bytes) {
    std::vector<ContentDigest> found;
    constexpr std::string_view magic = "TWPACK02";
    if (bytes.substr(0, magic.size()) != magic) return found;
    std::size_t at = magic.size();
    const auto u32 = [&](std::uint32_t& value) {
        if (bytes.size() - at < 4) return false;
        std::memcpy(&value, bytes.data() + at, 4);
        at += 4;
        return true;
    };
    std::uint32_t key_size = 0, generation = 0, count = 0;
    if (!u32(key_size) || bytes.size() - at < key_size) return found;
    at += key_size;
    if (!u32(generation) || !u32(count)) return found;
    for (std::uint32_t i = 0; i < count && i < 64 && bytes.size() - at >= 88; ++i, at += 88) {
        ContentDigest digest;
        std::memcpy(digest.data(), bytes.data() + at, digest.size());
        found.push_back(digest);
    }
    return found;
}

// The entry's bytes when they can be read and match their check.
std::optional<std::string> checked_bytes(const CacheEntry& entry) {
    std::string scratch;
    const auto bytes = read_entry(entry, scratch);
    return bytes ? std::optional<std::string>(std::string(*bytes)) : std::nullopt;
}

// What a run does with an entry found (record.cpp's restore), through the public API.
void restore(const CacheEntry& entry, std::string_view bytes) {
    const std::string_view agreement_bytes = bytes.substr(0, entry.agreement_size);
    const auto findings = detail::decode_findings_bytes(bytes.substr(entry.agreement_size, entry.findings_size));
    const auto keys = detail::decode_keys_bytes(bytes.substr(entry.agreement_size + entry.findings_size));
    if (!findings || !keys || agreement_bytes.empty()) return;
    const auto agreement = detail::decode_agreement_bytes(agreement_bytes);
    if (!agreement) return;
    RecordFile file;
    file.findings = *findings;
    file.keep_encoded_agreement(entry.store, entry.offset, entry.agreement_size, *keys);
    const auto again = file.agreement();
    require(again.has_value(), "a restored agreement unpacks again");
    std::string encoded;
    detail::encode_agreement(*again, encoded);
    require(encoded == agreement_bytes, "a restored agreement encodes to the bytes it came from");
    (void)file.structurally_broken();
}

bool same_record(const RecordFile& a, const RecordFile& b) {
    if (a.digest != b.digest || a.has_agreement() != b.has_agreement() || a.findings.size() != b.findings.size()) {
        return false;
    }
    if (a.encoded_agreement() != b.encoded_agreement()) return false;
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        const Finding& x = a.findings[i];
        const Finding& y = b.findings[i];
        if (x.rule != y.rule || x.message != y.message || x.pos.line != y.pos.line || x.pos.column != y.pos.column) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Scene& s = scene();
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // The entry decoders on their own; the check restore() makes agrees
    // with decoding whole.
    require(detail::agreement_bytes_decode(input) == detail::decode_agreement_bytes(input).has_value(),
            "agreement_bytes_decode agrees with decode_agreement_bytes");
    (void)detail::decode_findings_bytes(input);
    (void)detail::decode_keys_bytes(input);

    const bool stamps_input = input.starts_with("TWSTMP01");
    std::error_code ignored;
    fs::remove(stamps_input ? s.pack_path : s.stamps_path, ignored);
    write_file(stamps_input ? s.stamps_path : s.pack_path, input);
    RecordCache cache(s.cache_dir, {s.root->canonical()}, std::string(run_key));
    if (stamps_input) {
        for (std::size_t i = 0; i < s.records.size(); ++i) {
            LoadOutcome outcome = load_record(s.records[i], LoadOptions{}, &cache);
            require(outcome.record.has_value() && !outcome.cache_hit, "with no pack, a record is decoded anew");
            require(same_record(*outcome.record, s.expected[i]), "a record decoded anew is the one its text makes");
        }
        return 0;
    }
    require(cache.pack_path() == s.pack_path, "the pack path depends only on the directory and the roots");

    std::vector<ContentDigest> digests = index_digests(input);
    digests.insert(digests.end(), s.fixed_digests.begin(), s.fixed_digests.end());
    std::vector<std::optional<std::string>> before; // each digest's entry bytes, when it was a hit
    for (const ContentDigest& digest : digests) {
        const auto entry = cache.find(digest);
        const auto bytes = entry ? checked_bytes(*entry) : std::nullopt;
        if (bytes) restore(*entry, *bytes);
        before.push_back(bytes);
    }

    // The records as a run loads them: whatever the pack holds, the record
    // is the one its text makes, or the pack was written by this decoder.
    std::vector<ContentDigest> used;
    std::vector<CacheEntry> fresh;
    for (std::size_t i = 0; i < s.records.size(); ++i) {
        LoadOutcome outcome = load_record(s.records[i], LoadOptions{}, &cache);
        require(outcome.record.has_value(), "a fixed record loads");
        if (!outcome.cache_hit) {
            require(same_record(*outcome.record, s.expected[i]), "a record decoded anew is the one its text makes");
        }
        if (outcome.cache_hit) used.push_back(outcome.record->digest);
        if (outcome.fresh_entry) fresh.push_back(std::move(*outcome.fresh_entry));
    }
    const RecordCache::Counts counts = cache.counts();
    require(counts.hits + counts.misses == s.records.size(), "every load is a hit or a miss");

    // The pack written anew (when anything was decoded or refused) opens cleanly.
    const bool rewrites = !fresh.empty() || counts.damaged > 0;
    const auto error = cache.save(used, std::move(fresh));
    if (rewrites && !error) {
        const RecordCache reread(s.cache_dir, {s.root->canonical()}, std::string(run_key));
        require(reread.problem().empty(), "a pack telework wrote is usable");
        for (std::size_t i = 0; i < s.records.size(); ++i) {
            LoadOutcome outcome = load_record(s.records[i], LoadOptions{}, &reread);
            require(outcome.record.has_value(), "a fixed record loads from the rewritten pack");
        }
        require(reread.counts().damaged == 0, "a pack telework wrote has no damaged entries");
        // An entry the old pack refused (damaged) or did not hold must not
        // come back as a hit for a digest no record of this run had: the
        // rewrite would otherwise bless damaged bytes with a fresh check.
        for (std::size_t i = 0; i < digests.size(); ++i) {
            bool loaded = false;
            for (const ContentDigest& d : s.fixed_digests) loaded = loaded || d == digests[i];
            if (loaded) continue;
            const auto entry = reread.find(digests[i]);
            const auto bytes = entry ? checked_bytes(*entry) : std::nullopt;
            if (!bytes) continue;
            require(before[i].has_value(), "a rewritten pack holds no entry the old pack refused");
            require(*before[i] == *bytes, "a rewritten pack keeps an entry's bytes");
        }
    }
    return 0;
}
