#!/usr/bin/env bash
# Build the libFuzzer harnesses (clang, ASan + UBSan: the `fuzz` preset) and run each for SECONDS; fails on the
# first crash, leak, sanitizer report, timeout or out-of-memory, leaving the input in build-fuzz/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]   (default: 60 s each for reader, profile and regions)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(reader profile regions)

# clang and its libFuzzer runtime are needed here only, not by the main build.
scripts/install-packages.sh clang libclang-rt-14-dev

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

mkdir -p build-fuzz/artifacts build-fuzz/logs
declare -A seeds=(
  [reader]="tests/fuzz/corpus/reader examples"
  [profile]="tests/fuzz/corpus/profile schemas/profiles"
  [regions]="tests/fuzz/corpus/regions"
)
status=0
for harness in "${harnesses[@]}"; do
  corpus="build-fuzz/corpus/$harness"  # grows from run to run; the committed seeds stay as they are
  mkdir -p "$corpus"
  log="build-fuzz/logs/$harness.log"
  # shellcheck disable=SC2086
  if build-fuzz/bin/fuzz_"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$harness-" "$corpus" ${seeds[$harness]} \
      >"$log" 2>&1; then
    echo "fuzz $harness: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${seconds} s, nothing found"
  else
    status=1
    echo "fuzz $harness: FAILED, see $log and build-fuzz/artifacts/$harness-*" >&2
    grep -m5 -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" >&2 || tail -20 "$log" >&2
  fi
done
exit "$status"
