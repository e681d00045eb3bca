#pragma once

#include "telework/report.hpp"

#include <string>
#include <vector>

namespace telework::cli {

// The report's figures laid out as tables, one per figure: a row per
// category, a column per group ("all" first). Text, Markdown, CSV and HTML
// all read this one layout, so they cannot disagree on a label or a number.
struct FigureRow {
    std::string label;       // for people: "3+ days per pay period"
    std::string metric;      // for CSV: "frequency_band.three_plus"
    std::vector<int> values; // per column
    bool total = false;      // a sum of the rows above: tabulated, not charted
};

struct FigureTable {
    std::string id;       // "status": HTML anchors and chart ids
    std::string title;    // "Records by status"
    std::string note;     // what is counted
    std::string category; // the heading of the label column: "status"
    std::vector<FigureRow> rows;
    bool chart = true;    // whether the HTML page draws it
};

// "all", then each group's label.
std::vector<std::string> column_labels(const Report& report);
std::vector<FigureTable> figure_tables(const Report& report);

// "from 2026-01-01 to 2026-09-30", "from 2026-01-01", "through 2026-09-30", "at any date".
std::string period_text(const ReportPeriod& period);
// "15 read, 14 counted, 1 skipped (fails structural checks)"
std::string records_text(const Report& report);
// The compliance ranking's heading and what it counts.
inline constexpr std::string_view top_rules_title = "Rules most often broken";
inline constexpr std::string_view top_rules_note =
    "The five rules with the most error findings over every record read, skipped ones included; "
    "ties in rule ID order.";

// The compliance ranking as rows: [group,] rule, name, findings, records;
// a group without findings gets one "(none)" row. `label_every_row` false
// names each group on its first row only (the aligned text table).
struct TopRulesTable {
    std::vector<std::string> header; // lower case
    std::vector<bool> numeric;
    std::vector<std::vector<std::string>> rows;
};
TopRulesTable top_rules_rows(const Report& report, bool label_every_row);

std::string render_report_text(const Report& report);
std::string render_report_markdown(const Report& report);
std::string render_report_csv(const Report& report);
// `profile`: the run's default profile; `read_errors`: the inputs that could not be read.
std::string render_report_json(const Report& report, std::string_view profile = "opm",
                               const std::vector<std::string>& read_errors = {});
std::string render_report_html(const Report& report);

} // namespace telework::cli
