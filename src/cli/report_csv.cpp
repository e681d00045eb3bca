#include "report_formats.hpp"

#include "text_format.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

// RFC 4180 records end in CRLF.
std::string line(std::string_view dimension, std::string_view group, std::string_view metric, std::string_view value) {
    return fmt::format("{},{},{},{}\r\n", csv_field(dimension), csv_field(group), csv_field(metric), csv_field(value));
}

std::string header_lines(const Report& report) {
    const auto& period = report.options.period;
    std::string out;
    out += line("report", "all", "as_of", report.as_of.to_string());
    out += line("report", "all", "period.from", period.from ? period.from->to_string() : "");
    out += line("report", "all", "period.to", period.to ? period.to->to_string() : "");
    out += line("report", "all", "by", report.options.by ? to_string(*report.options.by) : "");
    out += line("report", "all", "records_read", fmt::format("{}", report.records_read));
    out += line("report", "all", "records_skipped", fmt::format("{}", report.records_skipped));
    out += line("report", "all", "inputs_unreadable", fmt::format("{}", report.inputs_unreadable));
    return out;
}

std::string top_rule_lines(std::string_view dimension, std::string_view group, const ReportFigures& figures) {
    std::string out;
    for (const RuleCount& rule : figures.top_rules) {
        out += line(dimension, group, "top_rule." + rule.rule + ".findings", fmt::format("{}", rule.findings));
        out += line(dimension, group, "top_rule." + rule.rule + ".records", fmt::format("{}", rule.records));
    }
    return out;
}

std::string names_lines(const Report& report) {
    std::string out;
    for (const auto& entry : report.expiring_agreements) {
        out += line("agreement", entry.id, "end", entry.end.to_string());
        out += line("agreement", entry.id, "state", entry.expired ? "expired" : "ending");
        out += line("agreement", entry.id, "employee", entry.employee);
        out += line("agreement", entry.id, "email", entry.email);
        out += line("agreement", entry.id, "supervisor", entry.supervisor);
        out += line("agreement", entry.id, "agency", entry.agency);
        out += line("agreement", entry.id, "unit", entry.unit);
    }
    return out;
}

} // namespace

// One tidy table: each line one number of one group. The whole repo first
// (dimension "all"), then each group of --by, then, with --include-names,
// one line per fact of each ending agreement (dimension "agreement").
std::string render_report_csv(const Report& report) {
    std::string out = "dimension,group,metric,value\r\n";
    out += header_lines(report);
    const auto tables = figure_tables(report);
    const auto labels = column_labels(report);
    const std::string by = report.options.by ? std::string(to_string(*report.options.by)) : std::string();
    for (std::size_t c = 0; c < labels.size(); ++c) {
        const std::string dimension = c == 0 ? "all" : by;
        for (const auto& table : tables) {
            for (const auto& row : table.rows) {
                out += line(dimension, labels[c], row.metric, fmt::format("{}", row.values[c]));
            }
        }
        out += top_rule_lines(dimension, labels[c], c == 0 ? report.total : report.groups[c - 1].figures);
    }
    out += names_lines(report);
    return out;
}

} // namespace telework::cli
