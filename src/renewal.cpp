#include "telework/renewal.hpp"

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

std::optional<AgreementEnd> agreement_end(const Agreement& record, const Profile& profile) {
    const RenewalPolicy& renewal = profile.renewal;
    std::optional<Date> term_end;
    if (record.term.present() && record.term->end.present()) term_end = record.term->end.value;
    std::optional<AgreementEnd> end;
    if (renewal.ends == RenewalPolicy::Ends::Annual) {
        const auto approved = approval_date(record, profile);
        if (!approved) return std::nullopt;
        const int months = static_cast<int>(profile.threshold(renewal.months_threshold).value_or(12));
        end = AgreementEnd{approved->add_months(months), "annual-renewal"};
        // The date that drives the row names its reason: the term, when it ends first.
        if (term_end && *term_end <= end->date) end = AgreementEnd{*term_end, "term-end"};
    } else if (term_end) {
        end = AgreementEnd{*term_end, "term-end"};
    }
    if (renewal.last_month && record.term.present() && record.term->start.present()) {
        using namespace std::chrono;
        const Date start = record.term->start.value;
        const month m(static_cast<unsigned>(*renewal.last_month));
        const day d(static_cast<unsigned>(*renewal.last_day));
        Date last(year_month_day{start.ymd().year(), m, d});
        if (last < start) last = Date(year_month_day{start.ymd().year() + years(1), m, d});
        if (!end || last < end->date) end = AgreementEnd{last, "fixed-date"};
    }
    return end;
}

std::optional<std::string> renewal_required(const RecordFile& file, const Profile& profile, const RecordIndex& index,
                                            const RunSettings& settings) {
    for (const auto& trigger : profile.renewal.required) {
        const RuleInfo* rule = profile.rule(trigger.rule);
        if (!rule) continue;
        for (const auto& evaluation : evaluate_rule(*rule, file, index, settings)) {
            if (evaluation.outcome == Outcome::Fail) return trigger.reason;
        }
    }
    return std::nullopt;
}

std::vector<RenewalItem> renewal_watch(const RecordIndex& index, const RunSettings& settings, int within_days) {
    std::vector<RenewalItem> items;
    for (const RecordFile* file : current_agreements(index)) {
        const auto record_unpacked = file->agreement();
        const Agreement& record = *record_unpacked;
        const Profile* profile = settings.profile_for(record);
        if (!profile) continue; // validate reports the unknown policy
        const auto end = agreement_end(record, *profile);
        if (!end) continue; // validate reports the missing facts
        const int days = days_between(settings.as_of, end->date);
        if (days < 0) {
            items.push_back({file, RenewalState::Expired, std::string(end->reason), end->date, days});
        } else if (auto reason = renewal_required(*file, *profile, index, settings)) {
            items.push_back({file, RenewalState::RenewalRequired, std::move(*reason), std::nullopt, std::nullopt});
        } else if (days <= within_days) {
            items.push_back({file, RenewalState::Due, std::string(end->reason), end->date, days});
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
