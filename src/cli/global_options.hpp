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
    std::string stdin_filename; // the name of the record read from '-
    std::vector<std::string> paths;
};

} // namespace telework::cli
