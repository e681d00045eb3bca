#pragma once

#include "telework/engine.hpp"
#include "telework/record_index.hpp"

#include <string_view>
#include <vector>

namespace telework {

// check-eligibility (rules.md): the eligibility criteria of the record's
// profile, judged whatever its status, by the same rule functions validate uses.
enum class Verdict { Eligible, Ineligible, Incomplete };

std::string_view to_string(Verdict verdict);

struct CriterionResult {
    const RuleInfo* rule = nullptr;
    Severity severity = Severity::Error; // after telework.toml
    bool advisory = false;               // warning or info: reported, but not part of the verdict
    Evaluation evaluation;
};

struct EligibilityResult {
    const RecordFile* file = nullptr;
    const Profile* profile = nullptr;
    Verdict verdict = Verdict::Eligible;
    std::vector<CriterionResult> criteria; // in catalog order, question by question where a rule has questions
};

EligibilityResult check_eligibility(const RecordFile& file, const RecordIndex& index, const RunSettings& settings);

} // namespace telework
