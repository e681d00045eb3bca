#include "telework/date.hpp"
#include "telework/clock.hpp"

#include <fmt/format.h>

namespace telework {

using namespace std::chrono;

namespace {

bool all_digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int to_int(std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

} // namespace

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    const year_month_day ymd{year{to_int(y)}, month{static_cast<unsigned>(to_int(m))},
                             day{static_cast<unsigned>(to_int(d))}};
    if (!ymd.ok()) return std::nullopt;
    return Date{ymd};
}

Date Date::from_days(sys_days days) { return Date{year_month_day{days}}; }

std::string Date::to_string() const {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd_.year()), static_cast<unsigned>(ymd_.month()),
                       static_cast<unsigned>(ymd_.day()));
}

Date Date::add_days(int n) const { return from_days(days() + std::chrono::days{n}); }

Date Date::add_months(int n) const {
    const year_month target = year_month{ymd_.year(), ymd_.month()} + months{n};
    const day last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
    return Date{year_month_day{target.year(), target.month(), std::min(ymd_.day(), last)}};
}

int days_between(Date from, Date to) { return static_cast<int>((to.days() - from.days()).count()); }

std::string describe_span(Date from, Date to) {
    if (to < from) return fmt::format("{} days", days_between(from, to));
    int months = 0;
    while (from.add_months(months + 1) <= to) ++months;
    const int rest = days_between(from.add_months(months), to);
    auto plural = [](int n, std::string_view unit) { return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s"); };
    if (months == 0) return plural(rest, "day");
    if (rest == 0) return plural(months, "month");
    return plural(months, "month") + " " + plural(rest, "day");
}

Date SystemClock::today() const {
    return Date::from_days(floor<std::chrono::days>(system_clock::now()));
}

} // namespace telework
