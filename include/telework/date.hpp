#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace telework {

// A calendar date without time zone, as records and the policy use them.
class Date {
public:
    constexpr Date() = default;
    constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}

    // Strict ISO YYYY-MM-DD with a valid calendar day; nothing else.
    static std::optional<Date> parse(std::string_view text);
    static Date from_days(std::chrono::sys_days days);

    std::chrono::year_month_day ymd() const { return ymd_; }
    std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }
    std::string to_string() const;

    Date add_days(int n) const;
    // The same day n calendar months later (earlier for negative n), clamped
    // to the last day of the target month (format page, "add_months").
    Date add_months(int n) const;

    friend bool operator==(const Date&, const Date&) = default;
    friend std::strong_ordering operator<=>(const Date& a, const Date& b) { return a.days() <=> b.days(); }

private:
    std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
};

// Signed number of days from `from` to `to`.
int days_between(Date from, Date to);

// The whole months and remaining days between two dates, as a person counts
// them ("10 months", "9 months 1 day"), for messages.
std::string describe_span(Date from, Date to);

} // namespace telework
