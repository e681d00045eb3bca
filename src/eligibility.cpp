#include "telework/eligibility.hpp"

namespace telework {

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
    case Verdict::Eligible: return "eligible";
    case Verdict::Ineligible: return "ineligible";
    case Verdict::Incomplete: return "incomplete";
    }
    return "incomplete";
}

EligibilityResult check_eligibility(const RecordFile& file, const RecordIndex& index, const RunSettings& settings) {
    EligibilityResult result;
    result.file = &file;
    const auto record = file.agreement();
    result.profile = settings.profile_for(*record);
    if (!result.profile) result.profile = &settings.default_profile_entry();
    bool failed = false, unknown = false;
    for (const auto& entry : result.profile->rules) {
        const RuleInfo& rule = *entry;
        if (!rule.eligibility) continue;
        const auto severity = effective_severity(rule, settings.severity_overrides);
        if (!severity) continue; // off: not evaluated
        const bool advisory = *severity != Severity::Error;
        for (auto& evaluation : evaluate_rule(rule, file, index, settings)) {
            if (!advisory) {
                failed = failed || evaluation.outcome == Outcome::Fail;
                unknown = unknown || evaluation.outcome == Outcome::Unknown;
            }
            result.criteria.push_back(CriterionResult{&rule, *severity, advisory, std::move(evaluation)});
        }
    }
    result.verdict = failed ? Verdict::Ineligible : unknown ? Verdict::Incomplete : Verdict::Eligible;
    return result;
}

} // namespace telework
