#pragma once

namespace telework::cli {

// Parses the command line, runs the chosen command and returns the exit
// status. Unexpected exceptions are caught here, once.
int run(int argc, char** argv);

} // namespace telework::cli
