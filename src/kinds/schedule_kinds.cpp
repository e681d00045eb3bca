#include "kind.hpp"

#include "telework/derived.hpp"

#include <cmath>

// The kinds that count days of the schedule: per week, or per pay period
// (format page, "Derived facts with a biweekly pattern").
namespace telework::kinds {

namespace {

constexpr std::array<std::string_view, 2> periods = {"week", "pay-period"};

// The weeks as written: the weekly form once (it repeats), or the two weeks
// of schedule.pay_period. Empty when a week's counts are not given.
struct WrittenWeeks {
    std::vector<WeekPattern> weeks;
    bool biweekly = false;
};

WrittenWeeks written_weeks(const Schedule& s) {
    WrittenWeeks out;
    if (!s.pay_period.absent()) {
        out.biweekly = true;
        if (const auto weeks = pay_period_weeks(s)) out.weeks.assign(weeks->begin(), weeks->end());
        return out;
    }
    if (!s.workweek_days.present() || !s.telework_days.present()) return out;
    WeekPattern week;
    week.workweek_days = s.workweek_days.value;
    week.telework_days = s.telework_days->size();
    week.partial_days = s.partial_days.present() ? s.partial_days->size() : 0;
    week.telework_pos = s.telework_days.pos;
    out.weeks.push_back(week);
    return out;
}

// The pay period's totals: the weekly form counted twice.
WeekPattern pay_period_total(const WrittenWeeks& written) {
    WeekPattern total;
    for (const auto& week : written.weeks) {
        total.workweek_days += week.workweek_days;
        total.telework_days += week.telework_days;
        total.partial_days += week.partial_days;
    }
    if (!written.biweekly) {
        total.workweek_days *= 2;
        total.telework_days *= 2;
        total.partial_days *= 2;
    }
    total.telework_pos = written.weeks.front().telework_pos;
    return total;
}

// "2 of 5 workweek days teleworked", "5 of 9 workdays of the pay period teleworked"
std::string describe_schedule(const WrittenWeeks& written) {
    if (!written.biweekly) {
        const auto& week = written.weeks.front();
        return fmt::format("{} of {} workweek days teleworked", week.telework_days, week.workweek_days);
    }
    const WeekPattern total = pay_period_total(written);
    return fmt::format("{} of {} workdays of the pay period teleworked", total.telework_days, total.workweek_days);
}

std::string days_word(long n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); }

// At most this share of the workdays teleworked, whole and partial days
// together: in each week ("the work week", CT202), or over the pay period.
class MaxTeleworkShare final : public Check {
public:
    MaxTeleworkShare(Number share, bool per_week) : share_(std::move(share)), per_week_(per_week) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        if (!a.schedule.present()) return;
        const Schedule& s = *a.schedule;
        const double limit = share_.value(ctx);
        if (s.pay_period.absent() && per_week_) {
            const auto share = telework_share(s);
            if (!share || *share <= limit + 1e-9) return;
            const std::size_t partial = s.partial_days.present() ? s.partial_days->size() : 0;
            out.fail(s.telework_days.pos, message("telework share is", *share, s.telework_days->size() + partial, partial,
                                                  fmt::format("{} workweek days", s.workweek_days.value), limit));
            return;
        }
        const WrittenWeeks written = written_weeks(s);
        if (written.weeks.empty()) return;
        if (per_week_) {
            for (std::size_t i = 0; i < written.weeks.size(); ++i) {
                const WeekPattern& week = written.weeks[i];
                const double share = telework_share(week);
                if (share <= limit + 1e-9) continue;
                out.fail(week.telework_pos,
                         message(fmt::format("telework share in week {} of the pay period is", i + 1), share,
                                 week.telework_days + week.partial_days, week.partial_days,
                                 fmt::format("{} workdays", week.workweek_days), limit));
            }
            return;
        }
        const WeekPattern total = pay_period_total(written);
        const double share = total.workweek_days > 0 ? telework_share(total) : 0;
        if (share <= limit + 1e-9) return;
        out.fail(total.telework_pos, message("telework share per pay period is", share,
                                             total.telework_days + total.partial_days, total.partial_days,
                                             fmt::format("{} workdays", total.workweek_days), limit));
    }

private:
    static std::string message(std::string_view lead, double share, std::size_t days, std::size_t partial,
                               std::string_view of, double limit) {
        return fmt::format("{} {:g}% ({} telework{} of {}); at most {:g}% allowed", lead, std::round(share * 1000) / 10,
                           days, partial ? fmt::format(" and partial days, {} partial,", partial) : std::string(" days"),
                           of, limit * 100);
    }

    Number share_;
    bool per_week_;
};

// A count of days judged for each week, or for the pay period: the two
// kinds below differ only in what they count and how they say it.
class DaysPerPeriod : public Check {
public:
    DaysPerPeriod(Number days, bool per_week, Template message)
        : days_(std::move(days)), per_week_(per_week), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        if (!ctx.record.schedule.present()) return;
        const WrittenWeeks written = written_weeks(*ctx.record.schedule);
        if (written.weeks.empty()) return;
        const int limit = days_.whole(ctx);
        const std::string schedule = describe_schedule(written);
        const auto judge = [&](const WeekPattern& period) {
            if (const auto message = finding(period, limit, schedule, per_week_ ? "week" : "pay period")) {
                out.fail(period.telework_pos, *message);
            }
        };
        if (per_week_) {
            for (const auto& week : written.weeks) judge(week);
        } else {
            judge(pay_period_total(written));
        }
    }

protected:
    // The message when `period` breaks the limit; none when it keeps it.
    virtual std::optional<std::string> finding(const WeekPattern& period, int limit, const std::string& schedule,
                                               std::string_view per) const = 0;
    const Template& message() const { return message_; }

private:
    Number days_;
    bool per_week_;
    Template message_;
};

// At least N days at the official worksite (workdays that are not whole
// telework days) in each week, or over the pay period (5 CFR 531.605(d)).
class MinOnsiteDays final : public DaysPerPeriod {
public:
    using DaysPerPeriod::DaysPerPeriod;

private:
    std::optional<std::string> finding(const WeekPattern& period, int minimum, const std::string& schedule,
                                       std::string_view per) const override {
        const long onsite = static_cast<long>(period.workweek_days) - static_cast<long>(period.telework_days);
        if (onsite >= minimum) return std::nullopt;
        return message().render({{"onsite_days", days_word(std::max(onsite, 0L))},
                                 {"onsite", std::to_string(std::max(onsite, 0L))},
                                 {"schedule", schedule},
                                 {"min", std::to_string(minimum)},
                                 {"per", per}});
    }
};

// At most N telework days, whole and partial, in each week or over the pay
// period (GSA: "up to 8 of 10 days per pay period").
class MaxTeleworkDays final : public DaysPerPeriod {
public:
    using DaysPerPeriod::DaysPerPeriod;

private:
    std::optional<std::string> finding(const WeekPattern& period, int maximum, const std::string& schedule,
                                       std::string_view per) const override {
        const long telework = static_cast<long>(period.telework_days + period.partial_days);
        if (telework <= maximum) return std::nullopt;
        return message().render(
            {{"telework", days_word(telework)}, {"max", std::to_string(maximum)}, {"schedule", schedule}, {"per", per}});
    }
};

} // namespace

std::shared_ptr<const Check> parse_max_telework_share(Params& params) {
    auto share = params.number("share", false);
    const bool per_week = params.choice("per", periods, "week") == "week";
    return std::make_shared<MaxTeleworkShare>(std::move(share), per_week);
}

std::shared_ptr<const Check> parse_min_onsite_days(Params& params) {
    auto days = params.number("days");
    const bool per_week = params.choice("per", periods, "pay-period") == "week";
    static constexpr std::array<std::string_view, 5> placeholders = {"onsite_days", "onsite", "schedule", "min", "per"};
    auto message = params.message("message", "schedule leaves {onsite_days} per {per} at the official worksite ({schedule}); at least {min} required",
                                  placeholders);
    return std::make_shared<MinOnsiteDays>(std::move(days), per_week, std::move(message));
}

std::shared_ptr<const Check> parse_max_telework_days(Params& params) {
    auto days = params.number("days");
    const bool per_week = params.choice("per", periods, "pay-period") == "week";
    static constexpr std::array<std::string_view, 4> placeholders = {"telework", "max", "schedule", "per"};
    auto message = params.message("message", "schedule has {telework} of telework per {per} ({schedule}); at most {max} allowed",
                                  placeholders);
    return std::make_shared<MaxTeleworkDays>(std::move(days), per_week, std::move(message));
}

} // namespace telework::kinds
