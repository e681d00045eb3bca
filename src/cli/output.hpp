#pragma once

#include "global_options.hpp"

#include <string_view>

namespace telework::cli {

// Writes a command's result to stdout, or with --output to a file,
// atomically (a temporary file beside it, then rename), keeping an existing
// file's mode. Throws OutputError when the target is not a regular file or
// the write fails; the temporary file is removed then and on SIGINT/SIGTERM.
void write_result(const GlobalOptions& global, std::string_view content);

// Whether text output gets colour: --color, a terminal, NO_COLOR, --output.
bool use_color(const GlobalOptions& global);

// The chosen --format, checked against what a command offers.
// The chosen --format, checked against what `command` offers (its entry in
// commands()); the first is the default.
std::string_view choose_format(const GlobalOptions& global, std::string_view command);

} // namespace telework::cli
