#pragma once

#include "telework/date.hpp"
#include "telework/engine.hpp"
#include "telework/enums.hpp"
#include "telework/record.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// The figures of `telework report`: what oversight bodies ask for (5 U.S.C.
// 6506 for OPM and Congress; CGS 5-248i(c) for Connecticut), computed here as
// plain data so that every output format shows the same numbers.

enum class ReportDimension { Agency, Unit, Supervisor, Type };

std::string_view to_string(ReportDimension dimension);
std::optional<ReportDimension> parse_report_dimension(std::string_view text);

// The Telework Enhancement Act frequency bands, counted per biweekly pay
// period (two workweeks): 2 x (telework days + partial days) a week.
enum class FrequencyBand { ThreePlus, OneToTwo, Occasional };
inline constexpr std::size_t frequency_band_count = 3;

std::string_view to_string(FrequencyBand band);
std::string_view describe(FrequencyBand band); // "3+ days per pay period", ...

// Telework days, whole and partial, per biweekly pay period: the weekly
// form's len(telework_days) + len(partial_days) (an absent list counting as
// empty) twice, or the sum over schedule.pay_period's two weeks; none when
// the record has no schedule (or a pay_period that cannot be counted).
std::optional<int> telework_days_per_pay_period(const Agreement& record);
// Half of that, rounded down: the "days a week" of the report's table.
std::optional<int> telework_days_per_week(const Agreement& record);
FrequencyBand frequency_band(int days_per_week);
FrequencyBand frequency_band_of_pay_period(int per_pay_period);

// Inclusive on both ends; an open end has no bound.
struct ReportPeriod {
    std::optional<Date> from;
    std::optional<Date> to;

    bool bounded() const { return from.has_value() || to.has_value(); }
    // An undated event is inside only a period without bounds: it cannot be
    // placed, and leaving it out of "all time" would lose it.
    bool contains(std::optional<Date> date) const;
};

struct ReportOptions {
    std::optional<ReportDimension> by;
    ReportPeriod period;
    // Names and contact details stay out of the report unless asked for.
    bool include_names = false;
};

inline constexpr std::size_t status_count = EnumNames<Status>::names.size();
inline constexpr std::size_t location_kind_count = EnumNames<LocationKind>::names.size();
inline constexpr std::size_t reason_count = EnumNames<ReasonCategory>::names.size();
inline constexpr std::size_t expiry_months = 12;

struct EmergencyCounts {
    int coop = 0;
    int pandemic = 0;
    int weather = 0;
};

// Denials or terminations decided within the period, by reason_category.
struct ReasonCounts {
    int total = 0;
    std::array<int, reason_count> by_reason{}; // indexed by ReasonCategory
    int not_recorded = 0;
};

// Current agreements by the calendar month of their end date (agreement_end),
// the month of the as-of date first. by_month + expired + later + no_end_date
// = current agreements.
struct ExpiryCounts {
    std::array<int, expiry_months> by_month{};
    int expired = 0;     // ended before the as-of date
    int later = 0;       // after the twelfth month
    int no_end_date = 0; // the end cannot be known (validate reports why)
};

struct RuleCount {
    std::string rule;
    std::string name;
    int findings = 0; // error findings of this rule
    int records = 0;  // records with at least one
};

inline constexpr std::size_t top_rule_count = 5;

struct ReportFigures {
    // Records that pass the structure checks (the others are skipped).
    int records = 0;
    std::array<int, status_count> by_status{}; // indexed by Status

    // Everything from here to `expiring` describes current agreements (format
    // page: approved and not superseded), expired ones included.
    int current_agreements = 0;
    int employees_with_current_agreement = 0; // distinct employee.id
    std::vector<int> days_per_week;           // index = days a week; at least 0..5
    int days_not_recorded = 0;                // no schedule: in no band either
    std::array<int, frequency_band_count> frequency_bands{}; // indexed by FrequencyBand
    std::array<int, location_kind_count> location_kinds{};   // indexed by LocationKind
    int location_not_recorded = 0;
    EmergencyCounts emergency; // designations given as true

    ReasonCounts denials;      // by decision.date within the period
    ReasonCounts terminations; // by decision.date within the period
    int approvals = 0; // approved or terminated records approved within the period
    ExpiryCounts expiring;

    // Over every record read, skipped ones included: error findings after
    // the configured severities.
    int records_checked = 0;
    int records_with_errors = 0;
    std::vector<RuleCount> top_rules; // at most five: most findings first, then rule ID
};

struct ReportGroup {
    std::string label; // the agency, unit, supervisor or type; "(not recorded)" when absent
    ReportFigures figures;
};

// Only with include_names: who is behind the expiry figures.
struct ExpiringAgreement {
    std::string id;
    std::string agency;
    std::string unit;
    std::string employee;
    std::string email;
    std::string supervisor;
    Date end;
    bool expired = false;
};

struct Report {
    Date as_of;
    ReportOptions options;
    std::array<Date, expiry_months> months{}; // the first day of each month of `expiring`
    int records_read = 0;
    int records_skipped = 0;
    int inputs_unreadable = 0; // set by the caller: paths that could not be read
    ReportFigures total;
    std::vector<ReportGroup> groups; // by label; "(not recorded)" last
    std::vector<ExpiringAgreement> expiring_agreements; // by end date, then id
};

inline constexpr std::string_view not_recorded_label = "(not recorded)";

// `judged` are every record read, after judge_records; `counted` are those
// without structural errors (judgeable_records). Grouping by supervisor uses
// names: the caller asks for it only with include_names.
Report build_report(const std::vector<RecordFile>& judged, const std::vector<const RecordFile*>& counted,
                    const RunSettings& settings, const ReportOptions& options);

// "2026-11" for the month of a date.
std::string month_label(Date date);

} // namespace telework
