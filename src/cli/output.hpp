#pragma once

#include "global_options.hpp"

#include <string>
#include <string_view>

namespace telework::cli {

// Writes a command's result to stdout, or with --output to a file,
// atomically (a temporary file beside it, then rename), keeping an existing
// file's mode. Throws OutputError when the target is not a regular file or
// the write fails; the temporary file is removed then and on SIGINT/SIGTERM.
void write_result(const GlobalOptions& global, std::string_view content);

// Creates `name` in the directory `dir_fd` (see open_directory_beneath)
// holding `content`, atomically and without ever replacing a file, even one
// created at the same moment: a temporary file beside it is linked into
// place with renameat2(RENAME_NOREPLACE) (link(2) where the file system
// lacks it). False when `name` already exists; nothing is written then.
// Throws OutputError when the write fails; `shown` names the file in it.
bool create_new_file(int dir_fd, const std::string& name, std::string_view content, const std::string& shown);

// Whether text output gets colour: --color, a terminal, NO_COLOR, --output.
bool use_color(const GlobalOptions& global);

// The chosen --format, checked against what a command offers.
// The chosen --format, checked against what `command` offers (its entry in
// commands()); the first is the default.
std::string_view choose_format(const GlobalOptions& global, std::string_view command);

} // namespace telework::cli
