#pragma once

#include "telework/agreement.hpp"
#include "telework/date.hpp"

#include <optional>
#include <span>
#include <vector>

namespace telework {

// The derived facts of the format page, defined once for every rule and command.

// The signatures a profile requires: opm employee and manager; ct-gl32 all five.
std::span<const Role> required_signatures(ProfileId profile);

// The latest date among the required signatures present; none when none is.
std::optional<Date> approval_date(const Agreement& a, ProfileId profile);

// (telework days + partial days) / workweek days; none when a part is not given.
std::optional<double> telework_share(const Schedule& schedule);

// term.end <= add_months(term.start, months) - 1 day.
bool term_within_months(Date start, Date end, int months);

// last_discipline in (add_months(reference, -months), reference].
bool discipline_is_recent(Date last_discipline, Date reference, int months);

// Annual renewal under opm: add_months(approval, months), or term.end when earlier.
std::optional<Date> annual_renewal_date(const Agreement& a, int months);

} // namespace telework
