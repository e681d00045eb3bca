#include "kind.hpp"

#include <cstdio>

namespace telework::kinds {

namespace {

// The term ends by a fixed day of the year that follows its start (NY
// ITS-P10-003 4.3.3: the period ends "by July 1 annually"): term.end is on
// or before the first such day on or after term.start.
class EndsByDate final : public Check {
public:
    EndsByDate(int month, int day, std::string day_name, Template message)
        : month_(month), day_(day), day_name_(std::move(day_name)), message_(std::move(message)) {}

    void evaluate(const RuleContext& ctx, EvaluationSink& out) const override {
        const Agreement& a = ctx.record;
        if (!a.term.present() || !a.term->start.present() || !a.term->end.present()) return;
        const Date start = a.term->start.value, end = a.term->end.value;
        if (end < start) return; // TW006
        const Date deadline = first_on_or_after(start);
        if (!(deadline < end)) return;
        out.fail(a.term->end.pos, message_.render({{"end", end.to_string()}, {"start", start.to_string()},
                                                   {"deadline", deadline.to_string()}, {"day", day_name_}}));
    }

private:
    Date first_on_or_after(Date start) const {
        using namespace std::chrono;
        const year y = start.ymd().year();
        const Date candidate(year_month_day{y, month(static_cast<unsigned>(month_)), day(static_cast<unsigned>(day_))});
        return candidate < start ? Date(year_month_day{y + years(1), month(static_cast<unsigned>(month_)),
                                                       day(static_cast<unsigned>(day_))})
                                 : candidate;
    }

    int month_, day_;
    std::string day_name_;
    Template message_;
};

} // namespace

std::shared_ptr<const Check> parse_ends_by_date(Params& params) {
    const std::string by = params.text("by");
    int month = 0, day = 0;
    const bool shaped = by.size() == 5 && by[2] == '-' && std::sscanf(by.c_str(), "%2d-%2d", &month, &day) == 2;
    // Checked against a common year: 02-29 is not a day of every year.
    if (!shaped || !Date::parse(fmt::format("2027-{}", by))) {
        params.fail("by", fmt::format("'by' must be a day of every year as MM-DD, such as \"06-30\"; got '{}'", by));
    }
    static constexpr std::array<std::string_view, 4> placeholders = {"end", "start", "deadline", "day"};
    auto message = params.message("message", "term ends on {end}; it must end by {deadline}, the first {day} on or after its start",
                                  placeholders);
    static constexpr std::array<std::string_view, 12> months = {"January", "February", "March",     "April",
                                                                "May",     "June",     "July",      "August",
                                                                "September", "October", "November", "December"};
    return std::make_shared<EndsByDate>(month, day, fmt::format("{} {}", months[static_cast<std::size_t>(month - 1)], day), std::move(message));
}

} // namespace telework::kinds
