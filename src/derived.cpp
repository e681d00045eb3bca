#include "telework/derived.hpp"

#include <array>

namespace telework {

std::optional<double> telework_share(const Schedule& schedule) {
    if (!schedule.workweek_days.present() || !schedule.telework_days.present() || schedule.partial_days.invalid()) {
        return std::nullopt;
    }
    const std::size_t partial = schedule.partial_days.present() ? schedule.partial_days->size() : 0;
    return static_cast<double>(schedule.telework_days->size() + partial) / schedule.workweek_days.value;
}

namespace {

// A week of the weekly form or of pay_period: none unless workweek_days and
// telework_days are given and partial_days is not invalid.
template <class Week>
std::optional<WeekPattern> week_pattern(const Week& week) {
    if (!week.workweek_days.present() || !week.telework_days.present() || week.partial_days.invalid()) {
        return std::nullopt;
    }
    WeekPattern pattern;
    pattern.workweek_days = week.workweek_days.value;
    pattern.telework_days = week.telework_days->size();
    pattern.partial_days = week.partial_days.present() ? week.partial_days->size() : 0;
    pattern.telework_pos = week.telework_days.pos;
    return pattern;
}

} // namespace

std::optional<std::array<WeekPattern, 2>> pay_period_weeks(const Schedule& schedule) {
    if (!schedule.pay_period.absent()) {
        if (!schedule.pay_period.present() || schedule.pay_period->size() != 2) return std::nullopt;
        const auto first = week_pattern((*schedule.pay_period)[0]);
        const auto second = week_pattern((*schedule.pay_period)[1]);
        if (!first || !second) return std::nullopt;
        return std::array<WeekPattern, 2>{*first, *second};
    }
    const auto week = week_pattern(schedule);
    if (!week) return std::nullopt;
    return std::array<WeekPattern, 2>{*week, *week};
}

double telework_share(const WeekPattern& week) {
    return static_cast<double>(week.telework_days + week.partial_days) / week.workweek_days;
}

std::optional<int> onsite_days_per_pay_period(const Schedule& schedule) {
    const auto weeks = pay_period_weeks(schedule);
    if (!weeks) return std::nullopt;
    int days = 0;
    for (const WeekPattern& week : *weeks) days += week.workweek_days - static_cast<int>(week.telework_days);
    return days;
}

std::optional<std::size_t> telework_days_per_pay_period(const Schedule& schedule) {
    const auto weeks = pay_period_weeks(schedule);
    if (!weeks) return std::nullopt;
    std::size_t days = 0;
    for (const WeekPattern& week : *weeks) days += week.telework_days + week.partial_days;
    return days;
}

bool term_within_months(Date start, Date end, int months) { return end <= start.add_months(months).add_days(-1); }

bool discipline_is_recent(Date last_discipline, Date reference, int months) {
    return reference.add_months(-months) < last_discipline && last_discipline <= reference;
}

} // namespace telework
