// libFuzzer harness: the input is the bytes of one record file.
//
// It goes the way `telework validate` takes a file (SourceText, parse_yaml,
// decode_agreement, a RecordFile), then, once for each profile, through
// judge_records, check-eligibility, the renewal watch and the report
// figures. Beside the record the run holds two copies of it, so that the
// cross-record rules (TW004 duplicate id, TW005 supersedes) and "current
// agreement" have something to look at:
//   - a copy at another path with the same id (a duplicate), and
//   - a renewal: `policy` set to the profile of the round, id suffixed and
//     `supersedes` naming the original, so that every rule of every profile
//     runs on every input whatever the record's own `policy` says.
// Only the public API in include/telework/ is used. Besides crashes,
// sanitizer reports and timeouts, a few documented contracts are checked
// (findings name a catalog rule and point inside the file; the report's
// expiry figures add up); a broken one aborts with a message.
#include "telework/catalog.hpp"
#include "telework/date.hpp"
#include "telework/decoder.hpp"
#include "telework/eligibility.hpp"
#include "telework/engine.hpp"
#include "telework/enums.hpp"
#include "telework/record.hpp"
#include "telework/record_index.hpp"
#include "telework/renewal.hpp"
#include "telework/report.hpp"
#include "telework/source_text.hpp"
#include "telework/yaml_loader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace telework;

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "record_fuzzer: contract broken: %s\n", what);
    std::abort();
}

const Date& as_of() {
    static const Date date = *Date::parse("2026-11-20");
    return date;
}

// What load_record does after reading a file: the same code, not a copy.
RecordFile load(std::string bytes) { return decode_record(std::move(bytes), "fuzz/record.yaml", "fuzz/record.yaml"); }

// The record, a duplicate of it, and a renewal judged by `profile`.
std::vector<RecordFile> run_files(const RecordFile& original, const std::string& profile) {
    std::vector<RecordFile> files{original, original};
    files[1].path = files[1].display_path = "fuzz/duplicate.yaml";
    if (original.has_agreement()) {
        RecordFile renewal = original;
        renewal.path = renewal.display_path = "fuzz/renewal.yaml";
        Agreement a = *renewal.agreement();
        a.policy.presence = Presence::Present;
        a.policy.value = profile;
        if (a.id.present()) {
            a.supersedes.presence = Presence::Present;
            a.supersedes.value = a.id.value;
            a.supersedes.pos = a.id.pos;
            a.id.value += "-renewed";
        }
        renewal.keep_agreement(a);
        files.push_back(std::move(renewal));
    }
    return files;
}

void check_findings(const RecordFile& file) {
    const auto source = file.read_source();
    for (const Finding& finding : file.findings) {
        require(finding.info != nullptr || find_structure_rule(finding.rule) != nullptr,
                "a finding names a rule of the catalog");
        require(!finding.message.empty(), "a finding has a message");
        const Position pos = finding.pos;
        require(pos.line >= 1 && pos.line <= source->line_count(), "a finding's line is inside the file");
        const int columns = count_code_points(source->line(pos.line));
        require(pos.column >= 1 && pos.column <= columns + 1, "a finding's column is inside its line");
    }
}

void check_report(const Report& report) {
    const auto check = [](const ReportFigures& f) {
        const ExpiryCounts& e = f.expiring;
        const int expiring = std::accumulate(e.by_month.begin(), e.by_month.end(), 0) + e.expired + e.later +
                             e.no_end_date;
        require(expiring == f.current_agreements, "expiry figures add up to the current agreements");
        require(f.top_rules.size() <= top_rule_count, "at most five top rules");
        require(f.records_with_errors <= f.records_checked, "records with errors are records checked");
    };
    check(report.total);
    for (const ReportGroup& group : report.groups) check(group.figures);
    for (const Date& month : report.months) (void)month_label(month);
}

void judge_round(const RecordFile& original, const std::string& profile) {
    RunSettings settings;
    settings.as_of = as_of();
    settings.default_profile = profile;
    settings.jobs = 1;

    std::vector<RecordFile> files = run_files(original, profile);
    judge_records(files, settings);
    (void)count_findings(files);
    std::vector<const RecordFile*> usable;
    for (const RecordFile& file : files) {
        check_findings(file);
        if (file.has_agreement() && !file.structurally_broken()) usable.push_back(&file);
    }

    // check-eligibility: the records that pass the structure checks, against every record read.
    const RecordIndex everything(files);
    for (const RecordFile* file : usable) {
        const EligibilityResult result = check_eligibility(*file, everything, settings);
        (void)to_string(result.verdict);
        for (const CriterionResult& criterion : result.criteria) {
            require(criterion.rule != nullptr, "an eligibility criterion names its rule");
        }
    }

    // expire: the renewal watch over the judgeable records.
    const RecordIndex judgeable(usable);
    for (const RenewalItem& item : renewal_watch(judgeable, settings, 30)) {
        require(item.file != nullptr, "a renewal item names its file");
        (void)to_string(item.state);
        require(!item.reason.empty(), "a renewal item has a reason");
        if (item.date && item.days) require(*item.days == days_between(settings.as_of, *item.date), "days to the date");
    }
    for (const RecordFile* file : usable) {
        const Agreement a = *file->agreement();
        const Profile* judged_by = settings.profile_for(a);
        require(judged_by != nullptr, "a judgeable record has a known profile");
        (void)agreement_end(a, *judged_by);
        (void)renewal_required(*file, *judged_by, judgeable, settings);
        if (const auto days = telework_days_per_week(a)) (void)describe(frequency_band(*days));
    }

    // report: whole-run figures, then broken down (one dimension a profile
    // keeps the rounds short; both profiles together cover all four).
    ReportOptions options;
    check_report(build_report(files, usable, settings, options));
    options.include_names = true;
    options.period = ReportPeriod{Date::parse("2026-01-01"), Date::parse("2026-09-30")};
    const std::array<ReportDimension, 2> dimensions =
        profile == "opm" ? std::array{ReportDimension::Agency, ReportDimension::Unit}
                                  : std::array{ReportDimension::Supervisor, ReportDimension::Type};
    for (const ReportDimension by : dimensions) {
        options.by = by;
        check_report(build_report(files, usable, settings, options));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const RecordFile original = load(std::string(reinterpret_cast<const char*>(data), size));
    check_findings(original);
    for (const std::string_view id : ProfileSet::built_in()->ids()) judge_round(original, std::string(id));
    return 0;
}
