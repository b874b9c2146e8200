#!/usr/bin/env bash
# Build everything with AddressSanitizer + UndefinedBehaviorSanitizer (the `asan` preset) and run the whole test
# suite under it; any sanitizer report aborts its test, so the script fails.
# Usage: scripts/test-sanitizers.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh asan
ctest --preset asan -j "$(nproc)" "$@"
