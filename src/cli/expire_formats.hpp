#pragma once

#include "telework/date.hpp"
#include "telework/renewal.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace telework::cli {

struct ExpireReport {
    Date as_of;
    int within_days = 30;
    std::vector<RenewalItem> items;
    // Records that fail the structure checks: nothing about them can be
    // judged, so every format names them (issue 11, item 1).
    std::vector<const RecordFile*> skipped;
    // JSON only: the run's default profile and the inputs that could not be read.
    std::string profile;
    std::vector<std::string> unreadable;
    // iCalendar only: DTSTAMP (UTC, "YYYYMMDDTHHMMSSZ") and the days before
    // each date that the VALARM reminder fires.
    std::string ics_stamp;
    int remind_days = 7;
};

// DTSTAMP for a calendar made at `seconds` since 1970-01-01T00:00:00Z.
std::string ics_utc_stamp(std::int64_t seconds);

std::string employee_of(const RenewalItem& item);
std::string supervisor_of(const RenewalItem& item);

std::string render_expire_text(const ExpireReport& report, bool by_supervisor, bool color, bool quiet);
std::string render_expire_json(const ExpireReport& report);
std::string render_expire_csv(const ExpireReport& report);
std::string render_expire_ics(const ExpireReport& report);

// RFC 5545 3.3.11 TEXT escaping and 3.1 line folding (75 octets, CRLF + space).
std::string ics_text(std::string_view text);
std::string ics_fold(std::string_view line);

} // namespace telework::cli
