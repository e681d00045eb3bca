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
constexpr std::string_view opm = "docs/policy/opm-basics-for-managers.txt";

using S = Severity;
using J = Judges;
using R = RuleSet;

// clang-format off
const std::array catalog = {
RuleInfo{"TW001", "yaml-syntax", S::Error, R::Structure, J::Every, false, "format page",
 "not parseable YAML, not exactly one document, or not a mapping at the top",
 "The file must be UTF-8 YAML holding exactly one document whose top level is a mapping of keys. A file that cannot be parsed is reported once, at the place the parser stopped, and the run goes on with the other files.",
 format_page, "A file holds exactly one YAML document.", nullptr},
RuleInfo{"TW002", "schema", S::Error, R::Structure, J::Every, false, "format page",
 "missing required key, wrong type, unknown key, value outside its enumeration, malformed date/time, or a boolean spelt other than true/false",
 "Every key must be one the format page defines, with a value of its type: dates as YYYY-MM-DD, times as \"HH:MM\", booleans exactly true or false (yes/no/on/off are read differently by YAML 1.1 and 1.2 tools), and enumerations spelt as listed. A misspelt key is reported with the key that was probably meant.",
 format_page, "Unknown keys are errors (typos must not pass silently).", nullptr},
RuleInfo{"TW003", "duplicate-key", S::Error, R::Structure, J::Every, false, "format page",
 "the same key twice in one mapping",
 "YAML tools disagree on which of two equal keys wins, so a duplicate key makes a record mean different things to different readers. The second occurrence is reported; the first is the one telework reads.",
 format_page, "Duplicate keys are errors.", nullptr},
RuleInfo{"TW004", "duplicate-id", S::Error, R::Structure, J::Every, false, "format page",
 "two files share an id (reported on each)",
 "An agreement's id names it across the repo: in supersedes chains, reports and renewal notices. Every file that shares an id with another is reported.",
 format_page, "unique across the repo", rules::duplicate_id},
RuleInfo{"TW005", "unknown-supersedes", S::Error, R::Structure, J::Every, false, "format page",
 "supersedes names no record in the repo, or a record of another employee.id",
 "A renewal or replacement names the agreement it supersedes; that agreement must exist in the repo and belong to the same employee, or the employee's current agreement cannot be determined.",
 format_page, "the agreement this one renews or replaces", rules::unknown_supersedes},
RuleInfo{"TW006", "date-order", S::Error, R::Structure, J::Every, false, "rules page",
 "term.end before term.start; a signature, decision or DAS-copy date after the as-of date; das_copy_sent before the approval date",
 "Dates must be possible: a term cannot end before it starts, nothing can have been signed, decided or sent after the day the records are judged (--as-of), and the copy sent to DAS cannot predate the approval it reports.",
 rules_page, "`das_copy_sent` before the approval date", rules::date_order},
RuleInfo{"TW007", "unsafe-yaml", S::Error, R::Structure, J::Every, false, "rules page",
 "anchors/aliases, custom tags, a file over the size limit (default 1 MiB), or nesting deeper than 64",
 "Records are plain data. Anchors and aliases can expand a small file into a huge one (the 'billion laughs'), tags ask the reader to build objects, and oversized or deeply nested files exhaust memory; all are refused before they are expanded.",
 rules_page, "anchors/aliases, custom tags, a file over the size limit (default 1 MiB), or nesting deeper than 64", nullptr},
RuleInfo{"TW008", "modified-unsigned", S::Error, R::Structure, J::Approved, false, "GL32 V; OPM step 6",
 "with --changed-since: an approved record whose terms changed while no signature date changed",
 "A change to the terms of an approved agreement (type, location, schedule, term, duties, equipment, computer) is a new arrangement and must be signed again; checked only when validating changes since a git revision.",
 gl32, "If a telecommuting arrangement is modified in any way (such as duration, schedule, duties performed etc.), the new arrangement must be memorialized using the form set forth in Appendix B.", nullptr},

RuleInfo{"OPM101", "agreement-elements", S::Error, R::Opm, J::Approved, false, "OPM step 6",
 "approved record lacks a key element: location (with phone), equipment, duties, schedule, a completed safety checklist, or emergency expectations (coop, pandemic, weather)",
 "OPM's key elements of a written telework agreement: the location of the telework office, an equipment inventory, the job tasks, the schedule, contact information, a completed safety checklist and the expectations for emergency telework (COOP event, pandemic, weather shutdown), each stated as true or false.",
 opm, "The parameters of this agreement are most often laid out by the agency policy and/or collective bargaining agreement, but should include certain key elements:", rules::opm_agreement_elements},
RuleInfo{"OPM102", "signatures", S::Error, R::Opm, J::Approved, false, "OPM step 6; 5 U.S.C. 6502(b)(2)",
 "approved record lacks signatures.manager or signatures.employee with name and date",
 "A telework agreement is entered into by the manager and the employee, and must be signed and dated by the manager; both signatures, with names and dates, must be recorded.",
 opm, "Most importantly, the agreement should be signed and dated by the manager.", rules::opm_signatures},
RuleInfo{"OPM103", "new-manager", S::Error, R::Opm, J::Approved, false, "OPM step 6",
 "approved record whose signatures.manager.name differs from manager.name",
 "When the employee's manager changes, the agreement signed by the previous manager no longer covers the new employee/manager relationship, and a new agreement must be executed.",
 opm, "At a minimum, new telework agreements should be executed when a new employee/manager relationship is established.", rules::opm_new_manager},
RuleInfo{"OPM104", "decision-reason", S::Error, R::Opm, J::DeniedOrTerminated, false, "OPM step 8",
 "denied/terminated record lacks decision with date, reason_category and reason",
 "Denials and terminations must be written, dated and based on business needs or performance; the record states the decision date, its reason category (OPM tracks reasons) and the reason in words.",
 opm, "These should include information about why the arrangement was denied or terminated.", rules::opm_decision_reason},
RuleInfo{"OPM105", "decision-reapply", S::Warning, R::Opm, J::DeniedOrTerminated, false, "OPM step 8",
 "denied/terminated record lacks decision.reapply_after",
 "Whenever applicable, a denial or termination tells the employee when they might reapply. Record the date, or reapply_after: null to record that it does not apply.",
 opm, "In this case, and whenever applicable, the denial or termination should include information about when the employee might reapply, and also if applicable, what actions the employee should take to improve his or her chance of approval.", rules::opm_decision_reapply},
RuleInfo{"OPM106", "decision-copies", S::Error, R::Opm, J::DeniedOrTerminated, false, "OPM step 8",
 "denied/terminated record lacks decision.copy_to_employee or decision.copy_to_coordinator",
 "The employee receives a signed written copy of a denial or termination, and the agency telework coordinator receives a copy too, because OPM tracks denials, terminations and their reasons.",
 opm, "OPM tracks the numbers of agreements denied and/or terminated, as well as the reasons for such an action; therefore, copies should be given to the agency telework coordinator as well.", rules::opm_decision_copies},
RuleInfo{"OPM107", "security-training", S::Error, R::Opm, J::Approved, false, "OPM steps 3, 12",
 "approved record lacks training.it_security, or it is dated after the approval date",
 "Information technology security training is mandatory for teleworkers and must be completed before the agreement is approved.",
 opm, "Information technology security training, administered at the agency level, is mandatory, and managers should ensure that teleworkers complete this training and understand their responsibilities in safeguarding work-related information.", rules::opm_security_training},
RuleInfo{"OPM108", "telework-training", S::Error, R::Opm, J::Approved, false, "OPM step 3; 5 U.S.C. 6503(a)(3)",
 "approved record lacks training.telework, or it is dated after the approval date",
 "An employee completes the agency's interactive telework training before entering into a written telework agreement (5 U.S.C. 6503(a)(3)); the record states when.",
 opm, "In addition, many agencies offer telework training, and telework coordinators are available to consult with managers.", rules::opm_telework_training},
RuleInfo{"OPM109", "awol-exclusion", S::Error, R::Opm, J::Approved, true, "5 U.S.C. 6502(a)(2)(A)",
 "approved record with employee.disciplined_awol: true",
 "By statute an employee officially disciplined for being absent without permission for more than 5 days in any calendar year may not telework. On an approved record the fact must be recorded.",
 format_page, "officially disciplined for being absent without permission for more than 5 days in any calendar year", rules::opm_awol_exclusion},
RuleInfo{"OPM110", "content-exclusion", S::Error, R::Opm, J::Approved, true, "5 U.S.C. 6502(a)(2)(B)",
 "approved record with employee.disciplined_prohibited_content: true",
 "By statute an employee officially disciplined for viewing, downloading or exchanging pornography on government equipment may not telework. On an approved record the fact must be recorded.",
 format_page, "disciplined for viewing, downloading or exchanging pornography on government equipment", rules::opm_content_exclusion},
RuleInfo{"OPM111", "official-worksite", S::Warning, R::Opm, J::Approved, false, "5 CFR 531.605(d)",
 "approved routine record that leaves fewer than 2 days per biweekly pay period at the official worksite",
 "An employee who is scheduled to report to the official worksite fewer than twice each biweekly pay period has the telework site as official worksite, which changes locality pay and must be documented.",
 rules_page, "the telework site becomes the official worksite, which must be documented", rules::opm_official_worksite},

RuleInfo{"CT201", "max-term", S::Error, R::CtGl32, J::ApprovedOrProposed, false, "GL32 IV.E",
 "term longer than 9 months (threshold max_term_months)",
 "Telecommuting arrangements are temporary by statute: a term may run at most 9 months (term.end <= add_months(term.start, 9) - 1 day). Continuing needs a new proposal and a new record.",
 gl32, "By statute, telecommuting arrangements are intended to be temporary; therefore, the maximum duration of a telecommuting arrangement is nine (9) months.", rules::ct_max_term},
RuleInfo{"CT202", "max-share", S::Error, R::CtGl32, J::ApprovedOrProposed, false, "GL32 IV.D",
 "telework share over 50% of the workweek (threshold max_telework_share)",
 "No schedule may keep the employee out of the official work site more than half the workweek: (telework days + partial days) / workweek days must not exceed 50%. Exactly 50% is allowed.",
 gl32, "However, an agency shall not approve any telecommuting schedule that results in an employee being scheduled to be out of the official work site more than 50% of the work week.", rules::ct_max_share},
RuleInfo{"CT203", "whole-days", S::Error, R::CtGl32, J::ApprovedOrProposed, false, "GL32 IV.D",
 "partial_days not empty while field_work is false",
 "Telecommuting days are whole days. Days teleworked in part are allowed only for employees who regularly perform duties off-site (field_work: true).",
 gl32, "The schedule must identify telecommuting days in whole-day increments; an employee may not leave his/her official duty station part way through the day to telecommute for the remainder of the day.", rules::ct_whole_days},
RuleInfo{"CT204", "signatures", S::Error, R::CtGl32, J::Approved, false, "GL32 V",
 "approved record lacks any of the five signatures (name and date)",
 "The arrangement is memorialized on the Appendix B form signed by the employee, the supervisor, the manager, a Human Resources representative and the agency head or designee.",
 gl32, "The completed form must be signed by the employee, the employee\u201fs supervisor, the employee\u201fs manager, a Human Resources representative and the Agency Head or his/her designee.", rules::ct_signatures},
RuleInfo{"CT205", "das-copy", S::Error, R::CtGl32, J::Approved, false, "GL32 VI, II(b)",
 "das_copy_sent later than 7 days after approval, or missing when the as-of date is more than 7 days after approval (threshold das_copy_days)",
 "The agency sends DAS a copy of every signed arrangement within one week of approval (the latest of the five signatures). A missing date is late once the as-of date is past the seventh day.",
 gl32, "Each agency shall send its DAS Human Resources Liaison a copy of the signed telecommuting arrangement (Appendix B) within one (1) week of approval.", rules::ct_das_copy},
RuleInfo{"CT206", "insurance-certificate", S::Error, R::CtGl32, J::Approved, false, "GL32 IV.J",
 "approved record with location.kind: home and insurance_certificate_on_file not true",
 "When the employee telecommutes from home, a certificate of homeowners or renters insurance is kept on file with the approved arrangement.",
 gl32, "Certificates of the telecommuter\u201fs homeowners or renters insurance must be kept on file with the employee\u201fs approved telecommuting arrangement form.", rules::ct_insurance_certificate},
RuleInfo{"CT207", "dependent-care", S::Error, R::CtGl32, J::Approved, false, "GL32 IV.H",
 "approved record with dependent_care.dependents: true and arrangements_on_file not true",
 "Telecommuting is not family care: an employee with dependents provides proof that someone else cares for them during work hours.",
 gl32, "The telecommuter shall make arrangements to have dependent children or elders cared for by other individuals and shall be required to provide proof of such arrangements.", rules::ct_dependent_care},
RuleInfo{"CT208", "personal-computer", S::Error, R::CtGl32, J::ApprovedOrProposed, true, "GL32 III.C.1, IV.I",
 "computer.personal_computer: true with basis missing or none",
 "State work is done on state-issued hardware unless an exception applies: no computer is needed, the personal computer only reaches state webmail or a secure web application, or the IT authority authorized it. A personal computer needs one of these as its basis.",
 gl32, "unless one of the following exceptions applies:", rules::ct_personal_computer},
RuleInfo{"CT209", "position-fit", S::Warning, R::CtGl32, J::ApprovedOrProposed, true, "GL32 III.A",
 "any eligibility.position answer false",
 "Positions suited to telecommuting involve independent work, little face-to-face interaction, measurable output and portable materials. A position that lacks one of these may still be approved, so this is a warning.",
 gl32, "Generally, positions that have the following attributes may be appropriate for telecommuting:", rules::ct_position_fit},
RuleInfo{"CT210", "must-be-yes", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.1",
 "approved record with any eligibility.must_be_yes answer false or null",
 "Every question of GL32 III.C.1 must be answered yes before a request can be approved; each answer that is no, or not recorded, is reported.",
 gl32, "Can all of the following questions be answered \u201cYes\u201d?", rules::ct_must_be_yes},
RuleInfo{"CT211", "must-be-no", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record with any eligibility.must_be_no answer true or null",
 "Every question of GL32 III.C.2 must be answered no before a request can be approved; each answer that is yes, or not recorded, is reported.",
 gl32, "Can all of the following questions be answered \u201cNo\u201d?", rules::ct_must_be_no},
RuleInfo{"CT212", "supervises-staff", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record with employee.supervises_staff: true",
 "An employee whose position requires leading or supervising staff does not qualify.",
 gl32, "Is the employee in a job classification or position that requires leading or supervising staff?", rules::ct_supervises_staff},
RuleInfo{"CT213", "working-test-period", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2, IV.E",
 "approved record with employee.working_test_period: true",
 "An employee in an initial or promotional working test period does not qualify, and a move into one ends the arrangement.",
 gl32, "Is the employee in a working test period (initial or promotional)?", rules::ct_working_test_period},
RuleInfo{"CT214", "training-class", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record with employee.training_class: true",
 "An employee in a junior level or training class does not qualify.",
 gl32, "Is the employee in a junior level or training class?", rules::ct_training_class},
RuleInfo{"CT215", "recent-discipline", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record whose employee.last_discipline falls in the 6 months up to and including its approval date (threshold discipline_lookback_months)",
 "An employee disciplined in the six months up to approval does not qualify: add_months(approval, -6) < last_discipline <= approval. A discipline exactly six months before approval is not recent; null means never disciplined.",
 gl32, "Has the employee been subject to discipline in the past six (6) months?", rules::ct_recent_discipline},
RuleInfo{"CT216", "performance-rating", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.1",
 "approved record with performance_rating below satisfactory",
 "The most recent performance evaluation must be satisfactory or better.",
 gl32, "Has the employee\u201fs work performance been recognized as satisfactory or better in the most recent performance evaluation?", rules::ct_performance_rating},
RuleInfo{"CT217", "outside-employment", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record with employee.outside_employment: true",
 "Outside employment or income that could mingle state and non-state work during work hours disqualifies.",
 gl32, "Does the employee have outside employment or outside income such that the telecommuting will enable or create the appearance of enabling the employee to co-mingle state and non-state work during established work hours?", rules::ct_outside_employment},
RuleInfo{"CT218", "responsible-for-safety", S::Error, R::CtGl32, J::Approved, true, "GL32 III.C.2",
 "approved record with employee.responsible_for_safety: true",
 "An employee responsible for the health, safety or well-being of employees, patients, clients or inmates at the official work site does not qualify.",
 gl32, "Is the employee responsible for the health, safety, or well-being of employees/patients/clients/inmates during normal work hours at the official work site?", rules::ct_responsible_for_safety},
RuleInfo{"CT219", "arrangement-elements", S::Error, R::CtGl32, J::Approved, false, "GL32 IV.D, IV.E, IV.F, V",
 "approved record lacks a schedule with at least one telework or partial day, a term with start and end, a location with phone, or duties",
 "The written arrangement defines the telecommuting schedule, its duration, the telecommuting location with the phone number where the employee can be reached, and the duties performed.",
 gl32, "A telecommuting schedule must be defined for the telecommuting employee.", rules::ct_arrangement_elements},
};
// clang-format on

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

} // namespace

std::span<const RuleInfo> rule_catalog() { return catalog; }

const RuleInfo* find_rule(std::string_view id_or_name) {
    const std::string id = upper(id_or_name);
    for (const auto& rule : catalog) {
        if (rule.id == id || rule.name == id_or_name) return &rule;
    }
    return nullptr;
}

bool profile_includes(ProfileId profile, const RuleInfo& rule) {
    switch (rule.set) {
    case RuleSet::Structure: return true;
    case RuleSet::Opm: return profile == ProfileId::Opm;
    case RuleSet::CtGl32: return profile == ProfileId::CtGl32;
    }
    return false;
}

bool judges_status(const RuleInfo& rule, const Agreement& record) {
    switch (rule.judges) {
    case Judges::Every: return true;
    case Judges::Approved: return record.has_status(Status::Approved);
    case Judges::ApprovedOrProposed: return record.has_status(Status::Approved) || record.has_status(Status::Proposed);
    case Judges::DeniedOrTerminated: return record.has_status(Status::Denied) || record.has_status(Status::Terminated);
    }
    return false;
}

} // namespace telework
