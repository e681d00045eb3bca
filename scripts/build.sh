#!/usr/bin/env bash
# Configures and builds telework. Usage: scripts/build.sh [BUILD_DIR] [CMAKE_ARGS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-"$root/build"}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build_dir" -DTELEWORK_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
