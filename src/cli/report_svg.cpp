#include "report_svg.hpp"

#include "markup.hpp"

#include "telework/visible.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace telework::cli {

namespace {

// Geometry in viewBox units; the page scales the whole drawing. Each label
// sits above its bar rather than beside it, so that long agency names fit
// and the text stays legible when a phone shrinks the chart.
constexpr int chart_width = 400;
constexpr int bar_span = 340; // the longest bar; the numbers line up after it
constexpr int row_height = 42;
constexpr int label_baseline = 15;
constexpr int bar_top_offset = 21;
constexpr int bar_height = 14;
constexpr int padding = 4;
constexpr std::size_t label_chars = 44; // longer labels are shortened; the row's <title> keeps them whole

constexpr std::string_view bar_colour = "#1d4ed8";
constexpr std::string_view track_colour = "#e5e7eb";
constexpr std::string_view ink_colour = "#111827";

// Proportional to the largest value; a non-zero value is never invisible.
int bar_length(int value, int largest) {
    if (value <= 0 || largest <= 0) return 0;
    const long long length = static_cast<long long>(value) * bar_span / largest;
    return std::max(2, static_cast<int>(length));
}

} // namespace

std::string svg_bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars) {
    int largest = 0;
    for (const Bar& bar : bars) largest = std::max(largest, bar.value);
    const int height = static_cast<int>(bars.size()) * row_height + 2 * padding;
    std::string out = fmt::format(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-labelledby=\"{2}-title\">\n<title id=\"{2}-title\">{3}</title>\n",
        chart_width, height, escape_markup(id), escape_markup(title));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        const int top = padding + static_cast<int>(i) * row_height;
        const int bar_top = top + bar_top_offset;
        const int length = bar_length(bar.value, largest);
        const std::string label = escape_markup(bar.label);
        out += fmt::format("<g class=\"row\"><title>{}: {}</title>\n", label, bar.value);
        out += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"{}\">{}</text>\n", top + label_baseline,
                           ink_colour, escape_markup(shortened(bar.label, label_chars)));
        out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", bar_top, bar_span,
                           bar_height, track_colour);
        out += fmt::format("<rect class=\"bar\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
                           "data-label=\"{}\" data-value=\"{}\"/>\n",
                           bar_top, length, bar_height, bar_colour, label, bar.value);
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"{}\">{}</text></g>\n",
                           std::max(length, bar_span) + 6, bar_top + bar_height - 2, ink_colour, bar.value);
    }
    return out + "</svg>\n";
}

} // namespace telework::cli
