#pragma once

#include "telework/engine.hpp"
#include "telework/record_index.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace telework {

// The renewal watch of `telework expire` (rules.md, "expire").
enum class RenewalState { Expired, RenewalRequired, Due };
enum class RenewalReason { TermEnd, AnnualRenewal, NewManager, JobChange };

std::string_view to_string(RenewalState state);
std::string_view to_string(RenewalReason reason);

struct RenewalItem {
    const RecordFile* file = nullptr;
    RenewalState state = RenewalState::Due;
    RenewalReason reason = RenewalReason::TermEnd;
    std::optional<Date> date; // none for renewal-required
    std::optional<int> days;  // from the as-of date to `date`; negative when past
};

// When a current agreement ends: ct-gl32 its term.end; opm its annual
// renewal date (format page). None when it cannot be known.
std::optional<Date> agreement_end(const Agreement& record, ProfileId profile, const Thresholds& thresholds);

// Why a new agreement is needed now, if it is: opm a new manager (OPM103's
// condition), ct-gl32 a job change (working test period or supervising staff).
std::optional<RenewalReason> renewal_required(const Agreement& record, ProfileId profile);

// One item per current agreement that is expired, needs renewal now, or is
// due within `within_days` of the as-of date; sorted by date, then path.
std::vector<RenewalItem> renewal_watch(const RecordIndex& index, const RunSettings& settings, int within_days);

} // namespace telework
