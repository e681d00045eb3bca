// libFuzzer harness: the input is the text of a `telework.toml`.
//
// parse_config takes the file's text as read (it applies the size cap and
// the nesting pre-check before toml++). An error must name a place in the
// file; a configuration that loads is then put to use the way a run does:
// its profile, thresholds and rule severities judge two fixed records (one
// of each profile), and drive the renewal watch and the report, so that
// extreme thresholds (0, 3660, a share of 1e-300) reach the date arithmetic.
#include "telework/config.hpp"
#include "telework/date.hpp"
#include "telework/decoder.hpp"
#include "telework/engine.hpp"
#include "telework/record.hpp"
#include "telework/record_index.hpp"
#include "telework/renewal.hpp"
#include "telework/report.hpp"
#include "telework/source_text.hpp"
#include "telework/yaml_loader.hpp"

#include "fixed_records.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace telework;
using telework::fuzz::ct_record;
using telework::fuzz::opm_record;

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "config_fuzzer: contract broken: %s\n", what);
    std::abort();
}

RecordFile load(std::string_view name, std::string_view text) {
    return decode_record(std::string(text), std::string(name), std::string(name));
}

const std::vector<RecordFile>& records() {
    static const std::vector<RecordFile> files{load("fuzz/ct.yaml", ct_record), load("fuzz/opm.yaml", opm_record)};
    return files;
}

void use(const Config& config) {
    // Profile files are read from disk; none exists beside the fuzzed text, so
    // a configuration naming one ends here, as one with a bad name or value does.
    const auto configured = configure_profiles(config);
    if (!configured) {
        require(configured.error().line >= 1 && !configured.error().message.empty(), "a profile error has a position");
        return;
    }
    RunSettings settings;
    settings.as_of = *Date::parse("2026-11-20");
    settings.profiles = configured->profiles;
    settings.default_profile = configured->default_profile;
    settings.severity_overrides = configured->severities;
    settings.jobs = 1;
    (void)config.base_dir();

    std::vector<RecordFile> files = records();
    judge_records(files, settings);
    (void)count_findings(files);
    std::vector<const RecordFile*> usable;
    for (const RecordFile& file : files) {
        if (file.has_agreement() && !file.structurally_broken()) usable.push_back(&file);
    }
    const RecordIndex index(usable);
    (void)renewal_watch(index, settings, 30);
    ReportOptions options;
    options.by = ReportDimension::Agency;
    (void)build_report(files, usable, settings, options);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto config = parse_config(text, "fuzz/telework.toml");
    if (!config) {
        const ConfigError& error = config.error();
        require(error.line >= 1 && error.column >= 1, "a configuration error has a line and column");
        require(!error.message.empty(), "a configuration error has a message");
        (void)error.to_string();
        return 0;
    }
    use(*config);
    return 0;
}
