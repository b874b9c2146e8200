#!/usr/bin/env bash
# Peak memory of a night in every format at once, and of merging its four shards, against an older binary:
# a night of FILES exports of PER contributions (default 16 x 4,200 = 67,200, about 940 MB) from
# bench/make_corpus.py (one export, copied). Each run twice, the two figures given as a range.
# Needs about 3 GB of disk in BENCH_DIR.
# Usage: OLD=path/to/surveycheck NEW=path/to/surveycheck BENCH_DIR=dir bench/night_memory.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="${OLD:?the older surveycheck}"
new="${NEW:-$root/build/bin/surveycheck}"
files="${FILES:-16}"
per="${PER:-4200}"
work="${BENCH_DIR:?a folder for the night}"
night="$work/night-$files-$per"
mkdir -p "$night" "$work/out"
[[ -s "$night/night-01.xml" ]] || python3 "$root/bench/make_corpus.py" "$per" -o "$night/night-01.xml"
for i in $(seq -w 2 "$files"); do [[ -s "$night/night-$i.xml" ]] || cp "$night/night-01.xml" "$night/night-$i.xml"; done
export TMPDIR="$work/out"  # the reports' temporary files, counted on disk, not in memory
formats=()
for f in text json jsonl sarif junit html; do formats+=(--format "$f:$work/out/night.$f"); done
peak() {  # peak LABEL COMMAND...: "LABEL wall-seconds peak-MB"
  local label="$1"
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"
  awk -v label="$label" '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); wall = t[n] + 60 * t[n - 1]}
    /Maximum resident/ {kb = $NF} END {printf "%-28s wall %7.1f s  peak %7.0f MB\n", label, wall, kb / 1024}' \
    "$work/time.txt"
}
# The shards' reports once (both binaries write the same bytes), merged by each binary.
for k in 1 2 3 4; do
  [[ -s "$work/shard$k.sarif" ]] || "$new" validate "$night"/*.xml -j 2 -q --shard "$k/4" \
    --format "json:$work/shard$k.json" --format "sarif:$work/shard$k.sarif" >/dev/null 2>&1
done
for run in 1 2; do
  for which in old new; do
    bin=${!which}
    peak "$which all-formats #$run" "$bin" validate "$night"/*.xml -j 2 -q "${formats[@]}"
    peak "$which merge-json #$run" "$bin" merge "$work"/shard{1,2,3,4}.json -o "$work/out/merged.json"
    peak "$which merge-sarif #$run" "$bin" merge "$work"/shard{1,2,3,4}.sarif -o "$work/out/merged.sarif"
    rm -f "$work"/out/night.* "$work"/out/merged.*
  done
done
