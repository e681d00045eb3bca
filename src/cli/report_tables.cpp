#include "report_formats.hpp"

#include <fmt/format.h>

#include <functional>

namespace telework::cli {

namespace {

using Pick = std::function<int(const ReportFigures&)>;

// The figures of every column, "all" first.
std::vector<const ReportFigures*> columns(const Report& report) {
    std::vector<const ReportFigures*> out{&report.total};
    for (const auto& group : report.groups) out.push_back(&group.figures);
    return out;
}

FigureRow row(const Report& report, std::string label, std::string metric, const Pick& pick, bool total = false) {
    FigureRow out{std::move(label), std::move(metric), {}, total};
    for (const ReportFigures* figures : columns(report)) out.values.push_back(pick(*figures));
    return out;
}

std::string spaced(std::string_view key) {
    std::string out(key);
    for (char& c : out) {
        if (c == '_') c = ' ';
    }
    return out;
}

FigureTable status_table(const Report& report) {
    FigureTable table{"status", "Records by status", "Every record that passes the structure checks.", "status", {}};
    for (std::size_t s = 0; s < status_count; ++s) {
        const auto name = EnumNames<Status>::names[s];
        table.rows.push_back(row(report, std::string(name), fmt::format("by_status.{}", name),
                                 [s](const ReportFigures& f) { return f.by_status[s]; }));
    }
    table.rows.push_back(row(report, "total", "records", [](const ReportFigures& f) { return f.records; }, true));
    return table;
}

FigureTable current_table(const Report& report) {
    FigureTable table{"current", "Current agreements",
                      "Approved agreements not superseded by a later approved agreement of the same employee, "
                      "expired ones included.",
                      "figure", {}, false};
    table.rows.push_back(row(report, "current agreements", "current_agreements",
                             [](const ReportFigures& f) { return f.current_agreements; }));
    table.rows.push_back(row(report, "employees with a current agreement", "employees_with_current_agreement",
                             [](const ReportFigures& f) { return f.employees_with_current_agreement; }));
    return table;
}

FigureTable days_table(const Report& report) {
    FigureTable table{"days", "Telework days per week",
                      "Current agreements by telework days plus partial days a week.", "days a week", {}};
    for (std::size_t d = 0; d < report.total.days_per_week.size(); ++d) {
        table.rows.push_back(row(report, fmt::format("{} day{}", d, d == 1 ? "" : "s"),
                                 fmt::format("days_per_week.{}", d),
                                 [d](const ReportFigures& f) { return f.days_per_week[d]; }));
    }
    table.rows.push_back(row(report, "no schedule", "days_per_week.not_recorded",
                             [](const ReportFigures& f) { return f.days_not_recorded; }));
    return table;
}

FigureTable bands_table(const Report& report) {
    FigureTable table{"frequency", "Telework frequency",
                      "Current agreements by days teleworked per biweekly pay period, twice the days a week: "
                      "3 or more; 1 or 2; none scheduled (occasional or situational).",
                      "band", {}};
    for (const auto band : {FrequencyBand::ThreePlus, FrequencyBand::OneToTwo, FrequencyBand::Occasional}) {
        const auto b = static_cast<std::size_t>(band);
        table.rows.push_back(row(report, std::string(describe(band)), fmt::format("frequency_band.{}", to_string(band)),
                                 [b](const ReportFigures& f) { return f.frequency_bands[b]; }));
    }
    table.rows.push_back(row(report, "no schedule", "frequency_band.not_recorded",
                             [](const ReportFigures& f) { return f.days_not_recorded; }));
    return table;
}

FigureTable location_table(const Report& report) {
    FigureTable table{"location", "Telework location", "Current agreements by location.kind.", "location", {}};
    for (std::size_t k = 0; k < location_kind_count; ++k) {
        const auto name = EnumNames<LocationKind>::names[k];
        table.rows.push_back(row(report, spaced(name), fmt::format("location_kind.{}", name),
                                 [k](const ReportFigures& f) { return f.location_kinds[k]; }));
    }
    table.rows.push_back(row(report, "not recorded", "location_kind.not_recorded",
                             [](const ReportFigures& f) { return f.location_not_recorded; }));
    return table;
}

FigureTable emergency_table(const Report& report) {
    FigureTable table{"emergency", "Emergency telework designations",
                      "Current agreements expected to telework in each kind of emergency (given as true).",
                      "designation", {}};
    table.rows.push_back(
        row(report, "COOP", "emergency.coop", [](const ReportFigures& f) { return f.emergency.coop; }));
    table.rows.push_back(
        row(report, "pandemic", "emergency.pandemic", [](const ReportFigures& f) { return f.emergency.pandemic; }));
    table.rows.push_back(
        row(report, "weather", "emergency.weather", [](const ReportFigures& f) { return f.emergency.weather; }));
    return table;
}

FigureTable reasons_table(const Report& report, std::string id, std::string title, std::string what,
                          ReasonCounts ReportFigures::*counts) {
    FigureTable table{id, std::move(title),
                      fmt::format("{} records by decision.reason_category, decided {}.", what,
                                  period_text(report.options.period)),
                      "reason", {}};
    for (std::size_t r = 0; r < reason_count; ++r) {
        const auto name = EnumNames<ReasonCategory>::names[r];
        table.rows.push_back(row(report, spaced(name), fmt::format("{}.{}", id, name),
                                 [r, counts](const ReportFigures& f) { return (f.*counts).by_reason[r]; }));
    }
    table.rows.push_back(row(report, "not recorded", id + ".not_recorded",
                             [counts](const ReportFigures& f) { return (f.*counts).not_recorded; }));
    table.rows.push_back(
        row(report, "total", id + ".total", [counts](const ReportFigures& f) { return (f.*counts).total; }, true));
    return table;
}

FigureTable approvals_table(const Report& report) {
    FigureTable table{"approvals", "Approvals",
                      fmt::format("Approved and terminated records approved {} (the approval date is that of the "
                                  "last signature the profile requires).",
                                  period_text(report.options.period)),
                      "figure", {}, false};
    table.rows.push_back(row(report, "approvals", "approvals", [](const ReportFigures& f) { return f.approvals; }));
    return table;
}

FigureTable expiring_table(const Report& report) {
    FigureTable table{"expiring", "Current agreements ending, by month",
                      fmt::format("Current agreements by the month of their end date (ct-gl32: term.end; opm: the "
                                  "annual renewal date), from {} on.",
                                  report.as_of.to_string()),
                      "month", {}};
    table.rows.push_back(row(report, fmt::format("expired (before {})", report.as_of.to_string()), "expiring.expired",
                             [](const ReportFigures& f) { return f.expiring.expired; }));
    for (std::size_t m = 0; m < expiry_months; ++m) {
        const std::string month = month_label(report.months[m]);
        table.rows.push_back(row(report, month, "expiring." + month,
                                 [m](const ReportFigures& f) { return f.expiring.by_month[m]; }));
    }
    table.rows.push_back(
        row(report, "later", "expiring.later", [](const ReportFigures& f) { return f.expiring.later; }));
    table.rows.push_back(row(report, "no end date", "expiring.no_end_date",
                             [](const ReportFigures& f) { return f.expiring.no_end_date; }));
    return table;
}

FigureTable compliance_table(const Report& report) {
    FigureTable table{"compliance", "Compliance",
                      "Every record read, skipped ones included, with error findings after telework.toml's "
                      "severities (see 'telework validate').",
                      "figure", {}, false};
    table.rows.push_back(row(report, "records checked", "compliance.records_checked",
                             [](const ReportFigures& f) { return f.records_checked; }));
    table.rows.push_back(row(report, "records with errors", "compliance.records_with_errors",
                             [](const ReportFigures& f) { return f.records_with_errors; }));
    return table;
}

} // namespace

std::vector<std::string> column_labels(const Report& report) {
    std::vector<std::string> labels{"all"};
    for (const auto& group : report.groups) labels.push_back(group.label);
    return labels;
}

std::vector<FigureTable> figure_tables(const Report& report) {
    return {status_table(report),
            current_table(report),
            days_table(report),
            bands_table(report),
            location_table(report),
            emergency_table(report),
            reasons_table(report, "denials", "Denials by reason", "Denied", &ReportFigures::denials),
            reasons_table(report, "terminations", "Terminations by reason", "Terminated", &ReportFigures::terminations),
            approvals_table(report),
            expiring_table(report),
            compliance_table(report)};
}

std::string period_text(const ReportPeriod& period) {
    if (period.from && period.to) {
        return fmt::format("from {} to {}", period.from->to_string(), period.to->to_string());
    }
    if (period.from) return fmt::format("from {}", period.from->to_string());
    if (period.to) return fmt::format("through {}", period.to->to_string());
    return "at any date";
}

std::string records_text(const Report& report) {
    std::string out = fmt::format("{} read, {} counted, {} skipped (fails structural checks)", report.records_read,
                                  report.total.records, report.records_skipped);
    if (report.inputs_unreadable > 0) {
        out += fmt::format(", {} input{} unreadable", report.inputs_unreadable,
                           report.inputs_unreadable == 1 ? "" : "s");
    }
    return out;
}

TopRulesTable top_rules_rows(const Report& report, bool label_every_row) {
    const bool grouped = !report.groups.empty();
    TopRulesTable table{{"rule", "name", "findings", "records"}, {false, false, true, true}, {}};
    if (grouped) {
        table.header.insert(table.header.begin(), "group");
        table.numeric.insert(table.numeric.begin(), false);
    }
    auto add_group = [&](const std::string& label, const ReportFigures& figures) {
        if (figures.top_rules.empty()) {
            std::vector<std::string> cells{"(none)", "", "", ""};
            if (grouped) cells.insert(cells.begin(), label);
            table.rows.push_back(std::move(cells));
        }
        for (std::size_t i = 0; i < figures.top_rules.size(); ++i) {
            const RuleCount& rule = figures.top_rules[i];
            std::vector<std::string> cells{rule.rule, rule.name, fmt::format("{}", rule.findings),
                                           fmt::format("{}", rule.records)};
            if (grouped) cells.insert(cells.begin(), i == 0 || label_every_row ? label : std::string());
            table.rows.push_back(std::move(cells));
        }
    };
    add_group("all", report.total);
    for (const auto& group : report.groups) add_group(group.label, group.figures);
    return table;
}

} // namespace telework::cli
