#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: once in a
# normal build with warnings as errors, once under AddressSanitizer and
# UndefinedBehaviorSanitizer.
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
    run_suite "$root/build-sanitize" -DTELEWORK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
fi
# libFuzzer harnesses (tests/fuzz/), built with clang: 30 seconds each.
if [[ "${TELEWORK_SKIP_FUZZ:-0}" != 1 ]]; then
  bash "$root/scripts/fuzz.sh" "${TELEWORK_FUZZ_SECONDS:-30}"
fi
