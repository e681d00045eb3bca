#include "report_formats.hpp"
#include "text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace telework::cli {

namespace {

// Columns separated by two spaces; `numeric` columns are right-aligned.
// Cells are shown as visible() shows them, and the first cell starts the
// line, so it must not read as a workflow command.
std::string aligned(const std::vector<std::vector<std::string>>& cells, const std::vector<bool>& numeric) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : cells) {
        std::vector<std::string> shown;
        for (const auto& cell : row) shown.push_back(shown.empty() ? safe_line_start(visible(cell)) : visible(cell));
        rows.push_back(std::move(shown));
    }
    std::vector<std::size_t> width(numeric.size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool last = c + 1 == row.size();
            line += " " + (last && !numeric[c] ? row[c] : pad(row[c], width[c], numeric[c]));
            if (!last) line += " ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string figure_table(const FigureTable& table, const std::vector<std::string>& columns) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{upper(table.category)};
    header.insert(header.end(), columns.begin(), columns.end());
    rows.push_back(header);
    for (const auto& row : table.rows) {
        std::vector<std::string> cells{row.label};
        for (const int value : row.values) cells.push_back(fmt::format("{}", value));
        rows.push_back(std::move(cells));
    }
    std::vector<bool> numeric(header.size(), true);
    numeric[0] = false;
    return fmt::format("\n{}\n{}\n{}", table.title, wrap_text(table.note, 76, "  "), aligned(rows, numeric));
}

std::string top_rules_table(const Report& report) {
    TopRulesTable table = top_rules_rows(report, false);
    for (auto& cell : table.header) {
        std::transform(cell.begin(), cell.end(), cell.begin(), [](unsigned char c) { return std::toupper(c); });
    }
    table.rows.insert(table.rows.begin(), table.header);
    return fmt::format("\n{}\n{}\n{}", top_rules_title, wrap_text(top_rules_note, 76, "  "),
                       aligned(table.rows, table.numeric));
}

std::string names_table(const Report& report) {
    std::vector<std::vector<std::string>> rows{
        {"END", "STATE", "ID", "EMPLOYEE", "EMAIL", "SUPERVISOR", "AGENCY", "UNIT"}};
    for (const auto& entry : report.expiring_agreements) {
        rows.push_back({entry.end.to_string(), entry.expired ? "expired" : "ending", entry.id, entry.employee,
                        entry.email, entry.supervisor, entry.agency, entry.unit});
    }
    const std::string note = fmt::format("Current agreements that have ended or end by {}, with the people "
                                         "concerned (--include-names).",
                                         report.months.back().add_months(1).add_days(-1).to_string());
    if (report.expiring_agreements.empty()) return fmt::format("\nAgreements ending\n{}  (none)\n", wrap_text(note, 76, "  "));
    return fmt::format("\nAgreements ending\n{}\n{}", wrap_text(note, 76, "  "), aligned(rows, std::vector<bool>(8, false)));
}

} // namespace

std::string render_report_text(const Report& report) {
    std::string out = fmt::format("Telework report as of {}\n", report.as_of.to_string());
    out += fmt::format("Records: {}\n", records_text(report));
    out += fmt::format("Period of denials, terminations and approvals: {}\n", period_text(report.options.period));
    if (report.options.by) out += fmt::format("Grouped by {}\n", to_string(*report.options.by));
    const auto columns = column_labels(report);
    for (const auto& table : figure_tables(report)) out += figure_table(table, columns);
    out += top_rules_table(report);
    if (report.options.include_names) out += names_table(report);
    return out;
}

} // namespace telework::cli
