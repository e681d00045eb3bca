#pragma once

#include "telework/date.hpp"
#include "telework/enums.hpp"
#include "telework/evaluation.hpp"
#include "telework/severity.hpp"
#include "telework/thresholds.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace telework {

class RecordIndex;
struct Agreement;
struct RecordFile;

// What a rule sees: one record, its profile, the run's settings and every
// other record of the run.
struct RuleContext {
    const RecordFile& file;
    const Agreement& record;
    ProfileId profile;
    const Thresholds& thresholds;
    Date as_of;
    std::optional<Date> approval; // derived once per record
    const RecordIndex& index;
};

using RuleCheck = void (*)(const RuleContext&, EvaluationSink&);

enum class RuleSet { Structure, Opm, CtGl32 };

// Which records a rule judges (rule catalog, "Which records a rule judges").
enum class Judges { Every, Approved, ApprovedOrProposed, DeniedOrTerminated };

struct RuleInfo {
    std::string_view id;
    std::string_view name;
    Severity severity;
    RuleSet set;
    Judges judges;
    bool eligibility;            // a check-eligibility criterion
    std::string_view citation;   // e.g. "GL32 IV.E"
    std::string_view summary;    // one line: what it flags
    std::string_view description;
    std::string_view source;     // the policy text the quote comes from
    std::string_view quote;      // the sentence it enforces, verbatim
    RuleCheck check;             // null for the rules loading applies (TW001-TW003, TW007) and for
                                 // TW008, which --changed-since applies with the file's version at REV
};

// The catalog, in ID order. It is the one place a rule is declared.
std::span<const RuleInfo> rule_catalog();

// By ID ("CT201", any case) or name ("max-term").
const RuleInfo* find_rule(std::string_view id_or_name);

bool profile_includes(ProfileId profile, const RuleInfo& rule);
bool judges_status(const RuleInfo& rule, const Agreement& record);

} // namespace telework
