#include "record_fixture.hpp"

#include "telework/derived.hpp"
#include "telework/renewal.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace telework;
using namespace telework::testing;

namespace {

std::string str(const std::optional<Date>& date) { return date ? date->to_string() : std::string("none"); }

template <class T>
Field<T> given(T value) {
    Field<T> field;
    field.presence = Presence::Present;
    field.value = std::move(value);
    return field;
}

template <class T>
Field<T> null_field() {
    Field<T> field;
    field.presence = Presence::Null;
    return field;
}

Field<Signature> signed_on(const char* date) {
    Signature signature;
    signature.name = given(std::string("Someone"));
    signature.date = given(d(date));
    return given(signature);
}

// An agreement whose signatures are given as dates; nullptr leaves a role absent.
Agreement signed_agreement(const char* employee, const char* supervisor, const char* manager, const char* hr,
                           const char* agency_head) {
    Signatures signatures;
    if (employee) signatures.employee = signed_on(employee);
    if (supervisor) signatures.supervisor = signed_on(supervisor);
    if (manager) signatures.manager = signed_on(manager);
    if (hr) signatures.hr = signed_on(hr);
    if (agency_head) signatures.agency_head = signed_on(agency_head);
    Agreement a;
    a.signatures = given(signatures);
    return a;
}

Schedule schedule_of(int workweek, std::vector<Weekday> telework, std::vector<Weekday> partial) {
    Schedule s;
    s.workweek_days = given(workweek);
    s.telework_days = given(std::move(telework));
    s.partial_days = given(std::move(partial));
    return s;
}

using enum Weekday;

} // namespace

// ---------------------------------------------------------------------------
// Date::add_months

TEST_CASE("add_months: the format page example clamps 01-31 + 1 to 02-28") {
    CHECK(d("2026-01-31").add_months(1).to_string() == "2026-02-28");
}

TEST_CASE("add_months: same day of the month when it exists") {
    CHECK(d("2026-03-01").add_months(9).to_string() == "2026-12-01");
    CHECK(d("2026-01-15").add_months(1).to_string() == "2026-02-15");
    CHECK(d("2026-06-30").add_months(0).to_string() == "2026-06-30");
    CHECK(d("2026-11-30").add_months(3).to_string() == "2027-02-28");
    CHECK(d("2026-12-31").add_months(1).to_string() == "2027-01-31");
    CHECK(d("2026-05-15").add_months(24).to_string() == "2028-05-15");
}

TEST_CASE("add_months: clamps to the last day of shorter target months") {
    CHECK(d("2026-03-31").add_months(1).to_string() == "2026-04-30");
    CHECK(d("2026-05-31").add_months(9).to_string() == "2027-02-28");
    CHECK(d("2026-05-29").add_months(9).to_string() == "2027-02-28");
    CHECK(d("2026-05-28").add_months(9).to_string() == "2027-02-28");
    CHECK(d("2026-08-31").add_months(1).to_string() == "2026-09-30");
}

TEST_CASE("add_months: leap years") {
    CHECK(d("2024-01-31").add_months(1).to_string() == "2024-02-29");
    CHECK(d("2028-01-30").add_months(1).to_string() == "2028-02-29");
    CHECK(d("2024-02-29").add_months(12).to_string() == "2025-02-28");
    CHECK(d("2024-02-29").add_months(48).to_string() == "2028-02-29");
    CHECK(d("2027-05-31").add_months(9).to_string() == "2028-02-29");
    // Century rules: 2000 is a leap year, 1900 and 2100 are not.
    CHECK(d("2000-01-31").add_months(1).to_string() == "2000-02-29");
    CHECK(d("1900-01-31").add_months(1).to_string() == "1900-02-28");
    CHECK(d("2100-01-31").add_months(1).to_string() == "2100-02-28");
}

TEST_CASE("add_months: negative months go back, across years, with clamping") {
    CHECK(d("2026-03-31").add_months(-1).to_string() == "2026-02-28");
    CHECK(d("2026-01-15").add_months(-1).to_string() == "2025-12-15");
    CHECK(d("2026-02-28").add_months(-6).to_string() == "2025-08-28");
    CHECK(d("2026-08-31").add_months(-6).to_string() == "2026-02-28");
    CHECK(d("2024-08-31").add_months(-6).to_string() == "2024-02-29");
    CHECK(d("2026-03-01").add_months(-12).to_string() == "2025-03-01");
    CHECK(d("2026-01-31").add_months(-14).to_string() == "2024-11-30");
}

TEST_CASE("add_days and days_between") {
    CHECK(d("2026-02-28").add_days(1).to_string() == "2026-03-01");
    CHECK(d("2024-02-28").add_days(1).to_string() == "2024-02-29");
    CHECK(d("2026-03-01").add_days(-1).to_string() == "2026-02-28");
    CHECK(d("2026-12-31").add_days(1).to_string() == "2027-01-01");
    CHECK(days_between(d("2026-02-28"), d("2026-03-07")) == 7);
    CHECK(days_between(d("2026-03-07"), d("2026-02-28")) == -7);
    CHECK(days_between(d("2026-01-01"), d("2027-01-01")) == 365);
    CHECK(days_between(d("2028-01-01"), d("2029-01-01")) == 366);
}

// ---------------------------------------------------------------------------
// describe_span

TEST_CASE("describe_span: whole months, months and days, days, plurals") {
    CHECK(describe_span(d("2026-03-01"), d("2026-12-01")) == "9 months");
    CHECK(describe_span(d("2026-03-01"), d("2026-12-02")) == "9 months 1 day");
    CHECK(describe_span(d("2026-03-01"), d("2026-12-03")) == "9 months 2 days");
    CHECK(describe_span(d("2026-03-01"), d("2026-04-01")) == "1 month");
    CHECK(describe_span(d("2026-03-01"), d("2026-04-02")) == "1 month 1 day");
    CHECK(describe_span(d("2026-03-01"), d("2026-03-02")) == "1 day");
    CHECK(describe_span(d("2026-03-01"), d("2026-03-31")) == "30 days");
    CHECK(describe_span(d("2026-03-01"), d("2026-03-01")) == "0 days");
    CHECK(describe_span(d("2026-03-01"), d("2027-03-01")) == "12 months");
}

TEST_CASE("describe_span: counts months with add_months clamping") {
    // add_months(01-31, 1) = 02-28, so 01-31 to 02-28 is one whole month.
    CHECK(describe_span(d("2026-01-31"), d("2026-02-28")) == "1 month");
    CHECK(describe_span(d("2026-05-31"), d("2027-03-01")) == "9 months 1 day");
    CHECK(describe_span(d("2026-01-31"), d("2026-02-27")) == "27 days");
}

TEST_CASE("describe_span: a reversed span is a negative number of days") {
    CHECK(describe_span(d("2026-03-04"), d("2026-03-01")) == "-3 days");
}

// ---------------------------------------------------------------------------
// The approval signatures of the shipped profiles

TEST_CASE("approval signatures: opm needs the employee and the manager") {
    CHECK(built_in_profile("opm").approval_signatures == std::vector<std::string>{"employee", "manager"});
}

TEST_CASE("approval signatures: ct-gl32 needs all five, in format order") {
    CHECK(built_in_profile("ct-gl32").approval_signatures ==
          std::vector<std::string>{"employee", "supervisor", "manager", "hr", "agency_head"});
}

// ---------------------------------------------------------------------------
// approval_date

TEST_CASE("approval_date: opm is the later of the employee's and the manager's signatures") {
    const Agreement a = signed_agreement("2026-02-25", "2026-03-09", "2026-02-26", "2026-03-10", "2026-03-11");
    CHECK(str(approval_date(a, built_in_profile("opm"))) == "2026-02-26");
    const Agreement b = signed_agreement("2026-03-02", nullptr, "2026-02-26", nullptr, nullptr);
    CHECK(str(approval_date(b, built_in_profile("opm"))) == "2026-03-02");
}

TEST_CASE("approval_date: ct-gl32 is the latest of all five signatures, whichever role signed last") {
    CHECK(str(approval_date(signed_agreement("2026-02-25", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"),
                            built_in_profile("ct-gl32"))) == "2026-02-28");
    CHECK(str(approval_date(signed_agreement("2026-02-25", "2026-03-04", "2026-02-26", "2026-02-27", "2026-02-28"),
                            built_in_profile("ct-gl32"))) == "2026-03-04");
    CHECK(str(approval_date(signed_agreement("2026-03-05", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28"),
                            built_in_profile("ct-gl32"))) == "2026-03-05");
    CHECK(str(approval_date(signed_agreement("2026-02-25", "2026-02-25", "2026-02-26", "2026-03-06", "2026-02-28"),
                            built_in_profile("ct-gl32"))) == "2026-03-06");
}

TEST_CASE("approval_date: the latest of those present when some required signatures are missing") {
    CHECK(str(approval_date(signed_agreement("2026-02-25", "2026-02-25", nullptr, "2026-02-27", nullptr),
                            built_in_profile("ct-gl32"))) == "2026-02-27");
    CHECK(str(approval_date(signed_agreement(nullptr, "2026-03-09", "2026-02-26", nullptr, nullptr),
                            built_in_profile("opm"))) == "2026-02-26");
    CHECK(str(approval_date(signed_agreement("2026-02-25", nullptr, nullptr, nullptr, nullptr), built_in_profile("opm"))) ==
          "2026-02-25");
}

TEST_CASE("approval_date: none when no required signature is present") {
    // Only signatures that opm does not require.
    const Agreement only_others = signed_agreement(nullptr, "2026-02-25", nullptr, "2026-02-27", "2026-02-28");
    CHECK(str(approval_date(only_others, built_in_profile("opm"))) == "none");
    CHECK(str(approval_date(only_others, built_in_profile("ct-gl32"))) == "2026-02-28");
    // An empty signatures block, and no block at all.
    CHECK(str(approval_date(signed_agreement(nullptr, nullptr, nullptr, nullptr, nullptr), built_in_profile("ct-gl32"))) ==
          "none");
    const Agreement unsigned_agreement;
    CHECK(str(approval_date(unsigned_agreement, built_in_profile("opm"))) == "none");
    CHECK(str(approval_date(unsigned_agreement, built_in_profile("ct-gl32"))) == "none");
    Agreement null_block;
    null_block.signatures = null_field<Signatures>();
    CHECK(str(approval_date(null_block, built_in_profile("ct-gl32"))) == "none");
}

TEST_CASE("approval_date: from a decoded record") {
    const RecordFile file = make_record(valid_ct_record);
    REQUIRE(file.has_agreement());
    CHECK(str(approval_date(*file.agreement(), built_in_profile("ct-gl32"))) == "2026-02-28");
    CHECK(str(approval_date(*file.agreement(), built_in_profile("opm"))) == "2026-02-26");
}

// ---------------------------------------------------------------------------
// telework_share

TEST_CASE("telework_share: (telework + partial) / workweek") {
    CHECK(*telework_share(schedule_of(5, {Tue, Thu}, {})) == doctest::Approx(0.4));
    CHECK(*telework_share(schedule_of(5, {Tue, Thu}, {Fri})) == doctest::Approx(0.6));
    CHECK(*telework_share(schedule_of(5, {}, {})) == 0.0);
    CHECK(*telework_share(schedule_of(5, {Mon, Tue, Wed, Thu, Fri}, {})) == 1.0);
}

TEST_CASE("telework_share: exactly 50%") {
    CHECK(*telework_share(schedule_of(4, {Tue, Thu}, {})) == 0.5);
    CHECK(*telework_share(schedule_of(6, {Mon, Wed}, {Fri})) == 0.5);
    CHECK(*telework_share(schedule_of(2, {}, {Mon})) == 0.5);
}

TEST_CASE("telework_share: absent or null partial_days counts as none") {
    Schedule absent_partial = schedule_of(4, {Tue, Thu}, {});
    absent_partial.partial_days = Field<std::vector<Weekday>>{};
    CHECK(*telework_share(absent_partial) == 0.5);
    Schedule null_partial = schedule_of(5, {Tue}, {});
    null_partial.partial_days = null_field<std::vector<Weekday>>();
    CHECK(*telework_share(null_partial) == doctest::Approx(0.2));
}

TEST_CASE("telework_share: none when a part is not given") {
    Schedule no_workweek = schedule_of(5, {Tue}, {});
    no_workweek.workweek_days = Field<int>{};
    CHECK_FALSE(telework_share(no_workweek).has_value());
    Schedule no_telework = schedule_of(5, {Tue}, {});
    no_telework.telework_days = null_field<std::vector<Weekday>>();
    CHECK_FALSE(telework_share(no_telework).has_value());
    Schedule bad_partial = schedule_of(5, {Tue}, {});
    bad_partial.partial_days.presence = Presence::Invalid;
    CHECK_FALSE(telework_share(bad_partial).has_value());
}

// ---------------------------------------------------------------------------
// term_within_months

TEST_CASE("term_within_months: the format page boundary 03-01..11-30 is within 9, ..12-01 is not") {
    CHECK(term_within_months(d("2026-03-01"), d("2026-11-30"), 9));
    CHECK_FALSE(term_within_months(d("2026-03-01"), d("2026-12-01"), 9));
    CHECK(term_within_months(d("2026-03-01"), d("2026-03-01"), 9));
    CHECK(term_within_months(d("2026-03-01"), d("2026-08-31"), 6));
    CHECK_FALSE(term_within_months(d("2026-03-01"), d("2026-09-01"), 6));
}

TEST_CASE("term_within_months: starts 05-28..05-31 allow 02-27 at most in a non-leap year, 06-01 allows 02-28") {
    for (const char* start : {"2026-05-28", "2026-05-29", "2026-05-30", "2026-05-31"}) {
        INFO("start ", start);
        CHECK(term_within_months(d(start), d("2027-02-27"), 9));
        CHECK_FALSE(term_within_months(d(start), d("2027-02-28"), 9));
    }
    CHECK(term_within_months(d("2026-06-01"), d("2027-02-28"), 9));
    CHECK_FALSE(term_within_months(d("2026-06-01"), d("2027-03-01"), 9));
}

TEST_CASE("term_within_months: leap-year ends") {
    // add_months(2027-05-31, 9) = 2028-02-29, so the last day allowed is 02-28.
    CHECK(term_within_months(d("2027-05-31"), d("2028-02-28"), 9));
    CHECK_FALSE(term_within_months(d("2027-05-31"), d("2028-02-29"), 9));
    // add_months(2027-06-01, 9) = 2028-03-01: 02-29 is allowed.
    CHECK(term_within_months(d("2027-06-01"), d("2028-02-29"), 9));
    CHECK_FALSE(term_within_months(d("2027-06-01"), d("2028-03-01"), 9));
}

// ---------------------------------------------------------------------------
// discipline_is_recent

TEST_CASE("discipline_is_recent: exactly 6 months before is not recent, one day later is") {
    CHECK_FALSE(discipline_is_recent(d("2025-08-28"), d("2026-02-28"), 6));
    CHECK(discipline_is_recent(d("2025-08-29"), d("2026-02-28"), 6));
    CHECK_FALSE(discipline_is_recent(d("2025-01-01"), d("2026-02-28"), 6));
}

TEST_CASE("discipline_is_recent: the window includes the reference date and nothing after it") {
    CHECK(discipline_is_recent(d("2026-02-28"), d("2026-02-28"), 6));
    CHECK_FALSE(discipline_is_recent(d("2026-03-01"), d("2026-02-28"), 6));
}

TEST_CASE("discipline_is_recent: month-end references and other lookbacks") {
    // add_months(2026-08-31, -6) = 2026-02-28.
    CHECK_FALSE(discipline_is_recent(d("2026-02-28"), d("2026-08-31"), 6));
    CHECK(discipline_is_recent(d("2026-03-01"), d("2026-08-31"), 6));
    CHECK_FALSE(discipline_is_recent(d("2025-11-28"), d("2026-02-28"), 3));
    CHECK(discipline_is_recent(d("2025-11-29"), d("2026-02-28"), 3));
}

// ---------------------------------------------------------------------------
// The annual renewal date (opm's [renewal]): agreement_end under opm with N months

namespace {

std::optional<Date> annual_renewal_date(const Agreement& a, int months) {
    Profile opm = built_in_profile("opm");
    for (auto& t : opm.thresholds) {
        if (t.name == "renewal_months") t.value = months;
    }
    const auto end = agreement_end(a, opm);
    return end ? std::optional<Date>(end->date) : std::nullopt;
}

} // namespace

TEST_CASE("annual_renewal_date: approval (opm) + 12 months") {
    // The opm approval date ignores the later supervisor, hr and agency head signatures.
    const Agreement a = signed_agreement("2026-02-25", "2026-03-09", "2026-02-26", "2026-03-10", "2026-03-11");
    CHECK(str(annual_renewal_date(a, 12)) == "2027-02-26");
    CHECK(str(annual_renewal_date(a, 6)) == "2026-08-26");
    const Agreement leap = signed_agreement("2028-02-29", nullptr, "2028-02-01", nullptr, nullptr);
    CHECK(str(annual_renewal_date(leap, 12)) == "2029-02-28");
}

TEST_CASE("annual_renewal_date: term.end when it is earlier") {
    Agreement a = signed_agreement("2026-02-25", nullptr, "2026-02-26", nullptr, nullptr);
    Term term;
    term.start = given(d("2026-03-01"));
    term.end = given(d("2026-11-30"));
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "2026-11-30");

    term.end = given(d("2027-02-25"));
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "2027-02-25");

    term.end = given(d("2027-02-26"));
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "2027-02-26");

    term.end = given(d("2027-06-30"));
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "2027-02-26");

    // A term without an end does not shorten the renewal.
    term.end = Field<Date>{};
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "2027-02-26");
}

TEST_CASE("annual_renewal_date: none without an approval date") {
    Agreement a = signed_agreement(nullptr, "2026-02-25", nullptr, "2026-02-27", "2026-02-28");
    Term term;
    term.start = given(d("2026-03-01"));
    term.end = given(d("2026-11-30"));
    a.term = given(term);
    CHECK(str(annual_renewal_date(a, 12)) == "none");
    CHECK(str(annual_renewal_date(Agreement{}, 12)) == "none");
}

// ---------------------------------------------------------------------------
// The pay period (format additions: derived facts with a biweekly pattern)

namespace {

Schedule biweekly(ScheduleWeek first, ScheduleWeek second) {
    Schedule s;
    s.pay_period = given(std::vector<ScheduleWeek>{std::move(first), std::move(second)});
    return s;
}

ScheduleWeek week_of(int workweek, std::vector<Weekday> telework, std::vector<Weekday> partial) {
    ScheduleWeek w;
    w.workweek_days = given(workweek);
    w.telework_days = given(std::move(telework));
    w.partial_days = given(std::move(partial));
    return w;
}

// "5/2/1": workweek days / telework days / partial days of each week.
std::string counts(const std::optional<std::array<WeekPattern, 2>>& weeks) {
    if (!weeks) return "none";
    std::string out;
    for (const WeekPattern& w : *weeks) {
        out += (out.empty() ? "" : " ") + std::to_string(w.workweek_days) + "/" + std::to_string(w.telework_days) +
               "/" + std::to_string(w.partial_days);
    }
    return out;
}

} // namespace

TEST_CASE("pay_period_weeks: the weekly form counted twice") {
    CHECK(counts(pay_period_weeks(schedule_of(5, {Tue, Thu}, {Fri}))) == "5/2/1 5/2/1");
    Schedule absent_partial = schedule_of(4, {Mon}, {});
    absent_partial.partial_days = Field<std::vector<Weekday>>{};
    CHECK(counts(pay_period_weeks(absent_partial)) == "4/1/0 4/1/0");
}

TEST_CASE("pay_period_weeks: the two weeks of schedule.pay_period, in order") {
    ScheduleWeek second = week_of(4, {Tue}, {});
    second.partial_days = null_field<std::vector<Weekday>>();
    CHECK(counts(pay_period_weeks(biweekly(week_of(5, {Mon, Thu}, {Fri}), second))) == "5/2/1 4/1/0");
}

TEST_CASE("pay_period_weeks: none when a week's part is missing or invalid, or pay_period is not two good weeks") {
    Schedule no_telework = schedule_of(5, {Tue}, {});
    no_telework.telework_days = Field<std::vector<Weekday>>{};
    CHECK(counts(pay_period_weeks(no_telework)) == "none");
    Schedule bad_partial = schedule_of(5, {Tue}, {});
    bad_partial.partial_days.presence = Presence::Invalid;
    CHECK(counts(pay_period_weeks(bad_partial)) == "none");
    CHECK(counts(pay_period_weeks(Schedule{})) == "none");

    ScheduleWeek no_workweek = week_of(4, {Tue}, {});
    no_workweek.workweek_days = null_field<int>();
    CHECK(counts(pay_period_weeks(biweekly(week_of(5, {Mon}, {}), no_workweek))) == "none");
    Schedule invalid = biweekly(week_of(5, {Mon}, {}), week_of(4, {Tue}, {}));
    invalid.pay_period.presence = Presence::Invalid; // e.g. three weeks, or given with the weekly keys
    CHECK(counts(pay_period_weeks(invalid)) == "none");
    // A null pay_period is not yet answered: the weekly form is not read in its place.
    Schedule null_pay_period = schedule_of(5, {Tue}, {});
    null_pay_period.pay_period = null_field<std::vector<ScheduleWeek>>();
    CHECK(counts(pay_period_weeks(null_pay_period)) == "none");
}

TEST_CASE("pay_period_weeks: from decoded records, with each week's telework_days position") {
    const RecordFile file = make_record(minimal_record + R"(schedule:
  pay_period:
    - {workweek_days: 5, telework_days: [mon, thu], partial_days: []}
    - {workweek_days: 4, telework_days: [tue]}
)");
    REQUIRE(file.findings.empty());
    const auto weeks = pay_period_weeks(*file.agreement()->schedule);
    CHECK(counts(weeks) == "5/2/0 4/1/0");
    REQUIRE(weeks);
    CHECK((*weeks)[0].telework_pos == Position{11, 26});
    CHECK((*weeks)[1].telework_pos == Position{12, 26});
    // The weekly keys are absent, so the weekly share is not known; each week's is.
    CHECK_FALSE(telework_share(*file.agreement()->schedule).has_value());

    const RecordFile both = make_record(minimal_record + R"(schedule:
  workweek_days: 5
  telework_days: [tue]
  pay_period:
    - {workweek_days: 5, telework_days: [mon, thu]}
    - {workweek_days: 4, telework_days: [tue]}
)");
    CHECK(both.findings.size() == 1);
    CHECK(counts(pay_period_weeks(*both.agreement()->schedule)) == "none");
    CHECK_FALSE(telework_share(*both.agreement()->schedule).has_value());
}

TEST_CASE("telework_share of a week: (telework + partial) / workweek") {
    const auto weeks = pay_period_weeks(biweekly(week_of(5, {Mon, Thu}, {}), week_of(4, {Tue}, {Fri})));
    REQUIRE(weeks);
    CHECK(telework_share((*weeks)[0]) == doctest::Approx(0.4));
    CHECK(telework_share((*weeks)[1]) == 0.5);
}

TEST_CASE("onsite_days_per_pay_period: workweek minus telework days over both weeks; partial days are on site") {
    CHECK(*onsite_days_per_pay_period(biweekly(week_of(5, {Mon, Thu}, {}), week_of(4, {Tue}, {}))) == 6);
    CHECK(*onsite_days_per_pay_period(schedule_of(5, {Tue, Thu}, {Fri})) == 6);
    CHECK(*onsite_days_per_pay_period(schedule_of(5, {Mon, Tue, Wed, Thu}, {})) == 2);
    CHECK(*onsite_days_per_pay_period(biweekly(week_of(5, {Mon, Tue, Wed, Thu, Fri}, {}), week_of(4, {Tue}, {}))) ==
          3);
    // More telework days than workdays is not clamped.
    CHECK(*onsite_days_per_pay_period(schedule_of(1, {Mon, Tue}, {})) == -2);
    CHECK_FALSE(onsite_days_per_pay_period(Schedule{}).has_value());
}

TEST_CASE("telework_days_per_pay_period: whole and partial days over both weeks") {
    CHECK(*telework_days_per_pay_period(biweekly(week_of(5, {Mon, Thu}, {Fri}), week_of(4, {Tue}, {}))) == 4);
    CHECK(*telework_days_per_pay_period(schedule_of(5, {Tue, Thu}, {Fri})) == 6);
    CHECK(*telework_days_per_pay_period(schedule_of(5, {}, {})) == 0);
    CHECK_FALSE(telework_days_per_pay_period(Schedule{}).has_value());
}
