#include "telework/report.hpp"

#include "telework/catalog.hpp"
#include "telework/derived.hpp"
#include "telework/record_index.hpp"
#include "telework/renewal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace telework {

std::string_view to_string(ReportDimension dimension) {
    switch (dimension) {
    case ReportDimension::Agency: return "agency";
    case ReportDimension::Unit: return "unit";
    case ReportDimension::Supervisor: return "supervisor";
    case ReportDimension::Type: return "type";
    }
    return "agency";
}

std::optional<ReportDimension> parse_report_dimension(std::string_view text) {
    for (const auto dimension :
         {ReportDimension::Agency, ReportDimension::Unit, ReportDimension::Supervisor, ReportDimension::Type}) {
        if (to_string(dimension) == text) return dimension;
    }
    return std::nullopt;
}

std::string_view to_string(FrequencyBand band) {
    switch (band) {
    case FrequencyBand::ThreePlus: return "three_plus";
    case FrequencyBand::OneToTwo: return "one_to_two";
    case FrequencyBand::Occasional: return "occasional";
    }
    return "occasional";
}

std::string_view describe(FrequencyBand band) {
    switch (band) {
    case FrequencyBand::ThreePlus: return "3+ days per pay period";
    case FrequencyBand::OneToTwo: return "1-2 days per pay period";
    case FrequencyBand::Occasional: return "occasional/situational";
    }
    return "occasional/situational";
}

std::optional<int> telework_days_per_pay_period(const Agreement& record) {
    if (!record.schedule.present()) return std::nullopt;
    const Schedule& schedule = record.schedule.value;
    if (!schedule.pay_period.absent()) {
        const auto days = telework_days_per_pay_period(schedule);
        return days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt;
    }
    std::size_t days = 0;
    if (schedule.telework_days.present()) days += schedule.telework_days->size();
    if (schedule.partial_days.present()) days += schedule.partial_days->size();
    return static_cast<int>(2 * days);
}

std::optional<int> telework_days_per_week(const Agreement& record) {
    const auto per_pay_period = telework_days_per_pay_period(record);
    return per_pay_period ? std::optional<int>(*per_pay_period / 2) : std::nullopt;
}

FrequencyBand frequency_band(int days_per_week) { return frequency_band_of_pay_period(2 * days_per_week); }

FrequencyBand frequency_band_of_pay_period(int per_pay_period) {
    if (per_pay_period >= 3) return FrequencyBand::ThreePlus;
    if (per_pay_period >= 1) return FrequencyBand::OneToTwo;
    return FrequencyBand::Occasional;
}

bool ReportPeriod::contains(std::optional<Date> date) const {
    if (!date) return !bounded();
    return (!from || *from <= *date) && (!to || *date <= *to);
}

std::string month_label(Date date) {
    return fmt::format("{:04}-{:02}", static_cast<int>(date.ymd().year()), static_cast<unsigned>(date.ymd().month()));
}

namespace {

constexpr std::size_t standard_workweek = 5;

std::string text_of(const Field<std::string>& field) { return field.present() ? field.value : std::string(); }

std::string person_name(const Field<Person>& person) {
    return person.present() ? text_of(person->name) : std::string();
}

std::string group_label(const Agreement& record, ReportDimension dimension) {
    std::string label;
    switch (dimension) {
    case ReportDimension::Agency: label = text_of(record.agency); break;
    case ReportDimension::Unit: label = text_of(record.unit); break;
    case ReportDimension::Supervisor: label = person_name(record.supervisor); break;
    case ReportDimension::Type:
        if (record.type.present()) label = std::string(to_string(record.type.value));
        break;
    }
    return label.empty() ? std::string(not_recorded_label) : label;
}

std::optional<Date> decision_date(const Agreement& record) {
    if (record.decision.present() && record.decision->date.present()) return record.decision->date.value;
    return std::nullopt;
}

void count_reason(ReasonCounts& counts, const Agreement& record) {
    ++counts.total;
    if (record.decision.present() && record.decision->reason_category.present()) {
        ++counts.by_reason[static_cast<std::size_t>(record.decision->reason_category.value)];
    } else {
        ++counts.not_recorded;
    }
}

// Month 0 is the month of the as-of date.
void count_expiry(ExpiryCounts& counts, std::optional<Date> end, Date as_of) {
    if (!end) {
        ++counts.no_end_date;
        return;
    }
    if (*end < as_of) {
        ++counts.expired;
        return;
    }
    const auto from = as_of.ymd();
    const auto to = end->ymd();
    const int month = (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12 +
                      static_cast<int>(static_cast<unsigned>(to.month())) -
                      static_cast<int>(static_cast<unsigned>(from.month()));
    if (month >= static_cast<int>(expiry_months)) {
        ++counts.later;
        return;
    }
    ++counts.by_month[static_cast<std::size_t>(month)];
}

// The figures of one group (or the whole repo) while records are added.
struct Tally {
    ReportFigures figures;
    std::set<std::string> employees;
    std::map<std::string, RuleCount> rules;

    void add_current(const Agreement& record, std::optional<Date> end, Date as_of) {
        ReportFigures& f = figures;
        ++f.current_agreements;
        if (record.employee.present()) employees.insert(text_of(record.employee->id));
        if (const auto per_pay_period = telework_days_per_pay_period(record)) {
            const auto index = static_cast<std::size_t>(*per_pay_period / 2);
            if (f.days_per_week.size() <= index) f.days_per_week.resize(index + 1);
            ++f.days_per_week[index];
            ++f.frequency_bands[static_cast<std::size_t>(frequency_band_of_pay_period(*per_pay_period))];
        } else {
            ++f.days_not_recorded;
        }
        if (record.location.present() && record.location->kind.present()) {
            ++f.location_kinds[static_cast<std::size_t>(record.location->kind.value)];
        } else {
            ++f.location_not_recorded;
        }
        if (record.emergency.present()) {
            f.emergency.coop += is_true(record.emergency->coop);
            f.emergency.pandemic += is_true(record.emergency->pandemic);
            f.emergency.weather += is_true(record.emergency->weather);
        }
        count_expiry(f.expiring, end, as_of);
    }

    void add_checked(const RecordFile& file, const RunSettings& settings) {
        ++figures.records_checked;
        std::set<std::string_view> broken;
        for (const Finding& finding : file.findings) {
            if (finding.severity != Severity::Error) continue;
            RuleCount& count = rules[finding.rule];
            if (count.rule.empty()) {
                count.rule = finding.rule;
                const RuleInfo* info = settings.find_rule(finding.rule);
                count.name = info ? std::string(info->name) : std::string();
            }
            ++count.findings;
            if (broken.insert(finding.rule).second) ++count.records;
        }
        if (!broken.empty()) ++figures.records_with_errors;
    }

    ReportFigures finish(std::size_t days_columns) {
        figures.employees_with_current_agreement = static_cast<int>(employees.size());
        figures.days_per_week.resize(days_columns);
        for (const auto& entry : rules) figures.top_rules.push_back(entry.second);
        std::stable_sort(figures.top_rules.begin(), figures.top_rules.end(),
                         [](const RuleCount& a, const RuleCount& b) {
                             if (a.findings != b.findings) return a.findings > b.findings;
                             return a.rule < b.rule;
                         });
        if (figures.top_rules.size() > top_rule_count) figures.top_rules.resize(top_rule_count);
        return std::move(figures);
    }
};

// The whole repo and, with --by, one tally per group.
class Tallies {
public:
    explicit Tallies(std::optional<ReportDimension> by) : by_(by) {}

    // Calls `add` on the total and on the record's group.
    template <class Add>
    void add(const Agreement* record, Add&& add) {
        add(total_);
        if (by_) add(groups_[record ? group_label(*record, *by_) : std::string(not_recorded_label)]);
    }

    void finish(Report& report) {
        std::size_t days_columns = standard_workweek + 1;
        days_columns = std::max(days_columns, total_.figures.days_per_week.size());
        report.total = total_.finish(days_columns);
        for (auto& [label, tally] : groups_) report.groups.push_back({label, tally.finish(days_columns)});
        // std::map sorts by label; the placeholder goes last, not among the names.
        std::stable_partition(report.groups.begin(), report.groups.end(),
                              [](const ReportGroup& g) { return g.label != not_recorded_label; });
    }

private:
    std::optional<ReportDimension> by_;
    Tally total_;
    std::map<std::string, Tally> groups_;
};

ExpiringAgreement expiring_entry(const Agreement& record, Date end, Date as_of) {
    ExpiringAgreement entry;
    entry.id = text_of(record.id);
    entry.agency = text_of(record.agency);
    entry.unit = text_of(record.unit);
    if (record.employee.present()) {
        entry.employee = text_of(record.employee->name);
        entry.email = text_of(record.employee->email);
    }
    entry.supervisor = person_name(record.supervisor);
    entry.end = end;
    entry.expired = end < as_of;
    return entry;
}

} // namespace

Report build_report(const std::vector<RecordFile>& judged, const std::vector<const RecordFile*>& counted,
                    const RunSettings& settings, const ReportOptions& options) {
    Report report;
    report.as_of = settings.as_of;
    report.options = options;
    const Date first_month = Date(std::chrono::year_month_day{settings.as_of.ymd().year(),
                                                              settings.as_of.ymd().month(), std::chrono::day{1}});
    for (std::size_t m = 0; m < expiry_months; ++m) report.months[m] = first_month.add_months(static_cast<int>(m));
    report.records_read = static_cast<int>(judged.size());
    report.records_skipped = static_cast<int>(judged.size() - counted.size());

    Tallies tallies(options.by);
    for (const RecordFile& file : judged) {
        const auto record = file.agreement();
        tallies.add(record ? &*record : nullptr, [&](Tally& t) { t.add_checked(file, settings); });
    }

    const ReportPeriod& period = options.period;
    for (const RecordFile* file : counted) {
        const auto record_unpacked = file->agreement();
        const Agreement& record = *record_unpacked;
        const Profile* profile = settings.profile_for(record);
        tallies.add(&record, [&](Tally& t) {
            ReportFigures& f = t.figures;
            ++f.records;
            if (record.status.present()) ++f.by_status[static_cast<std::size_t>(record.status.value)];
            // A terminated agreement was approved first: its approval still happened.
            if ((record.has_status(Status::Approved) || record.has_status(Status::Terminated)) &&
                profile && period.contains(approval_date(record, *profile))) {
                ++f.approvals;
            }
            if (record.has_status(Status::Denied) && period.contains(decision_date(record))) {
                count_reason(f.denials, record);
            }
            if (record.has_status(Status::Terminated) && period.contains(decision_date(record))) {
                count_reason(f.terminations, record);
            }
        });
    }

    const RecordIndex index(counted);
    const Date window_end = report.months.back().add_months(1);
    for (const RecordFile* file : current_agreements(index)) {
        const auto record_unpacked = file->agreement();
        const Agreement& record = *record_unpacked;
        const Profile* profile = settings.profile_for(record);
        const auto ends = profile ? agreement_end(record, *profile) : std::nullopt;
        const std::optional<Date> end = ends ? std::optional<Date>(ends->date) : std::nullopt;
        tallies.add(&record, [&](Tally& t) { t.add_current(record, end, settings.as_of); });
        if (options.include_names && end && *end < window_end) {
            report.expiring_agreements.push_back(expiring_entry(record, *end, settings.as_of));
        }
    }
    std::stable_sort(report.expiring_agreements.begin(), report.expiring_agreements.end(),
                     [](const ExpiringAgreement& a, const ExpiringAgreement& b) {
                         if (a.end != b.end) return a.end < b.end;
                         return a.id < b.id;
                     });

    tallies.finish(report);
    return report;
}

} // namespace telework
