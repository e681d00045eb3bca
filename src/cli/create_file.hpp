#pragma once

#include <string>
#include <string_view>

namespace telework::cli {

// Creates `name` in the directory `dir_fd` (see open_directory_beneath)
// holding `content`, atomically and without ever replacing a file, even one
// created at the same moment: a temporary file beside it is linked into
// place with renameat2(RENAME_NOREPLACE) (link(2) where the file system
// lacks it). False when `name` already exists; nothing is written then.
// Throws OutputError when the write fails; `shown` names the file in it.
// Defined in output.cpp, beside write_result, whose temporary file it uses.
bool create_new_file(int dir_fd, const std::string& name, std::string_view content, const std::string& shown);

} // namespace telework::cli
