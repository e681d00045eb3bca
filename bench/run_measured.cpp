// Runs one command and reports its own wall time, CPU time and peak RSS, for
// bench/benchmark.py.
//
// Why not os.wait4 in Python directly: Linux carries a process's ru_maxrss
// across exec (the high-water mark of the memory it had before exec counts),
// so a child forked from a 20 MiB Python reports at least 20 MiB even when
// the program it runs never uses 6. Forked from this small program instead,
// the child starts from about 1 MiB, and wait4 of that one child gives its
// own figures (not RUSAGE_CHILDREN, which would sum every child ever waited).
//
// Build: g++ -O2 -std=c++20 run_measured.cpp -o run_measured
// Usage: run_measured REPORT_FILE PROGRAM [ARG...]
//   stdin, stdout and stderr are the program's; REPORT_FILE receives one line
//   "exit <code> wall <s> user <s> sys <s> maxrss_kib <n>"; exits with the
//   program's code (128+N if a signal N killed it, 127 if it cannot be run).
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace {

double seconds(const timeval& value) { return static_cast<double>(value.tv_sec) + value.tv_usec / 1e6; }

double now() {
    timespec value{};
    clock_gettime(CLOCK_MONOTONIC, &value);
    return static_cast<double>(value.tv_sec) + value.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: run_measured REPORT_FILE PROGRAM [ARG...]\n");
        return 2;
    }
    const double start = now();
    const pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "run_measured: fork: %s\n", std::strerror(errno));
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        std::fprintf(stderr, "run_measured: %s: %s\n", argv[2], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::fprintf(stderr, "run_measured: wait4: %s\n", std::strerror(errno));
            return 2;
        }
    }
    const double wall = now() - start;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::FILE* report = std::fopen(argv[1], "w");
    if (!report) {
        std::fprintf(stderr, "run_measured: %s: %s\n", argv[1], std::strerror(errno));
        return 2;
    }
    std::fprintf(report, "exit %d wall %.6f user %.6f sys %.6f maxrss_kib %ld\n", code, wall, seconds(usage.ru_utime),
                 seconds(usage.ru_stime), usage.ru_maxrss);
    std::fclose(report);
    return code;
}
