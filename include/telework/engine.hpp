#pragma once

#include "telework/catalog.hpp"
#include "telework/config.hpp"
#include "telework/discovery.hpp"
#include "telework/profile.hpp"
#include "telework/record.hpp"
#include "telework/record_cache.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace telework {

struct RunSettings {
    Date as_of;
    std::shared_ptr<const ProfileSet> profiles = ProfileSet::built_in();
    std::string default_profile = "opm";
    SeverityOverrides severity_overrides;
    int jobs = 1;
    LoadOptions load;
    // Counts the files load_records has read, for a progress display; may be null.
    std::atomic<std::size_t>* files_loaded = nullptr;
    // Decoded records of earlier runs; may be null (--no-cache).
    RecordCache* cache = nullptr;

    // The profile that judges a record: its own `policy`, else the run's
    // default; null when its `policy` names no profile this run knows.
    const Profile* profile_for(const Agreement& record) const;
    const Profile& default_profile_entry() const;
    // A rule by ID or name, from the default profile first.
    const RuleInfo* find_rule(std::string_view id_or_name) const;
};

// The approval date (format page) under a profile: the latest date among
// its approval signatures that are present; none when none is.
std::optional<Date> approval_date(const Agreement& record, const Profile& profile);

// A rule's severity for this run; nullopt when it is turned off.
std::optional<Severity> effective_severity(const RuleInfo& rule, const SeverityOverrides& overrides);

struct LoadedRun {
    std::vector<RecordFile> files;
    std::vector<std::string> read_errors;
    // Why the cache could not be written, when it could not (the run goes on).
    std::optional<std::string> cache_problem;
};

// Loads every discovered file, in parallel, keeping the discovery order; with
// a cache, takes unchanged records from it and then saves it.
// Each file's entry is released once it is read (the record keeps its path).
LoadedRun load_records(Discovery&& discovery, const RunSettings& settings);

// Evaluates one rule on one record (the building block of validate and
// check-eligibility: one definition of each rule).
std::vector<Evaluation> evaluate_rule(const RuleInfo& rule, const RecordFile& file, const RecordIndex& index,
                                      const RunSettings& settings);
// The same with the record's agreement already unpacked.
std::vector<Evaluation> evaluate_rule(const RuleInfo& rule, const RecordFile& file, const Agreement& record,
                                      const RecordIndex& index, const RunSettings& settings);

// Runs every rule of each record's profile and adds the findings to the
// files, sorted by position. Loading findings get their configured severity.
// With `only`, just the files it accepts are judged (--changed-since); the
// others still count as other records (TW004, TW005, an employee's records).
void judge_records(std::vector<RecordFile>& files, const RunSettings& settings,
                   const std::function<bool(const RecordFile&)>& only = {});

struct FindingCounts {
    int error = 0;
    int warning = 0;
    int info = 0;
};

FindingCounts count_findings(const std::vector<RecordFile>& files);

} // namespace telework
