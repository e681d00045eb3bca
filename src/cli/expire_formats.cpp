#include "expire_formats.hpp"

#include "json.hpp"
#include "text_format.hpp"
#include "terminal_style.hpp"

#include "telework/source_text.hpp"
#include "telework/version.hpp"
#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>

namespace telework::cli {

namespace {

std::string id_of(const RenewalItem& item) {
    const auto& id = item.file->keys->id;
    return id.present() ? id.value : "";
}

std::string date_text(const RenewalItem& item) { return item.date ? item.date->to_string() : "-"; }
std::string days_text(const RenewalItem& item) { return item.days ? fmt::format("{}", *item.days) : "-"; }

// The reason a skipped record gives in JSON (as in check-eligibility) and in
// its CSV row and calendar note.
constexpr std::string_view skipped_reason = "fails structural checks; run telework validate";

std::string_view state_color(RenewalState state) {
    switch (state) {
    case RenewalState::Expired: return "1;31";
    case RenewalState::RenewalRequired: return "1;35";
    case RenewalState::Due: return "1;33";
    }
    return "1";
}

std::string table(const std::vector<const RenewalItem*>& rows, bool color) {
    const std::vector<std::string> header = {"DATE", "DAYS", "STATE", "REASON", "ID", "EMPLOYEE", "FILE"};
    std::vector<std::vector<std::string>> cells;
    for (const RenewalItem* item : rows) {
        cells.push_back({date_text(*item), days_text(*item), std::string(to_string(item->state)),
                         item->reason, visible(id_of(*item)), visible(employee_of(*item)),
                         visible(item->file->display_path)});
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (const auto& row : cells) width[c] = std::max(width[c], display_width(row[c]));
    }
    auto line = [&](const std::vector<std::string>& row, const std::string* state_code) {
        std::string out = " ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool last = c + 1 == row.size();
            std::string cell = last ? row[c] : pad(row[c], width[c], c == 1);
            if (c == 2 && state_code) cell = paint(color, *state_code, cell);
            out += " " + cell;
        }
        return out + "\n";
    };
    std::string out = line(header, nullptr);
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const std::string code(state_color(rows[r]->state));
        out += line(cells[r], &code);
    }
    return out;
}

} // namespace

std::string employee_of(const RenewalItem& item) {
    const auto record = item.file->agreement();
    const auto& employee = record->employee;
    return employee.present() && employee->name.present() ? employee->name.value : "";
}

std::string supervisor_of(const RenewalItem& item) {
    const auto record = item.file->agreement();
    const auto& supervisor = record->supervisor;
    return supervisor.present() && supervisor->name.present() ? supervisor->name.value : "";
}

std::string render_expire_text(const ExpireReport& report, bool by_supervisor, bool color, bool quiet) {
    std::string out;
    if (report.items.empty()) {
        if (!quiet) {
            out = fmt::format("no current agreement is expired, needs renewal, or is due within {} days of {}",
                              report.within_days, report.as_of.to_string());
            // A record that could not be judged may be exactly the one that
            // expired: the line must not read as "all clear".
            out += report.skipped.empty()
                       ? std::string("\n")
                       : fmt::format(", but {} skipped (structural problems) could not be judged\n",
                                     report.skipped.size() == 1 ? std::string("1 record")
                                                                : fmt::format("{} records", report.skipped.size()));
        }
        return out;
    }
    if (by_supervisor) {
        std::map<std::string, std::vector<const RenewalItem*>> groups;
        for (const auto& item : report.items) groups[supervisor_of(item)].push_back(&item);
        for (const auto& [supervisor, rows] : groups) {
            // The name starts a line, so it must not read as a workflow command.
            out += fmt::format("{}{}\n", out.empty() ? "" : "\n",
                               supervisor.empty() ? "(no supervisor)" : safe_line_start(visible(supervisor)));
            out += table(rows, color);
        }
    } else {
        std::vector<const RenewalItem*> rows;
        for (const auto& item : report.items) rows.push_back(&item);
        out = table(rows, color);
    }
    if (!quiet) {
        int expired = 0, required = 0, due = 0;
        for (const auto& item : report.items) {
            expired += item.state == RenewalState::Expired;
            required += item.state == RenewalState::RenewalRequired;
            due += item.state == RenewalState::Due;
        }
        out += fmt::format("\n{} expired, {} renewal required, {} due within {} days (as of {})", expired, required,
                           due, report.within_days, report.as_of.to_string());
        out += report.skipped.empty() ? std::string("\n")
                                      : fmt::format(", {} skipped (structural problems)\n", report.skipped.size());
    }
    return out;
}

std::string render_expire_json(const ExpireReport& report) {
    auto list = json::Value::array();
    for (const auto& item : report.items) {
        list.push(json::Value::object()
                      .set("file", item.file->display_path)
                      .set("id", id_of(item))
                      .set("employee", employee_of(item))
                      .set("supervisor", supervisor_of(item))
                      .set("state", to_string(item.state))
                      .set("reason", item.reason)
                      .set("date", item.date ? json::Value(item.date->to_string()) : json::Value(nullptr))
                      .set("days", item.days ? json::Value(*item.days) : json::Value(nullptr)));
    }
    auto skipped = json::Value::array();
    for (const RecordFile* file : report.skipped) {
        skipped.push(json::Value::object().set("file", file->display_path).set("reason", skipped_reason));
    }
    auto unreadable = json::Value::array();
    for (const auto& error : report.unreadable) unreadable.push(error);
    return json::envelope(report.as_of.to_string(), report.profile)
               .set("within_days", report.within_days)
               .set("agreements", std::move(list))
               .set("skipped", std::move(skipped))
               .set("unreadable", std::move(unreadable))
               .dump() +
           "\n";
}

std::string render_expire_csv(const ExpireReport& report) {
    std::string out = "file,id,employee,supervisor,state,reason,date,days\r\n";
    for (const auto& item : report.items) {
        out += fmt::format("{},{},{},{},{},{},{},{}\r\n", csv_field(item.file->display_path), csv_field(id_of(item)),
                           csv_field(employee_of(item)), csv_field(supervisor_of(item)), to_string(item.state),
                           item.reason, item.date ? item.date->to_string() : "",
                           item.days ? fmt::format("{}", *item.days) : "");
    }
    // A skipped record is a row of its own, state "skipped", reason
    // "structural": only its file is known.
    for (const RecordFile* file : report.skipped) {
        out += fmt::format("{},,,,skipped,structural,,\r\n", csv_field(file->display_path));
    }
    return out;
}

std::string ics_text(std::string_view text) {
    // After visible() no control character is left: RFC 5545 allows none in
    // TEXT but HTAB, and a line break would be the escape "\n".
    std::string out;
    for (const char c : visible(text)) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

// For each byte offset of a property line that starts a character: whether a
// continuation line starting there would, after the folding space, read as a
// GitHub Actions workflow command ("::" after whitespace). One pass from the
// end, so a long run of spaces costs no more than any other text.
std::vector<bool> command_starts(std::string_view line) {
    std::vector<std::size_t> starts;
    std::vector<bool> blank;
    for (std::size_t i = 0; i < line.size();) {
        starts.push_back(i);
        const auto c = next_code_point(line, i);
        blank.push_back(c && is_blank(*c));
    }
    std::vector<bool> command(line.size() + 1, false);
    for (std::size_t k = starts.size(); k-- > 0;) {
        const std::size_t at = starts[k];
        command[at] = blank[k] ? command[k + 1 < starts.size() ? starts[k + 1] : line.size()]
                               : line.substr(at).starts_with("::");
    }
    return command;
}

// Where the line that starts at `start` ends: at most `budget` octets on,
// at a character boundary, and never where the next line would start a
// workflow command. Then it ends earlier, or, when the whole stretch is
// blanks and colons, later (RFC 5545 says lines SHOULD NOT exceed 75
// octets; a longer line beats a forged command).
std::size_t fold_point(std::string_view line, const std::vector<bool>& command, std::size_t start,
                       std::size_t budget) {
    const auto boundary = [&](std::size_t i) { return i >= line.size() || (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80; };
    std::size_t end = std::min(line.size(), start + budget);
    while (!boundary(end)) --end;
    for (std::size_t at = end; at > start; --at) {
        if (boundary(at) && !command[at]) return at;
    }
    std::size_t at = end;
    while (at < line.size() && (!boundary(at) || command[at])) ++at;
    return at;
}

} // namespace

std::string ics_fold(std::string_view line) {
    const std::vector<bool> command = command_starts(line);
    std::string out;
    std::size_t budget = 75; // octets on the first line; 74 after the leading space of the next ones
    for (std::size_t start = 0; start < line.size();) {
        const std::size_t end = fold_point(line, command, start, budget);
        if (start > 0) out += "\r\n ";
        out.append(line.substr(start, end - start));
        start = end;
        budget = 74;
    }
    return out + "\r\n";
}

std::string ics_utc_stamp(std::int64_t seconds) {
    using namespace std::chrono;
    const sys_seconds at{std::chrono::seconds{seconds}};
    const sys_days day = floor<days>(at);
    const year_month_day date{day};
    const hh_mm_ss time{at - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string render_expire_ics(const ExpireReport& report) {
    const auto compact = [](Date d) {
        std::string s = d.to_string();
        s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
        return s;
    };
    // Each reminder fires `remind_days` before the start of its all-day event.
    const std::string trigger = report.remind_days > 0 ? fmt::format("-P{}D", report.remind_days) : "PT0S";
    std::string out;
    out += ics_fold("BEGIN:VCALENDAR");
    out += ics_fold("VERSION:2.0");
    out += ics_fold(fmt::format("PRODID:-//telework//telework {}//EN", version));
    out += ics_fold("CALSCALE:GREGORIAN");
    out += ics_fold("METHOD:PUBLISH");
    out += ics_fold("X-WR-CALNAME:" + ics_text("Telework agreement renewals"));
    int components = 0;
    for (const auto& item : report.items) {
        if (!item.date) continue; // renewal-required has no date: it is due now
        const std::string id = id_of(item);
        const std::string what = item.state == RenewalState::Expired ? "expired" : "due for renewal";
        const std::string summary = fmt::format("Telework agreement {} {}: {}", id, what, employee_of(item));
        out += ics_fold("BEGIN:VEVENT");
        // One UID per agreement, so a re-import updates the event instead of adding one.
        out += ics_fold(fmt::format("UID:{}@telework.agreements", ics_text(id)));
        out += ics_fold(fmt::format("DTSTAMP:{}", report.ics_stamp));
        out += ics_fold(fmt::format("DTSTART;VALUE=DATE:{}", compact(*item.date)));
        out += ics_fold(fmt::format("DTEND;VALUE=DATE:{}", compact(item.date->add_days(1))));
        out += ics_fold("SUMMARY:" + ics_text(summary));
        out += ics_fold("DESCRIPTION:" + ics_text(fmt::format("{} ({}) on {}. Employee: {}. Supervisor: {}. Record: {}", what,
                                       item.reason, item.date->to_string(), employee_of(item),
                                       supervisor_of(item), item.file->display_path)));
        out += ics_fold("TRANSP:TRANSPARENT");
        out += ics_fold("BEGIN:VALARM");
        out += ics_fold("ACTION:DISPLAY");
        out += ics_fold("TRIGGER:" + trigger);
        out += ics_fold("DESCRIPTION:" + ics_text(summary));
        out += ics_fold("END:VALARM");
        out += ics_fold("END:VEVENT");
        ++components;
    }
    // A record that could not be judged is a note on the as-of date: it may
    // be exactly the agreement that expired.
    for (const RecordFile* file : report.skipped) {
        const std::string& path = file->display_path;
        out += ics_fold("BEGIN:VEVENT");
        out += ics_fold(fmt::format("UID:{}@skipped.telework.agreements", ics_text(path)));
        out += ics_fold(fmt::format("DTSTAMP:{}", report.ics_stamp));
        out += ics_fold(fmt::format("DTSTART;VALUE=DATE:{}", compact(report.as_of)));
        out += ics_fold(fmt::format("DTEND;VALUE=DATE:{}", compact(report.as_of.add_days(1))));
        out += ics_fold("SUMMARY:" + ics_text(fmt::format("Telework record skipped: {}", path)));
        out += ics_fold("DESCRIPTION:" +
                        ics_text(fmt::format("Record {} fails structural checks (run telework validate on it), so "
                                             "whether its agreement is expired or due is unknown as of {}.",
                                             path, report.as_of.to_string())));
        out += ics_fold("TRANSP:TRANSPARENT");
        out += ics_fold("END:VEVENT");
        ++components;
    }
    // RFC 5545 3.6: a calendar holds at least one component. With no date
    // to list, a journal note (which calendar views do not show) says so,
    // and a subscribed feed still replaces its old events.
    if (components == 0) {
        const auto required = std::count_if(report.items.begin(), report.items.end(), [](const RenewalItem& item) {
            return item.state == RenewalState::RenewalRequired;
        });
        std::string note = fmt::format("No current agreement is expired or due within {} days of {}",
                                       report.within_days, report.as_of.to_string());
        if (required > 0) {
            note += fmt::format("; {} need{} a new agreement now (renewal-required rows have no date: see the text, "
                                "JSON or CSV output)",
                                required, required == 1 ? "s" : "");
        }
        out += ics_fold("BEGIN:VJOURNAL");
        out += ics_fold("UID:summary@telework.agreements");
        out += ics_fold(fmt::format("DTSTAMP:{}", report.ics_stamp));
        out += ics_fold(fmt::format("DTSTART;VALUE=DATE:{}", compact(report.as_of)));
        out += ics_fold("SUMMARY:" + ics_text("Telework agreement renewals: nothing to list"));
        out += ics_fold("DESCRIPTION:" + ics_text(note));
        out += ics_fold("END:VJOURNAL");
    }
    out += ics_fold("END:VCALENDAR");
    return out;
}

} // namespace telework::cli
