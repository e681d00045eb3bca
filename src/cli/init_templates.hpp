#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace telework::cli {

// One file `telework init` creates: its path in the new repo and its text.
struct InitFile {
    std::string path;
    std::string text;
};

// The files of a new agreements repo for a profile and a forge
// (`github`, `gitlab` or `none`), in the order they are created.
std::vector<InitFile> init_files(std::string_view profile, std::string_view ci, std::string_view schema);

} // namespace telework::cli
