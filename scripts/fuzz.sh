#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (ASan/UBSan) in
# build-fuzz/ and runs each for SECONDS (default 60), one process each.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     # HARNESS: record, config, profile, cache (default all)
#
# Each run starts from a scratch copy of its seed corpus (the repository's
# corpus is never written to), in build-fuzz/fuzz/<harness>/corpus/. A crash,
# leak, timeout (10 s an input) or out-of-memory (2 GiB) is saved in
# build-fuzz/fuzz/<harness>/findings/ (kept across runs), and the script exits
# non-zero after printing it; reproduce it with
#   build-fuzz/tests/fuzz/<harness>_fuzzer <file>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
harnesses=("$@")
[[ ${#harnesses[@]} -gt 0 ]] || harnesses=(record config profile cache)
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "fuzz: SECONDS must be a positive number" >&2; exit 2; }

build_dir=${TELEWORK_FUZZ_BUILD_DIR:-"$root/build-fuzz"}
jobs=$(nproc 2>/dev/null || echo 2)
for harness in "${harnesses[@]}"; do
  [[ -d "$root/tests/fuzz/corpus/$harness" ]] || { echo "fuzz: no harness '$harness' (record, config, profile, cache)" >&2; exit 2; }
done

# A build directory already configured with the harnesses (scripts/test.sh's
# sanitizer build) is used as it is; else only the library and the harnesses
# are configured and built here.
if grep -qs '^TELEWORK_FUZZ:BOOL=ON$' "$build_dir/CMakeCache.txt"; then
  echo "== build $build_dir (harnesses, as configured)"
else
  echo "== build $build_dir (clang, libFuzzer, ASan/UBSan)"
  cmake -S "$root" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DTELEWORK_FUZZ=ON -DTELEWORK_BUILD_TESTS=OFF \
    -DTELEWORK_WERROR=ON >/dev/null
fi
targets=(--target)
for harness in "${harnesses[@]}"; do targets+=("${harness}_fuzzer"); done
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
declare -A dict=([record]=yaml.dict [config]=toml.dict [profile]=toml.dict [cache]=)
failed=()
for harness in "${harnesses[@]}"; do
  work="$build_dir/fuzz/$harness"
  rm -rf "$work/corpus"
  mkdir -p "$work/corpus" "$work/findings"
  cp -R "$root/tests/fuzz/corpus/$harness/." "$work/corpus/"
  touch "$work/started"
  echo "== fuzz $harness for ${seconds}s (log: $work/fuzz.log)"
  # Inputs that once failed are replayed first (libFuzzer writes only to the first directory).
  regressions=()
  [[ -d "$root/tests/fuzz/regressions/$harness" ]] && regressions=("$root/tests/fuzz/regressions/$harness")
  status=0
  "$build_dir/tests/fuzz/${harness}_fuzzer" "$work/corpus" "${regressions[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    ${dict[$harness]:+-dict="$root/tests/fuzz/${dict[$harness]}"} -artifact_prefix="$work/findings/" \
    >"$work/fuzz.log" 2>&1 || status=$?
  # The last status line and the totals: executions, coverage, corpus.
  grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$work/fuzz.log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/fuzz.log" || true
  if [[ $status -ne 0 ]]; then
    echo "fuzz: $harness FAILED (exit status $status); the report:" >&2
    sed -n '/==ERROR\|runtime error\|contract broken\|deadly signal\|ERROR: libFuzzer/,$p' "$work/fuzz.log" | head -n 60 >&2
    find "$work/findings" -type f -newer "$work/started" | sort | while read -r file; do
      echo "fuzz: reproduce with: $build_dir/tests/fuzz/${harness}_fuzzer $file" >&2
    done
    failed+=("$harness")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${harnesses[*]}: nothing found in ${seconds}s each"
