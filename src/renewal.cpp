#include "telework/renewal.hpp"

#include "telework/derived.hpp"
#include "rules/rule_helpers.hpp"

#include <algorithm>

namespace telework {

std::string_view to_string(RenewalState state) {
    switch (state) {
    case RenewalState::Expired: return "expired";
    case RenewalState::RenewalRequired: return "renewal-required";
    case RenewalState::Due: return "due";
    }
    return "due";
}

std::string_view to_string(RenewalReason reason) {
    switch (reason) {
    case RenewalReason::TermEnd: return "term-end";
    case RenewalReason::AnnualRenewal: return "annual-renewal";
    case RenewalReason::NewManager: return "new-manager";
    case RenewalReason::JobChange: return "job-change";
    }
    return "term-end";
}

std::optional<Date> agreement_end(const Agreement& record, ProfileId profile, const Thresholds& thresholds) {
    if (profile == ProfileId::Opm) return annual_renewal_date(record, thresholds.renewal_months);
    if (record.term.present() && record.term->end.present()) return record.term->end.value;
    return std::nullopt;
}

std::optional<RenewalReason> renewal_required(const Agreement& record, ProfileId profile) {
    if (profile == ProfileId::Opm) {
        if (!record.signatures.present() || !record.signatures->manager.present() || !record.manager.present()) {
            return std::nullopt;
        }
        const auto& signed_by = record.signatures->manager->name;
        const auto& manager = record.manager->name;
        if (signed_by.present() && manager.present() &&
            rules::same_name_key(signed_by.value) != rules::same_name_key(manager.value)) {
            return RenewalReason::NewManager;
        }
        return std::nullopt;
    }
    if (!record.employee.present()) return std::nullopt;
    if (is_true(record.employee->working_test_period) || is_true(record.employee->supervises_staff)) {
        return RenewalReason::JobChange;
    }
    return std::nullopt;
}

std::vector<RenewalItem> renewal_watch(const RecordIndex& index, const RunSettings& settings, int within_days) {
    std::vector<RenewalItem> items;
    for (const RecordFile* file : current_agreements(index)) {
        const Agreement& record = *file->agreement;
        const ProfileId profile = profile_of(record, settings.default_profile);
        const auto end = agreement_end(record, profile, settings.thresholds);
        if (!end) continue; // validate reports the missing facts
        // The date that drives the row names its reason: under OPM the
        // annual renewal, unless the term ends first.
        const bool term_ends_first = record.term.present() && record.term->end.present() &&
                                     record.term->end.value == *end;
        const RenewalReason end_reason = profile == ProfileId::Opm && !term_ends_first ? RenewalReason::AnnualRenewal
                                                                                        : RenewalReason::TermEnd;
        const int days = days_between(settings.as_of, *end);
        if (days < 0) {
            items.push_back({file, RenewalState::Expired, end_reason, end, days});
        } else if (const auto reason = renewal_required(record, profile)) {
            items.push_back({file, RenewalState::RenewalRequired, *reason, std::nullopt, std::nullopt});
        } else if (days <= within_days) {
            items.push_back({file, RenewalState::Due, end_reason, end, days});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const RenewalItem& a, const RenewalItem& b) {
        // renewal-required (no date) first: it is due now
        if (a.date.has_value() != b.date.has_value()) return !a.date.has_value();
        if (a.date != b.date) return a.date < b.date;
        return a.file->display_path < b.file->display_path;
    });
    return items;
}

} // namespace telework
