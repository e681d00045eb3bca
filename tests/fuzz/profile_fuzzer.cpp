// libFuzzer harness: the input is the text of a profile file (docs/profiles.md).
//
// The profile is read as `telework.toml` would have it read (into a copy of
// the built-in profiles, so that `extends = "opm"` works). An error must name
// a place in the file; a profile that loads then judges two fixed records as
// the default profile, and drives check-eligibility, the renewal watch and
// the report, so that any kind with any parameters runs on real records.
#include "telework/date.hpp"
#include "telework/eligibility.hpp"
#include "telework/engine.hpp"
#include "telework/profile.hpp"
#include "telework/record.hpp"
#include "telework/record_index.hpp"
#include "telework/renewal.hpp"
#include "telework/report.hpp"

#include "fixed_records.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace telework;
using telework::fuzz::ct_record;
using telework::fuzz::opm_record;

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "profile_fuzzer: contract broken: %s\n", what);
    std::abort();
}

LoadOptions load_options(const ProfileSet& set) {
    LoadOptions options;
    const auto ids = set.ids();
    options.policy_names.assign(ids.begin(), ids.end());
    return options;
}

void use(const std::shared_ptr<ProfileSet>& set, const Profile& profile) {
    RunSettings settings;
    settings.as_of = *Date::parse("2026-11-20");
    settings.profiles = set;
    settings.default_profile = profile.id;
    settings.jobs = 1;
    const LoadOptions options = load_options(*set);
    std::vector<RecordFile> files{decode_record(std::string(ct_record), "fuzz/ct.yaml", "fuzz/ct.yaml", options),
                                  decode_record(std::string(opm_record), "fuzz/opm.yaml", "fuzz/opm.yaml", options)};
    // The second record judged by the fuzzed profile too.
    if (auto second = files[1].agreement()) {
        second->policy.value = profile.id;
        files[1].keep_agreement(*second);
    }
    judge_records(files, settings);
    std::vector<const RecordFile*> usable;
    for (const RecordFile& file : files) {
        for (const Finding& finding : file.findings) {
            require(finding.info != nullptr, "a finding of a run has its rule");
            require(!finding.message.empty(), "a finding has a message");
        }
        if (file.has_agreement() && !file.structurally_broken()) usable.push_back(&file);
    }
    const RecordIndex index(usable);
    for (const RecordFile* file : usable) (void)check_eligibility(*file, index, settings);
    for (const RenewalItem& item : renewal_watch(index, settings, 30)) require(!item.reason.empty(), "a reason");
    ReportOptions report;
    (void)build_report(files, usable, settings, report);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto set = std::make_shared<ProfileSet>(*ProfileSet::built_in());
    const auto added = set->add(text, "fuzz/profile.toml", "fuzz/profile.toml");
    if (!added) {
        const ConfigError& error = added.error();
        require(error.line >= 1 && error.column >= 1, "a profile error has a line and column");
        require(!error.message.empty(), "a profile error has a message");
        return 0;
    }
    use(set, **added);
    return 0;
}
