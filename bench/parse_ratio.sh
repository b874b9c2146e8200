#!/usr/bin/env bash
# Issue 15's speed target, measured: `validate --jobs 2 --format json` against pugixml parse-only of the same
# file in the same run, on a light corpus (bench/make_corpus.py, ~3.4 findings per contribution) and a
# findings-heavy one (--heavy, ~25 per contribution, most inside long answers), 2,000 contributions each.
#   bench/parse_ratio.sh [BUILD_DIR]     (default build/; needs -DSURVEYCHECK_BUILD_BENCH=ON for parse-only)
# Each command runs RUNS times (default 7), alternating, and the fastest wall time counts. Corpora go to
# $BENCH_DIR (default /tmp/surveycheck-bench).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
work="${BENCH_DIR:-/tmp/surveycheck-bench}"
runs="${RUNS:-7}"
mkdir -p "$work"
[[ -s "$work/light-2000.xml" ]] || python3 "$here/make_corpus.py" 2000 -o "$work/light-2000.xml"
[[ -s "$work/heavy-2000.xml" ]] || python3 "$here/make_corpus.py" --heavy 2000 -o "$work/heavy-2000.xml"
sync
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $build/bin/surveycheck"
for corpus in light heavy; do
  file="$work/$corpus-2000.xml"
  best_parse=999 best_sc=999 cpu_parse=0 cpu_sc=0
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$build/bin/surveycheck_parse_only" "$file" >/dev/null
    read -r wall user sys < <(tail -1 "$work/t")
    if python3 -c "import sys; sys.exit(0 if $wall < $best_parse else 1)"; then
      best_parse=$wall cpu_parse=$(python3 -c "print(round($user + $sys, 2))")
    fi
    rm -f "$work/report.json"
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$build/bin/surveycheck" validate -q -j2 \
      --format "json:$work/report.json" "$file" >/dev/null 2>&1 || true
    read -r wall user sys < <(tail -1 "$work/t")
    if python3 -c "import sys; sys.exit(0 if $wall < $best_sc else 1)"; then
      best_sc=$wall cpu_sc=$(python3 -c "print(round($user + $sys, 2))")
    fi
  done
  findings=$(python3 -c "import json; print(len(json.load(open('$work/report.json'))['findings']))")
  printf '%-6s %5d findings  parse-only %5.2f s (cpu %5.2f)  validate -j2 %5.2f s (cpu %5.2f)  ratio %.2fx wall\n' \
    "$corpus" "$findings" "$best_parse" "$cpu_parse" "$best_sc" "$cpu_sc" \
    "$(python3 -c "print($best_sc / $best_parse)")"
done
