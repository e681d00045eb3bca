#include "telework/catalog.hpp"

#include "rules/checks.hpp"
#include "telework/agreement.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace telework {

namespace {

// The texts a rule cites, shipped in the repository (docs/) so that a
// citation can be opened wherever telework is installed from.
constexpr std::string_view format_page = "docs/spec/agreement-format.md";
constexpr std::string_view rules_page = "docs/spec/rules.md";
constexpr std::string_view gl32 = "docs/policy/ct-gl32-telecommuting-guidelines.txt";

using S = Severity;
using J = StatusSet;

// A structure rule as written here; the function, where there is one, is its check.
struct StructureRule {
    std::string_view id;
    std::string_view name;
    Severity severity;
    StatusSet judges;
    bool eligibility;
    std::string_view citation;
    std::string_view summary;
    std::string_view description;
    std::string_view source;
    std::string_view quote;
    void (*check)(const RuleContext&, EvaluationSink&);
};

// A rule function as a Check.
class FunctionCheck final : public Check {
public:
    explicit FunctionCheck(void (*check)(const RuleContext&, EvaluationSink&)) : check_(check) {}
    void evaluate(const RuleContext& context, EvaluationSink& out) const override { check_(context, out); }

private:
    void (*check_)(const RuleContext&, EvaluationSink&);
};

// The structure rules belong to the record format, not to a policy: they
// run in every profile, and only their severity can be changed.
// clang-format off
const std::array<StructureRule, 8> catalog = {{
StructureRule{"TW001", "yaml-syntax", S::Error, J::every(), false, "format page",
 "not parseable YAML, not exactly one document, or not a mapping at the top",
 "The file must be UTF-8 YAML holding exactly one document whose top level is a mapping of keys. A file that cannot be parsed is reported once, at the place the parser stopped, and the run goes on with the other files.",
 format_page, "A file holds exactly one YAML document.", nullptr},
StructureRule{"TW002", "schema", S::Error, J::every(), false, "format page",
 "missing required key, wrong type, unknown key, value outside its enumeration, malformed date/time, or a boolean spelt other than true/false",
 "Every key must be one the format page defines, with a value of its type: dates as YYYY-MM-DD, times as \"HH:MM\", booleans exactly true or false (yes/no/on/off are read differently by YAML 1.1 and 1.2 tools), and enumerations spelt as listed. A misspelt key is reported with the key that was probably meant.",
 format_page, "Unknown keys are errors (typos must not pass silently).", nullptr},
StructureRule{"TW003", "duplicate-key", S::Error, J::every(), false, "format page",
 "the same key twice in one mapping",
 "YAML tools disagree on which of two equal keys wins, so a duplicate key makes a record mean different things to different readers. The second occurrence is reported; the first is the one telework reads.",
 format_page, "Duplicate keys are errors.", nullptr},
StructureRule{"TW004", "duplicate-id", S::Error, J::every(), false, "format page",
 "two files share an id (reported on each)",
 "An agreement's id names it across the repo: in supersedes chains, reports and renewal notices. Every file that shares an id with another is reported.",
 format_page, "unique across the repo", rules::duplicate_id},
StructureRule{"TW005", "unknown-supersedes", S::Error, J::every(), false, "format page",
 "supersedes names no record in the repo, or a record of another employee.id",
 "A renewal or replacement names the agreement it supersedes; that agreement must exist in the repo and belong to the same employee, or the employee's current agreement cannot be determined.",
 format_page, "the agreement this one renews or replaces", rules::unknown_supersedes},
StructureRule{"TW006", "date-order", S::Error, J::every(), false, "rules page",
 "term.end before term.start; a signature, decision or DAS-copy date after the as-of date; das_copy_sent before the approval date",
 "Dates must be possible: a term cannot end before it starts, nothing can have been signed, decided or sent after the day the records are judged (--as-of), and the copy sent to DAS cannot predate the approval it reports.",
 rules_page, "`das_copy_sent` before the approval date", rules::date_order},
StructureRule{"TW007", "unsafe-yaml", S::Error, J::every(), false, "rules page",
 "anchors/aliases, custom tags, a file over the size limit (default 1 MiB), or nesting deeper than 64",
 "Records are plain data. Anchors and aliases can expand a small file into a huge one (the 'billion laughs'), tags ask the reader to build objects, and oversized or deeply nested files exhaust memory; all are refused before they are expanded.",
 rules_page, "anchors/aliases, custom tags, a file over the size limit (default 1 MiB), or nesting deeper than 64", nullptr},
StructureRule{"TW008", "modified-unsigned", S::Error, J::of({Status::Approved}), false, "GL32 V; OPM step 6",
 "with --changed-since: an approved record whose terms changed while no signature date changed",
 "A change to the terms of an approved agreement (type, location, schedule, term, duties, equipment, computer) is a new arrangement and must be signed again; checked only when validating changes since a git revision.",
 gl32, "If a telecommuting arrangement is modified in any way (such as duration, schedule, duties performed etc.), the new arrangement must be memorialized using the form set forth in Appendix B.", nullptr},
}};
// clang-format on

std::vector<RuleInfo> build() {
    std::vector<RuleInfo> rules;
    for (const StructureRule& r : catalog) {
        RuleInfo rule;
        rule.id = r.id;
        rule.name = r.name;
        rule.severity = r.severity;
        rule.judges = r.judges;
        rule.eligibility = r.eligibility;
        rule.citation = r.citation;
        rule.summary = r.summary;
        rule.description = r.description;
        rule.source = r.source;
        rule.quote = r.quote;
        if (r.check) rule.checks.push_back(std::make_shared<FunctionCheck>(r.check));
        rules.push_back(std::move(rule));
    }
    return rules;
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

} // namespace

std::span<const RuleInfo> structure_rules() {
    static const std::vector<RuleInfo> rules = build();
    return rules;
}

const RuleInfo* find_structure_rule(std::string_view id_or_name) {
    const std::string id = upper(id_or_name);
    for (const auto& rule : structure_rules()) {
        if (rule.id == id || rule.name == id_or_name) return &rule;
    }
    return nullptr;
}

bool judges_status(const RuleInfo& rule, const Agreement& record) {
    return record.status.present() ? rule.judges.has(record.status.value) : rule.judges.is_every();
}

std::string judged_records(StatusSet judges) {
    if (judges.is_every()) return "every record";
    std::vector<std::string_view> statuses;
    for (const auto status : {Status::Approved, Status::Proposed, Status::Denied, Status::Terminated}) {
        if (judges.has(status)) statuses.push_back(to_string(status));
    }
    std::string out;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        out += i == 0 ? "" : i + 1 == statuses.size() ? " and " : ", ";
        out += statuses[i];
    }
    return out + (statuses.size() == 1 ? " records" : " records");
}

} // namespace telework
