#pragma once

#include "telework/date.hpp"
#include "telework/enums.hpp"
#include "telework/field.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework {

// The typed model of one agreement record (format version 1). Every key of
// the format page has a Field here that knows whether it was given.

struct Person {
    Field<std::string> id;
    Field<std::string> name;
    Field<std::string> email;
};

struct Employee {
    Field<std::string> id;
    Field<std::string> name;
    Field<std::string> email;
    Field<std::string> position;
    Field<bool> supervises_staff;
    Field<bool> working_test_period;
    Field<bool> training_class;
    Field<Date> last_discipline;
    Field<PerformanceRating> performance_rating;
    Field<bool> outside_employment;
    Field<bool> responsible_for_safety;
    Field<bool> disciplined_awol;
    Field<bool> disciplined_prohibited_content;
};

struct Location {
    Field<LocationKind> kind;
    Field<std::string> address;
    Field<std::string> phone;
};

struct TimeOfDay {
    int minutes = 0; // since midnight
};

struct WorkHours {
    Field<TimeOfDay> start;
    Field<TimeOfDay> end;
};

// One week of a biweekly pattern (schedule.pay_period): the keys of the
// weekly form, with the same types and validation.
struct ScheduleWeek {
    Field<int> workweek_days;
    Field<std::vector<Weekday>> telework_days;
    Field<std::vector<Weekday>> partial_days;
};

// Either the weekly form (workweek_days, telework_days, partial_days) or the
// biweekly `pay_period`, never both: a schedule holding `pay_period` and any
// weekly key is one TW002 finding, and then every one of those fields is
// Invalid (rules skip them). With `pay_period` the weekly keys are not
// required; without it, workweek_days and telework_days are.
struct Schedule {
    Field<int> workweek_days;
    Field<std::vector<Weekday>> telework_days;
    Field<std::vector<Weekday>> partial_days;
    Field<bool> field_work;
    Field<WorkHours> hours;
    Field<bool> alternate_schedule;
    // Exactly two weeks, in order (format additions); Invalid when the list
    // is not two weeks long or a week is not a mapping.
    Field<std::vector<ScheduleWeek>> pay_period;
};

struct Term {
    Field<Date> start;
    Field<Date> end;
};

struct EquipmentItem {
    Field<std::string> item;
    Field<Provider> provided_by;
    Field<std::string> asset_tag;
};

struct Computer {
    Field<bool> personal_computer;
    Field<ComputerBasis> basis;
};

struct SafetyChecklist {
    Field<bool> completed;
    Field<Date> date;
};

struct Emergency {
    Field<bool> coop;
    Field<bool> pandemic;
    Field<bool> weather;
};

struct DependentCare {
    Field<bool> dependents;
    Field<bool> arrangements_on_file;
};

struct Training {
    Field<Date> telework;
    Field<Date> it_security;
    Field<Date> supervisor; // the supervisor's telework training (format additions)
};

// One eligibility question (GL32 III) and its answer.
struct Answer {
    std::string_view question;
    Field<bool> answer;
};

struct Eligibility {
    Field<std::vector<Answer>> position;    // III.A
    Field<std::vector<Answer>> must_be_yes; // III.C.1
    Field<std::vector<Answer>> must_be_no;  // III.C.2
};

struct Signature {
    Field<std::string> name;
    Field<Date> date;
};

// An approver beyond the five roles (signatures.others; format additions),
// e.g. GSA's assistant_commissioner.
struct OtherSignature {
    Field<std::string> role; // snake_case: ^[a-z][a-z0-9_]*$
    // The entry's name and date (both required, as for the five roles);
    // Present whenever the entry is a mapping, at the entry's position.
    Field<Signature> signature;
};

struct Signatures {
    Field<Signature> employee;
    Field<Signature> supervisor;
    Field<Signature> manager;
    Field<Signature> hr;
    Field<Signature> agency_head;
    Field<std::vector<OtherSignature>> others; // format additions

    const Field<Signature>& of(Role role) const;
    // The signature of the first entry of `others` whose role is `role`
    // (exactly, and given validly); nullptr when there is none.
    const Field<Signature>* other(std::string_view role) const;
};

struct Decision {
    Field<Date> date;
    Field<std::string> by;
    Field<ReasonCategory> reason_category;
    Field<std::string> reason;
    Field<Date> reapply_after;
    Field<std::string> improvement_actions;
    Field<Date> copy_to_employee;
    Field<Date> copy_to_coordinator;
};

// The request behind the record (format additions).
struct Request {
    Field<RequestKind> kind;
    Field<Date> date; // when the employee applied
};

// The written work plan (format additions; NY ITS-P10-003 4.3.4).
struct WorkPlan {
    Field<Date> date;
};

struct Agreement {
    Position pos; // the top-level mapping
    Field<int> format;
    Field<std::string> id;
    Field<Status> status;
    Field<AgreementType> type;
    Field<std::string> policy; // a profile id the run knows
    Field<std::string> agency;
    Field<std::string> unit;
    Field<std::string> supersedes;
    Field<Employee> employee;
    Field<Person> supervisor;
    Field<Person> manager;
    Field<Location> location;
    Field<std::string> official_duty_station;
    Field<Schedule> schedule;
    Field<Term> term;
    Field<std::vector<std::string>> duties;
    Field<std::vector<EquipmentItem>> equipment;
    Field<Computer> computer;
    Field<SafetyChecklist> safety_checklist;
    Field<Emergency> emergency;
    Field<DependentCare> dependent_care;
    Field<bool> insurance_certificate_on_file;
    Field<Training> training;
    Field<Eligibility> eligibility;
    Field<Signatures> signatures;
    Field<Date> das_copy_sent;
    Field<Decision> decision;
    // Format additions (all optional).
    Field<Request> request;
    Field<WorkPlan> work_plan;
    Field<std::string> notes; // free text; no rule reads it

    bool has_status(Status s) const { return status.present() && status.value == s; }
};

// The question keys of each eligibility group, in the order of GL32 III.
extern const std::vector<std::string_view> position_questions;
extern const std::vector<std::string_view> must_be_yes_questions;
extern const std::vector<std::string_view> must_be_no_questions;

} // namespace telework
