#include "report_formats.hpp"

#include "json.hpp"

#include "telework/version.hpp"

namespace telework::cli {

namespace {

json::Value optional_date(const std::optional<Date>& date) {
    return date ? json::Value(date->to_string()) : json::Value(nullptr);
}

// Every category is present, zero or not: keys never come and go with the data.
template <class E, std::size_t N>
json::Value by_enum(const std::array<int, N>& counts, int not_recorded, bool with_not_recorded) {
    auto out = json::Value::object();
    for (std::size_t i = 0; i < N; ++i) out.set(std::string(EnumNames<E>::names[i]), counts[i]);
    if (with_not_recorded) out.set("not_recorded", not_recorded);
    return out;
}

json::Value reasons(const ReasonCounts& counts) {
    return json::Value::object()
        .set("total", counts.total)
        .set("by_reason", by_enum<ReasonCategory>(counts.by_reason, counts.not_recorded, true));
}

json::Value days(const ReportFigures& f) {
    auto distribution = json::Value::array();
    for (std::size_t d = 0; d < f.days_per_week.size(); ++d) {
        distribution.push(json::Value::object().set("days", d).set("agreements", f.days_per_week[d]));
    }
    return json::Value::object().set("distribution", std::move(distribution)).set("not_recorded", f.days_not_recorded);
}

json::Value bands(const ReportFigures& f) {
    auto out = json::Value::object();
    for (const auto band : {FrequencyBand::ThreePlus, FrequencyBand::OneToTwo, FrequencyBand::Occasional}) {
        out.set(std::string(to_string(band)), f.frequency_bands[static_cast<std::size_t>(band)]);
    }
    return out.set("not_recorded", f.days_not_recorded);
}

json::Value expiring(const Report& report, const ExpiryCounts& counts) {
    auto months = json::Value::array();
    for (std::size_t m = 0; m < expiry_months; ++m) {
        months.push(
            json::Value::object().set("month", month_label(report.months[m])).set("agreements", counts.by_month[m]));
    }
    return json::Value::object()
        .set("by_month", std::move(months))
        .set("expired", counts.expired)
        .set("later", counts.later)
        .set("no_end_date", counts.no_end_date);
}

json::Value compliance(const ReportFigures& f) {
    auto top = json::Value::array();
    for (const RuleCount& rule : f.top_rules) {
        top.push(json::Value::object()
                     .set("rule", rule.rule)
                     .set("name", rule.name)
                     .set("findings", rule.findings)
                     .set("records", rule.records));
    }
    return json::Value::object()
        .set("records_checked", f.records_checked)
        .set("records_with_errors", f.records_with_errors)
        .set("top_rules", std::move(top));
}

json::Value figures(const Report& report, const ReportFigures& f) {
    return json::Value::object()
        .set("records", f.records)
        .set("by_status", by_enum<Status>(f.by_status, 0, false))
        .set("current_agreements", f.current_agreements)
        .set("employees_with_current_agreement", f.employees_with_current_agreement)
        .set("telework_days_per_week", days(f))
        .set("frequency_bands", bands(f))
        .set("location_kinds", by_enum<LocationKind>(f.location_kinds, f.location_not_recorded, true))
        .set("emergency", json::Value::object()
                              .set("coop", f.emergency.coop)
                              .set("pandemic", f.emergency.pandemic)
                              .set("weather", f.emergency.weather))
        .set("denials", reasons(f.denials))
        .set("terminations", reasons(f.terminations))
        .set("approvals", f.approvals)
        .set("expiring", expiring(report, f.expiring))
        .set("compliance", compliance(f));
}

json::Value names(const Report& report) {
    if (!report.options.include_names) return nullptr;
    auto list = json::Value::array();
    for (const auto& entry : report.expiring_agreements) {
        list.push(json::Value::object()
                      .set("id", entry.id)
                      .set("agency", entry.agency)
                      .set("unit", entry.unit)
                      .set("employee", entry.employee)
                      .set("email", entry.email)
                      .set("supervisor", entry.supervisor)
                      .set("end", entry.end.to_string())
                      .set("expired", entry.expired));
    }
    return list;
}

} // namespace

std::string render_report_json(const Report& report, std::string_view profile,
                               const std::vector<std::string>& read_errors) {
    auto groups = json::Value::array();
    for (const auto& group : report.groups) {
        groups.push(json::Value::object().set("group", group.label).set("figures", figures(report, group.figures)));
    }
    const auto& period = report.options.period;
    auto unreadable = json::Value::array();
    for (const auto& error : read_errors) unreadable.push(error);
    return json::envelope(report.as_of.to_string(), std::string(profile))
               .set("period",
                    json::Value::object().set("from", optional_date(period.from)).set("to", optional_date(period.to)))
               .set("by", report.options.by ? json::Value(to_string(*report.options.by)) : json::Value(nullptr))
               .set("names_included", report.options.include_names)
               .set("records_read", report.records_read)
               .set("records_skipped", report.records_skipped)
               .set("inputs_unreadable", report.inputs_unreadable)
               .set("total", figures(report, report.total))
               .set("groups", std::move(groups))
               .set("expiring_agreements", names(report))
               .set("unreadable", std::move(unreadable))
               .dump() +
           "\n";
}

} // namespace telework::cli
