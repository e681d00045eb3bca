#include "telework/derived.hpp"

#include <array>

namespace telework {

std::span<const Role> required_signatures(ProfileId profile) {
    static constexpr std::array<Role, 2> opm = {Role::Employee, Role::Manager};
    static constexpr std::array<Role, 5> ct = {Role::Employee, Role::Supervisor, Role::Manager, Role::Hr,
                                               Role::AgencyHead};
    if (profile == ProfileId::CtGl32) return ct;
    return opm;
}

std::optional<Date> approval_date(const Agreement& a, ProfileId profile) {
    if (!a.signatures.present()) return std::nullopt;
    std::optional<Date> latest;
    for (const Role role : required_signatures(profile)) {
        const auto& signature = a.signatures->of(role);
        if (!signature.present() || !signature->date.present()) continue;
        if (!latest || *latest < signature->date.value) latest = signature->date.value;
    }
    return latest;
}

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

std::optional<Date> annual_renewal_date(const Agreement& a, int months) {
    const auto approved = approval_date(a, ProfileId::Opm);
    if (!approved) return std::nullopt;
    Date due = approved->add_months(months);
    if (a.term.present() && a.term->end.present() && a.term->end.value < due) due = a.term->end.value;
    return due;
}

} // namespace telework
