#!/usr/bin/env bash
# Install what surveycheck needs from Debian 12 (only what is missing), then configure and build it.
# Usage: scripts/setup.sh [preset]   (preset: default | debug | asan; default: default)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"

packages=(
  cmake ninja-build g++ pkg-config         # build
  libboost-dev                             # Boost.DLL (header-only, with std::filesystem)
  libpugixml-dev                           # XML reader
  libspdlog-dev                            # logs
  libcli11-dev                             # command line
  nlohmann-json3-dev                       # JSON report
  libzip-dev                               # ZIP exports
  libgtest-dev libgmock-dev                # tests
  python3 python3-jsonschema libxml2-utils # tests that validate our outputs against their schemas
  chromium                                 # the HTML report's test renders it in a headless browser
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

data_dir="${SURVEYCHECK_DATA_DIR:-$(cd .. && pwd)/shared/data}"
cmake --preset "$preset" -DSURVEYCHECK_DATA_DIR="$data_dir" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
