#pragma once

#include "telework/engine.hpp"
#include "telework/record_index.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// The renewal watch of `telework expire` (rules.md, "expire").
enum class RenewalState { Expired, RenewalRequired, Due };

std::string_view to_string(RenewalState state);

struct RenewalItem {
    const RecordFile* file = nullptr;
    RenewalState state = RenewalState::Due;
    std::string reason;       // term-end, annual-renewal, fixed-date, or a profile's trigger (new-manager, job-change)
    std::optional<Date> date; // none for renewal-required
    std::optional<int> days;  // from the as-of date to `date`; negative when past
};

// When a current agreement ends under its profile's [renewal] and why:
// term.end, the annual renewal date (approval + months, or term.end when
// earlier), or the profile's last day of the year. None when it cannot be known.
struct AgreementEnd {
    Date date;
    std::string_view reason;
};
std::optional<AgreementEnd> agreement_end(const Agreement& record, const Profile& profile);

// Why a new agreement is needed now, if it is: the reason of the first of the
// profile's renewal triggers whose rule fails on the record.
std::optional<std::string> renewal_required(const RecordFile& file, const Profile& profile, const RecordIndex& index,
                                            const RunSettings& settings);

// One item per current agreement that is expired, needs renewal now, or is
// due within `within_days` of the as-of date; sorted by date, then path.
std::vector<RenewalItem> renewal_watch(const RecordIndex& index, const RunSettings& settings, int within_days);

} // namespace telework
