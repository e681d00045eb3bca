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
