#!/usr/bin/env bash
# Installs the Debian packages telework needs to build and test.
# Idempotent: installs nothing when everything is already present.
# dpkg-dev (dpkg-shlibdeps) and file are for `cpack -G DEB`, man-db for the
# test that renders the packaged manual page.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcli11-dev libyaml-cpp-dev libfmt-dev libtomlplusplus-dev doctest-dev
  nlohmann-json3-dev nettle-dev
  groff-base libxml2-utils
  clang libclang-rt-14-dev
  python3 python3-jsonschema python3-yaml
  dpkg-dev file man-db
)
if [[ "${TELEWORK_SETUP_BROWSER:-0}" == 1 ]]; then
  packages+=(chromium fonts-dejavu-core)
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
