#include "report_formats.hpp"

#include "telework/visible.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

// Names are data, not markup: a pipe would end the cell, and emphasis, links
// HTML or character references in an agency name must show as typed (CommonMark backslash escapes),
// after visible() has made control characters and line breaks visible.
std::string cell(std::string_view text) {
    std::string out;
    for (const char c : visible(text)) {
        if (std::string_view("\\|*_`<>[]&").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string table_row(const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const auto& c : cells) out += " " + cell(c) + " |";
    return out + "\n";
}

std::string rule_line(const std::vector<bool>& numeric) {
    std::string out = "|";
    for (const bool n : numeric) out += n ? " --: |" : " --- |";
    return out + "\n";
}

std::string figure_table(const FigureTable& table, const std::vector<std::string>& columns) {
    std::vector<std::string> header{table.category};
    header.insert(header.end(), columns.begin(), columns.end());
    std::vector<bool> numeric(header.size(), true);
    numeric[0] = false;
    std::string out = fmt::format("\n## {}\n\n{}\n\n", table.title, table.note);
    out += table_row(header) + rule_line(numeric);
    for (const auto& row : table.rows) {
        std::vector<std::string> cells{row.label};
        for (const int value : row.values) cells.push_back(fmt::format("{}", value));
        out += table_row(cells);
    }
    return out;
}

std::string top_rules_table(const Report& report) {
    const TopRulesTable table = top_rules_rows(report, true);
    std::string out = fmt::format("\n## {}\n\n{}\n\n", top_rules_title, top_rules_note);
    out += table_row(table.header) + rule_line(table.numeric);
    for (const auto& row : table.rows) out += table_row(row);
    return out;
}

std::string names_table(const Report& report) {
    std::string out = fmt::format("\n## Agreements ending\n\nCurrent agreements that have ended or end by {}, with "
                                  "the people concerned (--include-names).\n\n",
                                  report.months.back().add_months(1).add_days(-1).to_string());
    if (report.expiring_agreements.empty()) return out + "None.\n";
    out += table_row({"end", "state", "id", "employee", "email", "supervisor", "agency", "unit"});
    out += rule_line(std::vector<bool>(8, false));
    for (const auto& entry : report.expiring_agreements) {
        out += table_row({entry.end.to_string(), entry.expired ? "expired" : "ending", entry.id, entry.employee,
                          entry.email, entry.supervisor, entry.agency, entry.unit});
    }
    return out;
}

} // namespace

std::string render_report_markdown(const Report& report) {
    std::string out = fmt::format("# Telework report as of {}\n\n", report.as_of.to_string());
    out += fmt::format("- Records: {}\n", records_text(report));
    out += fmt::format("- Period of denials, terminations and approvals: {}\n", period_text(report.options.period));
    if (report.options.by) out += fmt::format("- Grouped by {}\n", to_string(*report.options.by));
    const auto columns = column_labels(report);
    for (const auto& table : figure_tables(report)) out += figure_table(table, columns);
    out += top_rules_table(report);
    if (report.options.include_names) out += names_table(report);
    return out;
}

} // namespace telework::cli
