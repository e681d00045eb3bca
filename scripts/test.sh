#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: once in a
# normal g++ build with warnings as errors, once in a clang build under
# AddressSanitizer and UndefinedBehaviorSanitizer (which is also the check
# that the whole project compiles with clang, warnings as errors); then the
# libFuzzer harnesses.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The HTML report test renders pages in headless Chromium.
export TELEWORK_SETUP_BROWSER=1
bash "$root/scripts/setup.sh"
jobs=$(nproc 2>/dev/null || echo 2)

run_suite() {
  local build_dir=$1; shift
  echo "== build $build_dir $*"
  bash "$root/scripts/build.sh" "$build_dir" "$@"
  echo "== test $build_dir"
  (cd "$build_dir" && ctest --output-on-failure -j "$jobs")
}

run_suite "$root/build"
if [[ "${TELEWORK_SKIP_SANITIZERS:-0}" != 1 ]]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$root/build-sanitize" -DTELEWORK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++
fi
# libFuzzer harnesses (tests/fuzz/), built with clang: 20 seconds each.
if [[ "${TELEWORK_SKIP_FUZZ:-0}" != 1 ]]; then
  bash "$root/scripts/fuzz.sh" "${TELEWORK_FUZZ_SECONDS:-20}"
fi
