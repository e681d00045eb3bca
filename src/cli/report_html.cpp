#include "report_formats.hpp"
#include "markup.hpp"
#include "report_svg.hpp"

#include "telework/version.hpp"

#include <fmt/format.h>

namespace telework::cli {

namespace {

// Inline, like everything else: the page is one file that opens offline,
// prints on paper and reflows on a phone.
constexpr std::string_view style = R"(:root{color-scheme:light;--ink:#111827;--muted:#4b5563;--rule:#e5e7eb;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:1rem 1.25rem 2rem;color:var(--ink);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .25rem;padding-bottom:.2rem;border-bottom:2px solid var(--rule)}
.meta{color:var(--muted);margin:.2rem 0}
.note{color:var(--muted);margin:.25rem 0 .75rem;max-width:46rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem;margin:1rem 0;padding:0}
.cards div{border:1px solid var(--rule);border-left:4px solid var(--accent);border-radius:.4rem;padding:.5rem .75rem}
.cards dt{font-size:.85rem;color:var(--muted)}
.cards dd{margin:0;font-size:1.75rem;font-weight:600;font-variant-numeric:tabular-nums}
.cards dd.window{font-size:.8rem;font-weight:400;color:var(--muted)}
figure{margin:0 0 1rem;break-inside:avoid}
figcaption{font-weight:600;margin:.5rem 0 .25rem}
svg.chart{display:block;width:100%;max-width:30rem;height:auto;margin:.25rem 0 .5rem}
details.data{margin:.25rem 0 .5rem}
details.data>summary{cursor:pointer;color:var(--accent);font-size:.9rem}
.table{overflow-x:auto;-webkit-overflow-scrolling:touch}
.table:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.2rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--muted)}
th[scope=row],thead th:first-child{position:sticky;left:0;z-index:1;background:#fff}
.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total th,tr.total td{font-weight:600}
.nowrap{white-space:nowrap}
footer{margin-top:2.5rem;color:var(--muted);font-size:.85rem}
@media (min-width:64rem){body{max-width:96rem}
main{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));column-gap:2.5rem;align-items:start}
main>section.wide{grid-column:1/-1}svg.chart{max-width:32rem}}
@media (max-width:30rem){body{padding:.75rem}h1{font-size:1.35rem}.cards dd{font-size:1.4rem}table{font-size:.85rem}}
@media print{body{max-width:none;padding:0;font-size:10.5pt}main{display:block}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2{break-after:avoid}section{break-inside:avoid-page}.table{overflow:visible}svg.chart{max-width:24rem}
details.data>summary{display:none}details.data::details-content{content-visibility:visible;display:block}}
)";

std::string number(int value) { return fmt::format("{}", value); }

std::string table_html(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric,
                       const std::vector<bool>& totals = {}) {
    // A region the keyboard can reach and scroll (it scrolls sideways on a
    // phone), named after its table.
    std::string out = fmt::format("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\"><table>\n"
                                  "<caption>{0}</caption>\n<thead><tr>",
                                  escape_markup(caption));
    for (std::size_t c = 0; c < header.size(); ++c) {
        out += fmt::format("<th scope=\"col\"{}>{}</th>", numeric[c] ? " class=\"n\"" : "", escape_markup(header[c]));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool total = r < totals.size() && totals[r];
        out += total ? "<tr class=\"total\">" : "<tr>";
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string_view tag = c == 0 ? "th" : "td";
            out += fmt::format("<{}{}{}>{}</{}>", tag, c == 0 ? " scope=\"row\"" : "", numeric[c] ? " class=\"n\"" : "",
                               escape_markup(rows[r][c]), tag);
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

// A table that repeats a chart: folded on screen (the chart is its summary),
// unfolded in print (the style opens it).
std::string folded(const std::string& table) {
    return "<details class=\"data\"><summary>The figures as a table</summary>\n" + table + "</details>\n";
}

std::string figure_table(const FigureTable& table, const std::vector<std::string>& columns, const Report& report) {
    std::vector<std::string> header{table.category};
    header.insert(header.end(), columns.begin(), columns.end());
    std::vector<bool> numeric(header.size(), true);
    numeric[0] = false;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> totals;
    for (const auto& row : table.rows) {
        std::vector<std::string> cells{row.label};
        for (const int value : row.values) cells.push_back(number(value));
        rows.push_back(std::move(cells));
        totals.push_back(row.total);
    }
    return table_html(table.title + (report.groups.empty() ? ": whole repo"
                                                           : ": whole repo and each " +
                                                                 std::string(to_string(*report.options.by))),
                      header, rows, numeric, totals);
}

std::string chart(const FigureTable& table) {
    std::vector<Bar> bars;
    for (const auto& row : table.rows) {
        if (!row.total) bars.push_back({row.label, row.values.front()});
    }
    return svg_bar_chart("chart-" + table.id, table.title + ": whole repo", bars);
}

std::string section(const FigureTable& table, const std::vector<std::string>& columns, const Report& report) {
    std::string out = fmt::format("<section id=\"{0}\" aria-labelledby=\"{0}-heading\">\n"
                                  "<h2 id=\"{0}-heading\">{1}</h2>\n<p class=\"note\">{2}</p>\n",
                                  escape_markup(table.id), escape_markup(table.title), escape_markup(table.note));
    if (table.chart) {
        out += fmt::format("<figure>\n<figcaption>{}: whole repo{}</figcaption>\n", escape_markup(table.title),
                           report.groups.empty() ? std::string()
                                                 : fmt::format("; the table also gives each {}",
                                                               to_string(*report.options.by)));
        out += chart(table) + folded(figure_table(table, columns, report)) + "</figure>\n";
    } else {
        out += figure_table(table, columns, report);
    }
    return out + "</section>\n";
}

// Each card says what it counts and over which window: the as-of date, the
// reporting period, or a range of end dates.
std::string cards(const Report& report) {
    const ReportFigures& f = report.total;
    const std::string as_of = report.as_of.to_string();
    const std::string last = report.months[3].add_days(-1).to_string();
    struct Card {
        std::string label;
        int value;
        std::string window;
    };
    const std::vector<Card> items = {
        {"Current agreements", f.current_agreements, "approved and not superseded as of " + as_of + ", expired ones included"},
        {"Employees with a current agreement", f.employees_with_current_agreement, "distinct employees as of " + as_of},
        {"Approvals", f.approvals, "approved " + period_text(report.options.period)},
        {"Ended", f.expiring.expired, "current agreements whose end date is before " + as_of},
        {"Ending soon", f.expiring.by_month[0] + f.expiring.by_month[1] + f.expiring.by_month[2],
         "current agreements ending " + as_of + " to " + last + " (this month and the next two)"},
        {"Records with errors", f.records_with_errors,
         fmt::format("of the {} records read, skipped ones included, whatever their dates", f.records_checked)},
    };
    std::string out = "<dl class=\"cards\">\n";
    for (const Card& card : items) {
        out += fmt::format("<div><dt>{}</dt><dd>{}</dd><dd class=\"window\">{}</dd></div>\n",
                           escape_markup(card.label), card.value, escape_markup(card.window));
    }
    return out + "</dl>\n";
}

std::string groups_section(const Report& report) {
    if (report.groups.empty()) return {};
    const std::string by(to_string(*report.options.by));
    const std::string title = "Current agreements by " + by;
    std::vector<Bar> bars;
    std::vector<std::vector<std::string>> rows;
    for (const auto& group : report.groups) {
        const ReportFigures& f = group.figures;
        bars.push_back({group.label, f.current_agreements});
        rows.push_back({group.label, number(f.records), number(f.current_agreements),
                        number(f.employees_with_current_agreement), number(f.approvals),
                        number(f.records_with_errors)});
    }
    std::string out = fmt::format("<section id=\"groups\" class=\"wide\" aria-labelledby=\"groups-heading\">\n"
                                  "<h2 id=\"groups-heading\">By {}</h2>\n<figure>\n<figcaption>{}</figcaption>\n",
                                  escape_markup(by), escape_markup(title));
    out += svg_bar_chart("chart-groups", title, bars);
    out += folded(table_html("Each " + by + " at a glance",
                             {by, "records", "current agreements", "employees", "approvals", "records with errors"},
                             rows, {false, true, true, true, true, true}));
    return out + "</figure>\n</section>\n";
}

std::string top_rules_section(const Report& report) {
    const bool grouped = !report.groups.empty();
    std::vector<Bar> bars;
    for (const RuleCount& rule : report.total.top_rules) bars.push_back({rule.rule + " " + rule.name, rule.findings});
    const TopRulesTable table = top_rules_rows(report, true);

    std::string out = fmt::format("<section id=\"rules\" aria-labelledby=\"rules-heading\">\n"
                                  "<h2 id=\"rules-heading\">{}</h2>\n<p class=\"note\">{}</p>\n",
                                  top_rules_title, escape_markup(top_rules_note));
    const std::string title = std::string(top_rules_title) + ": error findings, whole repo";
    out += fmt::format("<figure>\n<figcaption>{}</figcaption>\n", escape_markup(title));
    if (bars.empty()) {
        out += "<p>No error findings.</p>\n";
    } else {
        out += svg_bar_chart("chart-rules", title, bars);
    }
    const std::string rules_table = table_html(
        std::string(top_rules_title) +
            (grouped ? ": whole repo and each " + std::string(to_string(*report.options.by)) : ": whole repo"),
        table.header, table.rows, table.numeric);
    out += bars.empty() ? rules_table : folded(rules_table);
    return out + "</figure>\n</section>\n";
}

std::string names_section(const Report& report) {
    if (!report.options.include_names) return {};
    const std::string last = report.months.back().add_months(1).add_days(-1).to_string();
    std::string out = fmt::format("<section id=\"names\" class=\"wide\" aria-labelledby=\"names-heading\">\n"
                                  "<h2 id=\"names-heading\">Agreements ending</h2>\n<p class=\"note\">Current "
                                  "agreements that have ended or end by {}, with the people concerned.</p>\n",
                                  last);
    std::vector<std::vector<std::string>> rows;
    for (const auto& entry : report.expiring_agreements) {
        rows.push_back({entry.end.to_string(), entry.expired ? "expired" : "ending", entry.id, entry.employee,
                        entry.email, entry.supervisor, entry.agency, entry.unit});
    }
    if (rows.empty()) return out + "<p>None.</p>\n</section>\n";
    out += table_html("Agreements ending by " + last,
                      {"end", "state", "id", "employee", "email", "supervisor", "agency", "unit"}, rows,
                      std::vector<bool>(8, false));
    return out + "</section>\n";
}

} // namespace

std::string render_report_html(const Report& report) {
    const std::string title = "Telework report as of " + report.as_of.to_string();
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n", escape_markup(title), style);
    out += fmt::format("<header>\n<h1>Telework report as of <span class=\"nowrap\">{}</span></h1>\n",
                       report.as_of.to_string());
    out += fmt::format("<p class=\"meta\">Records: {}.</p>\n", escape_markup(records_text(report)));
    out += fmt::format("<p class=\"meta\">Denials, terminations and approvals counted {}.{}</p>\n",
                       escape_markup(period_text(report.options.period)),
                       report.options.by ? " Grouped by " + std::string(to_string(*report.options.by)) + "." : "");
    out += "</header>\n<main>\n<section id=\"summary\" class=\"wide\" aria-labelledby=\"summary-heading\">\n"
           "<h2 id=\"summary-heading\">Summary</h2>\n";
    out += cards(report) + "</section>\n";
    out += groups_section(report);
    const auto columns = column_labels(report);
    for (const auto& table : figure_tables(report)) out += section(table, columns, report);
    out += top_rules_section(report);
    out += names_section(report);
    out += fmt::format("</main>\n<footer>\n<p>Made by telework {} from the agreement records; figures are counts "
                       "of records. Names and contact details appear only when asked for (--include-names).</p>\n"
                       "</footer>\n</body>\n</html>\n",
                       version);
    return out;
}

} // namespace telework::cli
