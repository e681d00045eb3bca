#pragma once

#include <string>
#include <string_view>

namespace telework::cli {

// Escapes text for XML and HTML, and drops what XML 1.0 cannot carry at all
// (control characters, invalid UTF-8), so any message yields a well-formed
// document. In attributes, line breaks and tabs are written as character
// references, since a parser would otherwise normalise them to spaces.
std::string escape_markup(std::string_view text, bool attribute = false);

} // namespace telework::cli
