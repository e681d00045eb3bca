#include "telework/engine.hpp"

#include "telework/derived.hpp"
#include "telework/parallel.hpp"
#include "telework/record_cache.hpp"
#include "telework/record_index.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <optional>

namespace telework {

const Profile* RunSettings::profile_for(const Agreement& record) const {
    if (record.policy.invalid()) return nullptr;
    return profiles->find(record.policy.present() ? std::string_view(record.policy.value) : default_profile);
}

const Profile& RunSettings::default_profile_entry() const { return *profiles->find(default_profile); }

const RuleInfo* RunSettings::find_rule(std::string_view id_or_name) const {
    return profiles->find_rule(id_or_name, default_profile);
}

std::optional<Date> approval_date(const Agreement& record, const Profile& profile) {
    if (!record.signatures.present()) return std::nullopt;
    std::optional<Date> latest;
    for (const auto& name : profile.approval_signatures) {
        const auto role = parse_enum<Role>(name);
        const Field<Signature>* signature = role ? &record.signatures->of(*role) : record.signatures->other(name);
        if (!signature || !signature->present() || !(*signature)->date.present()) continue;
        if (!latest || *latest < (*signature)->date.value) latest = (*signature)->date.value;
    }
    return latest;
}

std::optional<Severity> effective_severity(const RuleInfo& rule, const SeverityOverrides& overrides) {
    if (const auto found = overrides.find(rule.id); found != overrides.end()) return found->second;
    return rule.severity;
}

namespace {

template <class T> std::vector<T> join_all(std::vector<std::vector<T>> parts) {
    if (parts.empty()) return {};
    std::size_t total = 0;
    for (const auto& part : parts) total += part.size();
    std::vector<T> all = std::move(parts.front());
    all.reserve(total);
    for (std::size_t p = 1; p < parts.size(); ++p) {
        std::move(parts[p].begin(), parts[p].end(), std::back_inserter(all));
        parts[p] = {};
    }
    return all;
}

} // namespace

LoadedRun load_records(Discovery&& discovery, const RunSettings& settings) {
    // Records go straight into their place in the run: a second array of
    // outcomes would double what every record costs at the peak.
    const std::size_t count = discovery.files.size();
    LoadedRun run;
    run.files.resize(count);
    std::vector<std::string> errors(count);
    std::vector<char> read(count, 0), hit(count, 0);
    // What the cache is told at the end, in any order (it sorts them): kept
    // per worker as they come, not in a slot per record, which a warm run
    // would leave mostly empty.
    const std::size_t workers = worker_count(count, settings.jobs);
    std::vector<std::vector<CacheEntry>> entries_by_worker(settings.cache ? workers : 0);
    std::vector<std::vector<StampedDigest>> stamps_by_worker(settings.cache ? workers : 0);
    // Without a cache the records decoded go to a scratch file all the same:
    // kept in memory they were the largest part of a run's peak.
    std::optional<SpillFile> scratch;
    LoadOptions load = settings.load;
    if (std::error_code no_temp; !settings.cache) {
        const auto temp = std::filesystem::temp_directory_path(no_temp);
        if (!no_temp) load.spill = &scratch.emplace(temp);
    }
    parallel_for_by_worker(count, settings.jobs, [&](std::size_t i, std::size_t worker) {
        LoadOutcome outcome = load_record(discovery.files[i], load, settings.cache);
        discovery.files[i] = FileRef{};
        if (outcome.record) {
            run.files[i] = std::move(*outcome.record);
            read[i] = 1;
        } else {
            errors[i] = std::move(outcome.read_error);
        }
        hit[i] = outcome.cache_hit ? 1 : 0;
        if (settings.cache && outcome.fresh_entry) entries_by_worker[worker].push_back(std::move(*outcome.fresh_entry));
        if (settings.cache && outcome.stamped) stamps_by_worker[worker].push_back(*outcome.stamped);
        if (settings.files_loaded) settings.files_loaded->fetch_add(1, std::memory_order_relaxed);
    });
    run.read_errors = std::move(discovery.read_errors);
    discovery.files = {};
    std::vector<ContentDigest> used;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!read[i]) {
            run.read_errors.push_back(std::move(errors[i]));
            continue;
        }
        if (hit[i]) used.push_back(run.files[i].digest);
        if (kept != i) run.files[kept] = std::move(run.files[i]);
        ++kept;
    }
    run.files.resize(kept);
    std::vector<CacheEntry> entries = join_all(std::move(entries_by_worker));
    std::vector<StampedDigest> stamps = join_all(std::move(stamps_by_worker));
    if (settings.cache) run.cache_problem = settings.cache->save(used, std::move(entries), std::move(stamps));
    return run;
}

std::vector<Evaluation> evaluate_rule(const RuleInfo& rule, const RecordFile& file, const RecordIndex& index,
                                      const RunSettings& settings) {
    if (rule.checks.empty() || !file.has_agreement()) return {};
    const auto agreement = file.agreement();
    return evaluate_rule(rule, file, *agreement, index, settings);
}

namespace {

// What every rule of one record is judged against, derived once per record.
RuleContext context_of(const RecordFile& file, const Agreement& record, const RecordIndex& index,
                       const RunSettings& settings) {
    const Profile* profile = settings.profile_for(record);
    if (!profile) profile = &settings.default_profile_entry();
    return RuleContext{file, record, *profile, settings.as_of, approval_date(record, *profile), index};
}

std::vector<Evaluation> run_checks(const RuleInfo& rule, const RuleContext& context, bool keep_passes = true) {
    EvaluationSink sink(keep_passes);
    for (const auto& check : rule.checks) check->evaluate(context, sink);
    return sink.take();
}

} // namespace

std::vector<Evaluation> evaluate_rule(const RuleInfo& rule, const RecordFile& file, const Agreement& record,
                                      const RecordIndex& index, const RunSettings& settings) {
    if (rule.checks.empty()) return {};
    return run_checks(rule, context_of(file, record, index, settings));
}

namespace {

// A rule's outcomes as findings: every failure, and an unknown where the
// rule judges a missing fact as failed ("not recorded" on approved records).
void add_findings(RecordFile& file, const RuleInfo& rule, Severity severity, std::vector<Evaluation> evaluations) {
    for (auto& evaluation : evaluations) {
        const bool counts = evaluation.outcome == Outcome::Fail ||
                            (evaluation.outcome == Outcome::Unknown && rule.judges.only(Status::Approved));
        if (counts) file.findings.push_back(Finding{rule.id, severity, evaluation.pos, std::move(evaluation.message), &rule});
    }
}

void apply_loading_severities(RecordFile& file, const SeverityOverrides& overrides) {
    std::erase_if(file.findings, [&](Finding& finding) {
        const RuleInfo* rule = find_structure_rule(finding.rule);
        finding.info = rule;
        const auto severity = rule ? effective_severity(*rule, overrides) : std::optional<Severity>(finding.severity);
        if (severity) finding.severity = *severity;
        return !severity.has_value();
    });
}

// Says so on the TW002 finding that reports the unknown policy.
void note_structure_only(RecordFile& file, const Agreement& record) {
    const Position at = record.policy.pos;
    for (auto& finding : file.findings) {
        if (finding.rule == "TW002" && finding.pos == at) {
            finding.message += "; until it names a known profile, the record is judged by the structure rules (TW) only";
            return;
        }
    }
}

} // namespace

void judge_records(std::vector<RecordFile>& files, const RunSettings& settings,
                   const std::function<bool(const RecordFile&)>& only) {
    const RecordIndex index(files);
    parallel_for(files.size(), settings.jobs, [&](std::size_t i) {
        RecordFile& file = files[i];
        if (only && !only(file)) return;
        apply_loading_severities(file, settings.severity_overrides);
        if (const auto record = file.agreement()) {
            // A misspelt `policy:` names no profile: judging the record by
            // the default one instead would report another policy's rules.
            const Profile* profile = settings.profile_for(*record);
            if (!profile) note_structure_only(file, *record);
            const RuleContext context = context_of(file, *record, index, settings);
            const auto judge = [&](const RuleInfo& rule) {
                if (rule.checks.empty() || !judges_status(rule, *record)) return;
                const auto severity = effective_severity(rule, settings.severity_overrides);
                if (!severity) return;
                add_findings(file, rule, *severity, run_checks(rule, context, false));
            };
            for (const RuleInfo& rule : structure_rules()) judge(rule);
            if (profile) {
                for (const auto& rule : profile->rules) judge(*rule);
            }
        }
        std::stable_sort(file.findings.begin(), file.findings.end(), [](const Finding& a, const Finding& b) {
            if (a.pos != b.pos) return a.pos < b.pos;
            return a.rule < b.rule;
        });
    });
}

FindingCounts count_findings(const std::vector<RecordFile>& files) {
    FindingCounts counts;
    for (const auto& file : files) {
        for (const auto& finding : file.findings) {
            switch (finding.severity) {
            case Severity::Error: ++counts.error; break;
            case Severity::Warning: ++counts.warning; break;
            case Severity::Info: ++counts.info; break;
            }
        }
    }
    return counts;
}

} // namespace telework
