#pragma once

#include "telework/agreement.hpp"
#include "telework/date.hpp"
#include "telework/position.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace telework {

// The derived facts of the format page, defined once for every rule and command.

// (telework days + partial days) / workweek days; none when a part is not given.
std::optional<double> telework_share(const Schedule& schedule);

// One week of a pay period, as counts (format additions: "Derived facts
// with a biweekly pattern").
struct WeekPattern {
    int workweek_days = 0;         // 1..7
    std::size_t telework_days = 0; // whole days
    std::size_t partial_days = 0;  // absent or null partial_days counts as none
    Position telework_pos;         // that week's telework_days, where a finding about the week points
};

// The two weeks of the pay period: schedule.pay_period, or the weekly form
// counted twice; none when a week's workweek_days or telework_days is not
// given or any of its keys is invalid, when pay_period is null or invalid,
// and when the schedule holds both forms (TW002).
std::optional<std::array<WeekPattern, 2>> pay_period_weeks(const Schedule& schedule);

// One week's telework share: (telework days + partial days) / workweek days.
double telework_share(const WeekPattern& week);

// On-site days per pay period: the sum over its two weeks of workweek_days -
// telework_days (partial days count as on-site). Negative when a week lists
// more telework days than it has workdays: not clamped. None as for
// pay_period_weeks.
std::optional<int> onsite_days_per_pay_period(const Schedule& schedule);

// Telework days per pay period, whole and partial, over both weeks; none as
// for pay_period_weeks.
std::optional<std::size_t> telework_days_per_pay_period(const Schedule& schedule);

// term.end <= add_months(term.start, months) - 1 day.
bool term_within_months(Date start, Date end, int months);

// last_discipline in (add_months(reference, -months), reference].
bool discipline_is_recent(Date last_discipline, Date reference, int months);



} // namespace telework
