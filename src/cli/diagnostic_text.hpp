#pragma once

#include "telework/engine.hpp"

#include <string>

namespace telework::cli {

// "path:line:col: severity: message [ID name]", the source line and a caret.
std::string render_diagnostic(const RecordFile& file, const Finding& finding, bool color);

// The caret line for a column of a source line: the line's own tabs are
// kept so the caret lines up in any terminal.
std::string caret_prefix(std::string_view line, int column);

} // namespace telework::cli
