#!/usr/bin/env bash
# Installs what is missing, builds, and validates the shipped example repos.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh" "$root/build"
telework="$root/build/src/telework"
cd "$root"
status=0
for repo in examples/connecticut examples/federal; do
  echo "== telework validate $repo"
  "$telework" validate "$repo" || status=$?
  # 1 means findings were reported: the examples break rules on purpose.
  [[ $status -le 1 ]] || exit "$status"
  status=0
done
echo
# A minimal Debian has no man; groff (installed by setup.sh) reads the page.
if command -v man >/dev/null; then
  manual="man -l man/telework.1"
else
  manual="groff -man -Tutf8 man/telework.1 | more"
fi
echo "The binary is $telework; see README.md and '$manual'."
