#!/usr/bin/env bash
# Install from Debian 12 what surveycheck needs to build and test, plus any packages named as arguments
# (bench/compare.sh adds its own), only those missing. Usage: scripts/install-packages.sh [package...]
set -euo pipefail

packages=(
  "$@"                                     # what the caller adds
  cmake ninja-build g++ pkg-config         # build
  libboost-dev                             # Boost.DLL (header-only, with std::filesystem)
  libpugixml-dev                           # XML reader
  libspdlog-dev                            # logs
  libcli11-dev                             # command line
  nlohmann-json3-dev                       # JSON report
  libzip-dev                               # ZIP exports
  libxml2-dev                              # redact proves its output with a second, standard XML parser
  libgtest-dev libgmock-dev                # tests
  python3 python3-jsonschema libxml2-utils # tests that validate our outputs against their schemas
  chromium                                 # the HTML report's test renders it in a headless browser
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-packages: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

