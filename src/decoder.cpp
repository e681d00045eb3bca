#include "telework/decoder.hpp"

#include "map_reader.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace telework {

using detail::MapReader;
using detail::Need;

namespace {

Employee read_employee(MapReader& r) {
    Employee e;
    e.id = r.string("id", Need::Required);
    e.name = r.string("name", Need::Required);
    e.email = r.string("email");
    e.position = r.string("position", Need::Required);
    e.supervises_staff = r.boolean("supervises_staff");
    e.working_test_period = r.boolean("working_test_period");
    e.training_class = r.boolean("training_class");
    e.last_discipline = r.date("last_discipline");
    e.performance_rating = r.enumeration<PerformanceRating>("performance_rating");
    e.outside_employment = r.boolean("outside_employment");
    e.responsible_for_safety = r.boolean("responsible_for_safety");
    e.disciplined_awol = r.boolean("disciplined_awol");
    e.disciplined_prohibited_content = r.boolean("disciplined_prohibited_content");
    return e;
}

Person read_person(MapReader& r) {
    Person p;
    p.id = r.string("id");
    p.name = r.string("name", Need::Required);
    p.email = r.string("email");
    return p;
}

Location read_location(MapReader& r) {
    Location l;
    l.kind = r.enumeration<LocationKind>("kind", Need::Required);
    l.address = r.string("address");
    l.phone = r.string("phone");
    return l;
}

WorkHours read_hours(MapReader& r) {
    WorkHours h;
    h.start = r.time("start", Need::Required);
    h.end = r.time("end", Need::Required);
    return h;
}

ScheduleWeek read_schedule_week(MapReader& r) {
    ScheduleWeek w;
    w.workweek_days = r.integer("workweek_days", 1, 7, Need::Required);
    w.telework_days = r.weekdays("telework_days", Need::Required);
    w.partial_days = r.weekdays("partial_days");
    return w;
}

template <class T>
void mark_invalid(Field<T>& field) {
    if (!field.absent()) field.presence = Presence::Invalid;
}

// `pay_period` replaces the weekly keys: with it they are not required, and
// a schedule holding both is one finding, at `pay_period`.
Schedule read_schedule(MapReader& r) {
    Schedule s;
    const auto pay_period_key = r.key_pos("pay_period");
    const Need weekly = pay_period_key ? Need::Optional : Need::Required;
    s.workweek_days = r.integer("workweek_days", 1, 7, weekly);
    s.telework_days = r.weekdays("telework_days", weekly);
    s.partial_days = r.weekdays("partial_days");
    s.field_work = r.boolean("field_work");
    s.hours = r.block<WorkHours>("hours", read_hours);
    s.alternate_schedule = r.boolean("alternate_schedule");
    s.pay_period = r.block_list<ScheduleWeek>("pay_period", read_schedule_week, 2, "two weeks", "week");
    if (pay_period_key) {
        std::vector<std::string> weekly_keys;
        for (const std::string_view key : {"workweek_days", "telework_days", "partial_days"}) {
            if (r.has(key)) weekly_keys.push_back(fmt::format("'{}'", r.name_of(key)));
        }
        if (!weekly_keys.empty()) {
            std::string listed = weekly_keys.front();
            for (std::size_t i = 1; i < weekly_keys.size(); ++i) {
                listed += (i + 1 == weekly_keys.size() ? " and " : ", ") + weekly_keys[i];
            }
            r.report(*pay_period_key, fmt::format("'{}' cannot be combined with {}: a schedule gives either the two "
                                                  "weeks of 'pay_period' or the weekly keys, not both",
                                                  r.name_of("pay_period"), listed));
            mark_invalid(s.pay_period);
            mark_invalid(s.workweek_days);
            mark_invalid(s.telework_days);
            mark_invalid(s.partial_days);
        }
    }
    return s;
}

Term read_term(MapReader& r) {
    Term t;
    t.start = r.date("start", Need::Required);
    t.end = r.date("end");
    return t;
}

EquipmentItem read_equipment_item(MapReader& r) {
    EquipmentItem item;
    item.item = r.string("item", Need::Required);
    item.provided_by = r.enumeration<Provider>("provided_by", Need::Required);
    item.asset_tag = r.string("asset_tag");
    return item;
}

Computer read_computer(MapReader& r) {
    Computer c;
    c.personal_computer = r.boolean("personal_computer", Need::Required);
    c.basis = r.enumeration<ComputerBasis>("basis");
    return c;
}

SafetyChecklist read_safety_checklist(MapReader& r) {
    SafetyChecklist s;
    s.completed = r.boolean("completed", Need::Required);
    s.date = r.date("date");
    return s;
}

Emergency read_emergency(MapReader& r) {
    Emergency e;
    e.coop = r.boolean("coop");
    e.pandemic = r.boolean("pandemic");
    e.weather = r.boolean("weather");
    return e;
}

DependentCare read_dependent_care(MapReader& r) {
    DependentCare d;
    d.dependents = r.boolean("dependents", Need::Required);
    d.arrangements_on_file = r.boolean("arrangements_on_file");
    return d;
}

Training read_training(MapReader& r) {
    Training t;
    t.telework = r.date("telework");
    t.it_security = r.date("it_security");
    t.supervisor = r.date("supervisor");
    return t;
}

Eligibility read_eligibility(MapReader& r) {
    Eligibility e;
    e.position = r.answers("position", position_questions);
    e.must_be_yes = r.answers("must_be_yes", must_be_yes_questions);
    e.must_be_no = r.answers("must_be_no", must_be_no_questions);
    return e;
}

Signature read_signature(MapReader& r) {
    Signature s;
    s.name = r.string("name", Need::Required);
    s.date = r.date("date", Need::Required);
    return s;
}

OtherSignature read_other_signature(MapReader& r) {
    OtherSignature o;
    o.role = r.snake_case("role", "assistant_commissioner", Need::Required);
    o.signature.value = read_signature(r);
    o.signature.presence = Presence::Present;
    o.signature.pos = r.owner_pos();
    return o;
}

Signatures read_signatures(MapReader& r) {
    Signatures s;
    s.employee = r.block<Signature>("employee", read_signature);
    s.supervisor = r.block<Signature>("supervisor", read_signature);
    s.manager = r.block<Signature>("manager", read_signature);
    s.hr = r.block<Signature>("hr", read_signature);
    s.agency_head = r.block<Signature>("agency_head", read_signature);
    s.others = r.block_list<OtherSignature>("others", read_other_signature);
    return s;
}

Decision read_decision(MapReader& r) {
    Decision d;
    d.date = r.date("date", Need::Required);
    d.by = r.string("by");
    d.reason_category = r.enumeration<ReasonCategory>("reason_category");
    d.reason = r.string("reason");
    d.reapply_after = r.date("reapply_after");
    d.improvement_actions = r.string("improvement_actions");
    d.copy_to_employee = r.date("copy_to_employee");
    d.copy_to_coordinator = r.date("copy_to_coordinator");
    return d;
}

Request read_request(MapReader& r) {
    Request q;
    q.kind = r.enumeration<RequestKind>("kind");
    q.date = r.date("date");
    return q;
}

WorkPlan read_work_plan(MapReader& r) {
    WorkPlan w;
    w.date = r.date("date");
    return w;
}

Agreement read_agreement(MapReader& r, std::span<const std::string> policy_names) {
    Agreement a;
    a.format = r.integer("format", 1, 1, Need::Required);
    a.id = r.record_id("id", Need::Required);
    a.status = r.enumeration<Status>("status", Need::Required);
    a.type = r.enumeration<AgreementType>("type", Need::Required);
    a.policy = r.one_of("policy", policy_names);
    a.agency = r.string("agency", Need::Required);
    a.unit = r.string("unit");
    a.supersedes = r.record_id("supersedes");
    a.employee = r.block<Employee>("employee", read_employee, Need::Required);
    a.supervisor = r.block<Person>("supervisor", read_person, Need::Required);
    a.manager = r.block<Person>("manager", read_person, Need::Required);
    a.location = r.block<Location>("location", read_location);
    a.official_duty_station = r.string("official_duty_station");
    a.schedule = r.block<Schedule>("schedule", read_schedule);
    a.term = r.block<Term>("term", read_term);
    a.duties = r.strings("duties");
    a.equipment = r.block_list<EquipmentItem>("equipment", read_equipment_item);
    a.computer = r.block<Computer>("computer", read_computer);
    a.safety_checklist = r.block<SafetyChecklist>("safety_checklist", read_safety_checklist);
    a.emergency = r.block<Emergency>("emergency", read_emergency);
    a.dependent_care = r.block<DependentCare>("dependent_care", read_dependent_care);
    a.insurance_certificate_on_file = r.boolean("insurance_certificate_on_file");
    a.training = r.block<Training>("training", read_training);
    a.eligibility = r.block<Eligibility>("eligibility", read_eligibility);
    a.signatures = r.block<Signatures>("signatures", read_signatures);
    a.das_copy_sent = r.date("das_copy_sent");
    a.decision = r.block<Decision>("decision", read_decision);
    a.request = r.block<Request>("request", read_request);
    a.work_plan = r.block<WorkPlan>("work_plan", read_work_plan);
    a.notes = r.string("notes");
    return a;
}

} // namespace

DecodeResult decode_agreement(const YamlNode& root, std::span<const std::string> policy_names) {
    DecodeResult result;
    const detail::KeyPath top;
    MapReader reader(root, top, Position{}, result.findings);
    result.agreement = read_agreement(reader, policy_names);
    reader.finish();
    return result;
}

} // namespace telework
