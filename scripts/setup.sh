#!/usr/bin/env bash
# Install what surveycheck needs from Debian 12 (only what is missing), then configure and build it.
# Usage: scripts/setup.sh [preset]   (preset: default | debug | asan; default: default)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"

scripts/install-packages.sh

data_dir="${SURVEYCHECK_DATA_DIR:-$(cd .. && pwd)/shared/data}"
cmake --preset "$preset" -DSURVEYCHECK_DATA_DIR="$data_dir" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
