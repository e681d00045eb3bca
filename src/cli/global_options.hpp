#pragma once

#include <string>
#include <vector>

namespace telework::cli {

// Options every command accepts (cli.md "Global options").
struct GlobalOptions {
    std::string config;
    std::string profile;
    std::string as_of;
    std::string format;
    std::string color = "auto";
    std::string output;
    int jobs = 0; // 0 = all cores
    bool quiet = false;
    bool verbose = false;
    bool no_cache = false;
    std::string cache_dir; // empty: TELEWORK_CACHE_DIR, XDG_CACHE_HOME or ~/.cache
    std::string stdin_filename; // the name of the record read from '-
    std::vector<std::string> paths;
};

} // namespace telework::cli
