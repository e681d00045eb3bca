#pragma once

#include <stdexcept>
#include <string>

namespace telework::cli {

// Exit statuses (cli.md "Exit status").
enum ExitStatus : int { exit_ok = 0, exit_flagged = 1, exit_usage = 2, exit_unreadable = 3, exit_internal = 70 };

// A usage or configuration error: reported once at the top, exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line was right but the run cannot go on: a bad telework.toml,
// a question git cannot answer. Exit status 2, without the usage hint,
// which would point at the wrong thing.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The result could not be written (--output names a device, a FIFO or a
// directory; the disk is full).
class OutputError : public RunError {
public:
    using RunError::RunError;
};

} // namespace telework::cli
