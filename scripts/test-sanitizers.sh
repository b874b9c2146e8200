#!/usr/bin/env bash
# Build everything with AddressSanitizer + UndefinedBehaviorSanitizer (the `asan` preset) and run the whole test
# suite under it; any sanitizer report aborts its test, so the script fails. The SDK-consumer tests are left out
# (the preset's filter): they build an out-of-tree plugin with a user's plain flags against the installed SDK,
# which an instrumented SDK cannot link into.
# Usage: scripts/test-sanitizers.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh asan
ctest --preset asan -j "$(nproc)" "$@"
