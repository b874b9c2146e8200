#!/usr/bin/env bash
# Set everything up, then build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default
ctest --preset default -j "$(nproc)"
