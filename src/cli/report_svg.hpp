#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace telework::cli {


struct Bar {
    std::string label;
    int value = 0;
};

// A horizontal bar chart as inline SVG: per bar a label, a bar on a light
// track and the number. It scales to its container (viewBox), names itself
// for screen readers (role="img", <title>), and each bar carries
// data-label/data-value so tests can check what was drawn.
std::string svg_bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars);

} // namespace telework::cli
