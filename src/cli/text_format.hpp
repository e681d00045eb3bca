#pragma once

#include "telework/visible.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace telework::cli {

// Prose wrapped at `width` columns, each line behind `indent`.
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent);

// Text padded with spaces to `width` columns (display_width), on the right
// or, for numbers, on the left.
std::string pad(std::string_view text, std::size_t width, bool right = false);

// A CSV field (RFC 4180), as visible() shows the text, and neutralised
// against spreadsheet formulas (OWASP, "CSV Injection"): a field starting
// with '=', '+', '-' or '@' gets a leading "'", which spreadsheets read as
// "this is text" (TAB and CR, OWASP's other two, are escapes by then). A field is quoted when it holds a comma or a quote,
// and when it would start a line with "::" (a GitHub Actions workflow
// command if the file is printed in a CI log).
std::string csv_field(std::string_view text);

} // namespace telework::cli
