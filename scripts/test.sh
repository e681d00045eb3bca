#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: once in a
# normal g++ build with warnings as errors, once in a clang build under
# AddressSanitizer and UndefinedBehaviorSanitizer (which is also the check
# that the whole project compiles with clang, warnings as errors, and which
# builds the libFuzzer harnesses); then the harnesses.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The HTML report test renders pages in headless Chromium.
export TELEWORK_SETUP_BROWSER=1
bash "$root/scripts/setup.sh"
jobs=$(nproc 2>/dev/null || echo 2)

# run_suite BUILD_DIR "CTEST_ARGS" [CMAKE_ARGS...]
run_suite() {
  local build_dir=$1 ctest_args=$2; shift 2
  echo "== build $build_dir $*"
  bash "$root/scripts/build.sh" "$build_dir" "$@"
  echo "== test $build_dir"
  # shellcheck disable=SC2086 # ctest_args is a list of words
  (cd "$build_dir" && ctest --output-on-failure -j "$jobs" $ctest_args)
}

# -O2 without debug information: the tests need neither -O3 (with which g++ 12
# warns falsely in std::string) nor -g, and both cost build time.
run_suite "$root/build" "" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
# The sanitizer build also builds the libFuzzer harnesses (the library then
# carries their coverage instrumentation), so fuzz.sh builds nothing more.
# -O1 with line tables: the usual setting for ASan, several times faster than
# -O0 and with file:line in every report. Tests labelled `external` check
# another program's verdict on telework's output (SARIF validator, Chromium,
# dpkg) and run in the normal build only.
if [[ "${TELEWORK_SKIP_SANITIZERS:-0}" != 1 ]]; then
  fuzz=OFF
  [[ "${TELEWORK_SKIP_FUZZ:-0}" != 1 ]] && fuzz=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$root/build-sanitize" "-LE external" -DTELEWORK_SANITIZE=ON -DTELEWORK_FUZZ=$fuzz \
      -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DCMAKE_CXX_COMPILER=clang++
fi
# libFuzzer harnesses (tests/fuzz/): 20 seconds each.
if [[ "${TELEWORK_SKIP_FUZZ:-0}" != 1 ]]; then
  if [[ "${TELEWORK_SKIP_SANITIZERS:-0}" != 1 ]]; then export TELEWORK_FUZZ_BUILD_DIR="$root/build-sanitize"; fi
  bash "$root/scripts/fuzz.sh" "${TELEWORK_FUZZ_SECONDS:-20}"
fi
