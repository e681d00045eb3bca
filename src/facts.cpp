#include "facts.hpp"

#include "rules/rule_helpers.hpp"
#include "telework/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace telework {

namespace {

using Type = FactView::Type;

template <class T>
FactView base(const Field<T>& field, Type type) {
    FactView view;
    view.type = type;
    view.presence = field.presence;
    view.pos = field.pos;
    return view;
}

FactView view(const Field<bool>& f) {
    auto v = base(f, Type::Bool);
    v.boolean = f.value;
    return v;
}
FactView view(const Field<int>& f) {
    auto v = base(f, Type::Integer);
    v.integer = f.value;
    return v;
}
FactView view(const Field<std::string>& f) {
    auto v = base(f, Type::Text);
    v.text = f.value;
    return v;
}
FactView view(const Field<Date>& f) {
    auto v = base(f, Type::Date);
    v.date = f.value;
    return v;
}
FactView view(const Field<std::vector<Answer>>& f) {
    auto v = base(f, Type::Answers);
    if (f.present()) v.answers = &f.value;
    v.size = f.value.size();
    return v;
}
template <class T>
FactView view(const Field<std::vector<T>>& f) {
    auto v = base(f, Type::List);
    v.size = f.value.size();
    return v;
}
template <class E>
    requires std::is_enum_v<E>
FactView view(const Field<E>& f) {
    auto v = base(f, Type::Enum);
    v.names = EnumNames<E>::names;
    v.integer = static_cast<int>(f.value);
    if (f.present()) v.text = std::string(to_string(f.value));
    return v;
}
template <class T>
    requires std::is_class_v<T>
FactView view(const Field<T>& f) {
    return base(f, Type::Block);
}

using rules::fact;

// The answers of a record live in Agreement::eligibility, pointed to by the
// view: the getter must not return a view of a temporary.
FactView answers(const Agreement& a, Field<std::vector<Answer>> Eligibility::*group) {
    if (a.eligibility.present()) return view(a.eligibility.value.*group);
    Field<std::vector<Answer>> absent;
    absent.presence = a.eligibility.invalid() ? Presence::Invalid : Presence::Absent;
    absent.pos = a.eligibility.pos;
    return view(absent);
}

// clang-format off
#define TOP(key) FactPath{#key, [](const Agreement& a) { return view(a.key); }}
#define SUB(block, Block, key) FactPath{#block "." #key, [](const Agreement& a) { return view(fact(a.block, &Block::key)); }}
#define SUB2(block, Block, mid, Mid, key) \
    FactPath{#block "." #mid "." #key, [](const Agreement& a) { return view(fact(fact(a.block, &Block::mid), &Mid::key)); }}
#define SIGNATURE(role) SUB(signatures, Signatures, role), SUB2(signatures, Signatures, role, Signature, name), \
                        SUB2(signatures, Signatures, role, Signature, date)

const std::array paths = {
    TOP(format), TOP(id), TOP(status), TOP(type), TOP(agency), TOP(unit), TOP(supersedes),
    TOP(employee), SUB(employee, Employee, id), SUB(employee, Employee, name), SUB(employee, Employee, email),
    SUB(employee, Employee, position), SUB(employee, Employee, supervises_staff),
    SUB(employee, Employee, working_test_period), SUB(employee, Employee, training_class),
    SUB(employee, Employee, last_discipline), SUB(employee, Employee, performance_rating),
    SUB(employee, Employee, outside_employment), SUB(employee, Employee, responsible_for_safety),
    SUB(employee, Employee, disciplined_awol), SUB(employee, Employee, disciplined_prohibited_content),
    TOP(supervisor), SUB(supervisor, Person, id), SUB(supervisor, Person, name), SUB(supervisor, Person, email),
    TOP(manager), SUB(manager, Person, id), SUB(manager, Person, name), SUB(manager, Person, email),
    TOP(location), SUB(location, Location, kind), SUB(location, Location, address), SUB(location, Location, phone),
    TOP(official_duty_station),
    TOP(schedule), SUB(schedule, Schedule, workweek_days), SUB(schedule, Schedule, telework_days),
    SUB(schedule, Schedule, partial_days), SUB(schedule, Schedule, field_work), SUB(schedule, Schedule, hours),
    SUB(schedule, Schedule, alternate_schedule), SUB(schedule, Schedule, pay_period),
    TOP(term), SUB(term, Term, start), SUB(term, Term, end),
    TOP(duties), TOP(equipment),
    TOP(computer), SUB(computer, Computer, personal_computer), SUB(computer, Computer, basis),
    TOP(safety_checklist), SUB(safety_checklist, SafetyChecklist, completed), SUB(safety_checklist, SafetyChecklist, date),
    TOP(emergency), SUB(emergency, Emergency, coop), SUB(emergency, Emergency, pandemic), SUB(emergency, Emergency, weather),
    TOP(dependent_care), SUB(dependent_care, DependentCare, dependents), SUB(dependent_care, DependentCare, arrangements_on_file),
    TOP(insurance_certificate_on_file),
    TOP(training), SUB(training, Training, telework), SUB(training, Training, it_security),
    SUB(training, Training, supervisor),
    TOP(eligibility),
    FactPath{"eligibility.position", [](const Agreement& a) { return answers(a, &Eligibility::position); }},
    FactPath{"eligibility.must_be_yes", [](const Agreement& a) { return answers(a, &Eligibility::must_be_yes); }},
    FactPath{"eligibility.must_be_no", [](const Agreement& a) { return answers(a, &Eligibility::must_be_no); }},
    TOP(signatures), SIGNATURE(employee), SIGNATURE(supervisor), SIGNATURE(manager), SIGNATURE(hr), SIGNATURE(agency_head),
    SUB(signatures, Signatures, others),
    TOP(das_copy_sent),
    TOP(decision), SUB(decision, Decision, date), SUB(decision, Decision, by), SUB(decision, Decision, reason_category),
    SUB(decision, Decision, reason), SUB(decision, Decision, reapply_after), SUB(decision, Decision, improvement_actions),
    SUB(decision, Decision, copy_to_employee), SUB(decision, Decision, copy_to_coordinator),
    TOP(request), SUB(request, Request, kind), SUB(request, Request, date),
    TOP(work_plan), SUB(work_plan, WorkPlan, date),
    TOP(notes),
};
// clang-format on

#undef TOP
#undef SUB
#undef SUB2
#undef SIGNATURE

} // namespace

std::string FactView::value_text() const {
    switch (type) {
    case Type::Bool: return boolean ? "true" : "false";
    case Type::Integer: return std::to_string(integer);
    case Type::Date: return date.to_string();
    case Type::Text:
    case Type::Enum: return text;
    case Type::List: return fmt::format("{} items", size);
    case Type::Answers:
    case Type::Block: return "a mapping";
    }
    return text;
}

std::span<const FactPath> fact_paths() { return paths; }

const FactPath* find_fact(std::string_view path) {
    const auto found = std::find_if(paths.begin(), paths.end(), [&](const FactPath& f) { return f.path == path; });
    return found == paths.end() ? nullptr : &*found;
}

std::string describe_type(const FactPath& fact) {
    const FactView sample = fact.get(Agreement{});
    switch (sample.type) {
    case Type::Bool: return "a boolean";
    case Type::Integer: return "a whole number";
    case Type::Text: return "a string";
    case Type::Date: return "a date";
    case Type::Enum: return fmt::format("one of {}", join_names(sample.names));
    case Type::List: return "a list";
    case Type::Answers: return "a group of eligibility questions";
    case Type::Block: return "a mapping";
    }
    return "a value";
}

} // namespace telework
