#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace telework::cli {

// Columns a UTF-8 string takes in a terminal (one per code point).
std::size_t display_width(std::string_view text);

// Prose wrapped at `width` columns, each line behind `indent`.
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent);

// RFC 4180: a field is quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);

} // namespace telework::cli
