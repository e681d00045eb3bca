#include "record_fixture.hpp"
#include "report_formats.hpp"
#include "markup.hpp"
#include "report_svg.hpp"

#include "telework/report.hpp"

#include <doctest/doctest.h>

#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

using namespace telework;
using namespace telework::testing;

namespace {

// A small record: the facts the report reads, nothing else. `extra` is
// appended as top-level YAML.
std::string record(const std::string& id, const std::string& status, const std::string& employee,
                   const std::string& extra = "", const std::string& agency = "Agency A") {
    return "format: 1\nid: " + id + "\nstatus: " + status + "\ntype: routine\nagency: " + agency +
           "\nemployee: {id: " + employee + ", name: Person " + employee + ", email: " + employee +
           "@example.gov, position: Clerk}\nsupervisor: {name: Sam Lee}\nmanager: {name: Alice Brown}\n" + extra;
}

// Approved under opm on `date` (the employee's and the manager's signatures).
std::string opm_signed(const char* date) {
    return std::string("policy: opm\nsignatures:\n  employee: {name: E, date: ") + date +
           "}\n  manager: {name: Alice Brown, date: " + date + "}\n";
}

std::string ct_term(const char* start, const char* end) {
    return std::string("policy: ct-gl32\nterm: {start: ") + start + ", end: " + end + "}\n";
}

struct Run {
    std::vector<RecordFile> files;

    Run& add(std::string yaml) {
        files.push_back(make_record(std::move(yaml), "agreements/r" + std::to_string(files.size()) + ".yaml"));
        return *this;
    }

    Report report(const char* as_of, ReportOptions options = {}) {
        const RunSettings settings = settings_as_of(as_of);
        std::vector<const RecordFile*> counted;
        for (const auto& file : files) {
            if (file.has_agreement() && !file.structurally_broken()) counted.push_back(&file);
        }
        return build_report(files, counted, settings, options);
    }
};

} // namespace

TEST_CASE("frequency bands count days per biweekly pay period: twice the days a week") {
    CHECK(frequency_band(0) == FrequencyBand::Occasional);
    CHECK(frequency_band(1) == FrequencyBand::OneToTwo); // 2 a pay period
    CHECK(frequency_band(2) == FrequencyBand::ThreePlus); // 4 a pay period
    CHECK(frequency_band(5) == FrequencyBand::ThreePlus);
    // A biweekly pattern counts by its pay period: 3 days is 3+, though it is 1 a week rounded down.
    CHECK(frequency_band_of_pay_period(3) == FrequencyBand::ThreePlus);
    CHECK(frequency_band_of_pay_period(2) == FrequencyBand::OneToTwo);
    CHECK(describe(FrequencyBand::ThreePlus) == "3+ days per pay period");
    CHECK(describe(FrequencyBand::OneToTwo) == "1-2 days per pay period");
    CHECK(describe(FrequencyBand::Occasional) == "occasional/situational");
}

TEST_CASE("telework days a week count partial days; no schedule is not recorded") {
    const auto with = [](const std::string& schedule) {
        return telework_days_per_week(*make_record(record("T-1", "approved", "E1", schedule)).agreement());
    };
    CHECK(with("schedule: {workweek_days: 5, telework_days: [mon, tue], partial_days: [fri]}\n") == 3);
    CHECK(with("schedule: {workweek_days: 5, telework_days: []}\n") == 0);
    CHECK(with("schedule: {workweek_days: 5}\n") == 0);
    CHECK_FALSE(with("").has_value());
    // A biweekly pattern: half its pay period's days, rounded down (it counted as 0 before).
    const std::string biweekly = "schedule:\n  pay_period:\n    - {workweek_days: 5, telework_days: [mon, wed]}\n"
                                 "    - {workweek_days: 4, telework_days: [tue], partial_days: [fri]}\n";
    CHECK(with(biweekly) == 2);
    CHECK(telework_days_per_pay_period(*make_record(record("T-1", "approved", "E1", biweekly)).agreement()) == 4);
}

TEST_CASE("a period includes both ends; an undated event only counts when the period is open") {
    const ReportPeriod open{};
    const ReportPeriod bounded{d("2026-01-01"), d("2026-06-30")};
    const ReportPeriod from_only{d("2026-01-01"), std::nullopt};
    CHECK(open.contains(std::nullopt));
    CHECK(open.contains(d("1999-01-01")));
    CHECK_FALSE(bounded.contains(std::nullopt));
    CHECK(bounded.contains(d("2026-01-01")));
    CHECK(bounded.contains(d("2026-06-30")));
    CHECK_FALSE(bounded.contains(d("2025-12-31")));
    CHECK_FALSE(bounded.contains(d("2026-07-01")));
    CHECK(from_only.contains(d("2030-01-01")));
    CHECK_FALSE(from_only.contains(std::nullopt));
}

TEST_CASE("statuses, current agreements and distinct employees") {
    Run run;
    run.add(record("T-1", "approved", "E1", opm_signed("2026-01-10")));
    run.add(record("T-2", "approved", "E1", "supersedes: T-1\n" + opm_signed("2026-03-01")));
    run.add(record("T-3", "approved", "E2", opm_signed("2026-02-01")));
    // Neither supersedes the other: both are current, one employee.
    run.add(record("T-4", "approved", "E2", opm_signed("2026-02-05")));
    run.add(record("T-5", "proposed", "E3"));
    run.add(record("T-6", "denied", "E4"));
    const Report report = run.report("2026-06-01");
    CHECK(report.total.records == 6);
    CHECK(report.total.by_status == std::array<int, status_count>{1, 4, 1, 0});
    CHECK(report.total.current_agreements == 3); // T-2, T-3, T-4
    CHECK(report.total.employees_with_current_agreement == 2);
}

TEST_CASE("approvals and decisions are counted in the period; terminated agreements were approved first") {
    Run run;
    run.add(record("T-1", "approved", "E1", opm_signed("2026-01-01")));
    run.add(record("T-2", "approved", "E2", opm_signed("2025-12-31")));
    run.add(record("T-3", "terminated", "E3",
                   opm_signed("2026-03-01") + "decision: {date: 2026-05-01, reason_category: conduct, reason: R}\n"));
    run.add(record("T-4", "approved", "E4", "policy: opm\n")); // never signed: no approval date
    run.add(record("T-5", "denied", "E5", "decision: {date: 2026-06-30, reason_category: security, reason: R}\n"));
    run.add(record("T-6", "denied", "E6", "decision: {date: 2026-07-01, reason_category: security, reason: R}\n"));
    run.add(record("T-7", "denied", "E7", "decision: {date: 2026-02-01, reason: R}\n"));
    run.add(record("T-8", "denied", "E8")); // no decision: undated

    ReportOptions options;
    options.period = {d("2026-01-01"), d("2026-06-30")};
    const Report bounded = run.report("2026-08-01", options);
    CHECK(bounded.total.approvals == 2); // T-1, T-3
    CHECK(bounded.total.denials.total == 2); // T-5, T-7
    CHECK(bounded.total.denials.by_reason[static_cast<std::size_t>(ReasonCategory::Security)] == 1);
    CHECK(bounded.total.denials.not_recorded == 1);
    CHECK(bounded.total.terminations.total == 1);
    CHECK(bounded.total.terminations.by_reason[static_cast<std::size_t>(ReasonCategory::Conduct)] == 1);

    const Report all_time = run.report("2026-08-01");
    CHECK(all_time.total.approvals == 4);
    CHECK(all_time.total.denials.total == 4);
    CHECK(all_time.total.denials.not_recorded == 2);
}

TEST_CASE("expiry months start with the as-of month; ended agreements, later ones and unknown ends apart") {
    Run run;
    run.add(record("T-1", "approved", "E1", ct_term("2026-03-01", "2026-11-19"))); // a day before: expired
    run.add(record("T-2", "approved", "E2", ct_term("2026-03-01", "2026-11-20"))); // the as-of day: month 0
    run.add(record("T-3", "approved", "E3", ct_term("2027-02-01", "2027-10-31"))); // last day of month 11
    run.add(record("T-4", "approved", "E4", ct_term("2027-02-02", "2027-11-01"))); // later
    run.add(record("T-5", "approved", "E5", "policy: ct-gl32\n"));                 // no term: no end date
    run.add(record("T-6", "approved", "E6", opm_signed("2026-01-31")));           // 2027-01-31: month 2
    const Report report = run.report("2026-11-20");
    CHECK(month_label(report.months.front()) == "2026-11");
    CHECK(month_label(report.months.back()) == "2027-10");
    const ExpiryCounts& e = report.total.expiring;
    CHECK(e.expired == 1);
    CHECK(e.by_month[0] == 1);
    CHECK(e.by_month[2] == 1);
    CHECK(e.by_month[11] == 1);
    CHECK(e.later == 1);
    CHECK(e.no_end_date == 1);
    const int listed = std::accumulate(e.by_month.begin(), e.by_month.end(), 0) + e.expired + e.later + e.no_end_date;
    CHECK(listed == report.total.current_agreements);
    CHECK(report.expiring_agreements.empty()); // no names unless asked for
}

TEST_CASE("with names, the ending agreements are listed by end date") {
    Run run;
    run.add(record("T-2", "approved", "E2", ct_term("2026-03-01", "2026-12-01")));
    run.add(record("T-1", "approved", "E1", ct_term("2026-02-01", "2026-10-31")));
    run.add(record("T-3", "approved", "E3", ct_term("2027-02-02", "2027-11-01"))); // beyond the twelve months
    ReportOptions options;
    options.include_names = true;
    const Report report = run.report("2026-11-20", options);
    REQUIRE(report.expiring_agreements.size() == 2);
    CHECK(report.expiring_agreements[0].id == "T-1");
    CHECK(report.expiring_agreements[0].expired);
    CHECK(report.expiring_agreements[0].employee == "Person E1");
    CHECK(report.expiring_agreements[0].email == "E1@example.gov");
    CHECK(report.expiring_agreements[1].id == "T-2");
    CHECK_FALSE(report.expiring_agreements[1].expired);
}

TEST_CASE("current agreements: days, bands, locations and emergency designations") {
    Run run;
    run.add(record("T-1", "approved", "E1",
                   "schedule: {workweek_days: 5, telework_days: [mon, tue]}\nlocation: {kind: home}\n"
                   "emergency: {coop: true, pandemic: false, weather: true}\n"));
    run.add(record("T-2", "approved", "E2",
                   "schedule: {workweek_days: 5, telework_days: [wed]}\nlocation: {kind: telework_center}\n"
                   "emergency: {coop: true, pandemic: true, weather: false}\n"));
    run.add(record("T-3", "approved", "E3", "schedule: {workweek_days: 4, telework_days: []}\n"));
    run.add(record("T-4", "approved", "E4", "schedule: {workweek_days: 7, telework_days: [mon, tue, wed, thu, fri, "
                                            "sat, sun]}\nlocation: {kind: other}\n"));
    run.add(record("T-5", "approved", "E5"));
    run.add(record("T-6", "proposed", "E6", "schedule: {workweek_days: 5, telework_days: [mon]}\n")); // not current
    const Report report = run.report("2026-11-20");
    const ReportFigures& f = report.total;
    CHECK(f.days_per_week == std::vector<int>{1, 1, 1, 0, 0, 0, 0, 1}); // grown to 7 days
    CHECK(f.days_not_recorded == 1);
    CHECK(f.frequency_bands == std::array<int, frequency_band_count>{2, 1, 1});
    CHECK(f.location_kinds == std::array<int, location_kind_count>{1, 1, 1});
    CHECK(f.location_not_recorded == 2);
    CHECK(f.emergency.coop == 2);
    CHECK(f.emergency.pandemic == 1);
    CHECK(f.emergency.weather == 1);
}

TEST_CASE("compliance counts error findings over every record; the top five break ties by rule ID") {
    std::vector<RecordFile> files(3);
    const auto finding = [](const char* rule, Severity severity = Severity::Error) {
        return Finding{rule, severity, Position{1, 1}, "m"};
    };
    files[0].findings = {finding("OPM101"), finding("OPM101"), finding("OPM101"), finding("CT205"), finding("TW002")};
    files[1].findings = {finding("CT205"), finding("OPM106"), finding("CT202"), finding("CT209", Severity::Warning)};
    files[2].findings = {finding("CT209", Severity::Warning)};
    const Report report = build_report(files, {}, settings_as_of("2026-11-20"), {});
    const ReportFigures& f = report.total;
    CHECK(f.records_checked == 3);
    CHECK(f.records_with_errors == 2);
    REQUIRE(f.top_rules.size() == 5);
    std::vector<std::string> order;
    for (const auto& rule : f.top_rules) order.push_back(rule.rule);
    CHECK(order == std::vector<std::string>{"OPM101", "CT205", "CT202", "OPM106", "TW002"});
    CHECK(f.top_rules[0].findings == 3);
    CHECK(f.top_rules[0].records == 1);
    CHECK(f.top_rules[0].name == "agreement-elements");
    CHECK(f.top_rules[1].findings == 2);
    CHECK(f.top_rules[1].records == 2);
}

TEST_CASE("groups are sorted by label, the unrecorded last, with the same day columns") {
    Run run;
    run.add(record("T-1", "approved", "E1", "unit: Payments\nschedule: {workweek_days: 6, telework_days: [mon, tue, "
                                            "wed, thu, fri, sat]}\n"));
    run.add(record("T-2", "approved", "E2", "unit: Audit\n"));
    run.add(record("T-3", "approved", "E3"));
    ReportOptions options;
    options.by = ReportDimension::Unit;
    const Report report = run.report("2026-11-20", options);
    REQUIRE(report.groups.size() == 3);
    CHECK(report.groups[0].label == "Audit");
    CHECK(report.groups[1].label == "Payments");
    CHECK(report.groups[2].label == "(not recorded)");
    for (const auto& group : report.groups) {
        CHECK(group.figures.days_per_week.size() == 7);
        CHECK(group.figures.records == 1);
    }
    CHECK(report.groups[1].figures.days_per_week[6] == 1);
}

TEST_CASE("report dimensions parse from their option spelling") {
    CHECK(parse_report_dimension("agency") == ReportDimension::Agency);
    CHECK(parse_report_dimension("supervisor") == ReportDimension::Supervisor);
    CHECK_FALSE(parse_report_dimension("Agency").has_value());
    CHECK(to_string(ReportDimension::Type) == "type");
}

TEST_CASE("CSV quotes labels per RFC 4180 and ends lines in CRLF") {
    Run run;
    run.add(record("T-1", "approved", "E1", "", "Dept. of \"Special\", Projects"));
    ReportOptions options;
    options.by = ReportDimension::Agency;
    const std::string csv = cli::render_report_csv(run.report("2026-11-20", options));
    CHECK(csv.starts_with("dimension,group,metric,value\r\n"));
    CHECK(csv.find("agency,\"Dept. of \"\"Special\"\", Projects\",by_status.approved,1\r\n") != std::string::npos);
    CHECK(csv.find("all,all,records,1\r\n") != std::string::npos);
    CHECK(csv.find("Person E1") == std::string::npos); // no names by default
}

TEST_CASE("names stay out of every format unless asked for") {
    Run run;
    run.add(record("T-1", "approved", "E1", ct_term("2026-03-01", "2026-11-30")));
    const Report plain = run.report("2026-11-20");
    for (const auto& text : {cli::render_report_text(plain), cli::render_report_markdown(plain),
                             cli::render_report_csv(plain), cli::render_report_json(plain),
                             cli::render_report_html(plain)}) {
        CHECK(text.find("Person E1") == std::string::npos);
        CHECK(text.find("E1@example.gov") == std::string::npos);
        CHECK(text.find("Sam Lee") == std::string::npos);
    }
    ReportOptions options;
    options.include_names = true;
    const Report named = run.report("2026-11-20", options);
    for (const auto& text : {cli::render_report_text(named), cli::render_report_markdown(named),
                             cli::render_report_csv(named), cli::render_report_json(named),
                             cli::render_report_html(named)}) {
        CHECK(text.find("Person E1") != std::string::npos);
    }
}

TEST_CASE("SVG bars are proportional, never invisible when non-zero, and escape their labels") {
    const std::string svg = cli::svg_bar_chart("c", "A & B", {{"<none>", 0}, {"one", 1}, {"many", 340}});
    CHECK(svg.find("<title id=\"c-title\">A &amp; B</title>") != std::string::npos);
    CHECK(svg.find("data-label=\"&lt;none&gt;\" data-value=\"0\"") != std::string::npos);
    CHECK(svg.find("width=\"0\" height=\"14\" fill=\"#1d4ed8\" data-label=\"&lt;none&gt;\"") != std::string::npos);
    CHECK(svg.find("width=\"2\" height=\"14\" fill=\"#1d4ed8\" data-label=\"one\"") != std::string::npos);
    CHECK(svg.find("width=\"340\" height=\"14\" fill=\"#1d4ed8\" data-label=\"many\"") != std::string::npos);
    CHECK(cli::escape_markup("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST_CASE("Markdown cells keep names as typed") {
    Run run;
    run.add(record("T-1", "approved", "E1", "", "A|B *C*"));
    ReportOptions options;
    options.by = ReportDimension::Agency;
    const std::string markdown = cli::render_report_markdown(run.report("2026-11-20", options));
    CHECK(markdown.find("| A\\|B \\*C\\* |") != std::string::npos);
}
