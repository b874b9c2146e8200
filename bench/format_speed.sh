#!/usr/bin/env bash
# Wall time of each report format against JSON on the 2,000-contribution corpus (bench/make_corpus.py), --jobs 2,
# interleaved, the fastest of RUNS (default 3) per format; the whole measurement twice (two ratios per format).
# Usage: BIN=path/to/surveycheck BENCH_DIR=dir [CORPUS=file] bench/format_speed.sh   (CORPUS: another export,
# e.g. the findings-heavy one of make_corpus.py --heavy)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BIN:-$root/build/bin/surveycheck}"
work="${BENCH_DIR:?the folder of the corpus}"
runs="${RUNS:-3}"
corpus="${CORPUS:-$work/corpus-2000.xml}"
[[ -s "$corpus" ]] || python3 "$root/bench/make_corpus.py" 2000 -o "$corpus"
export TMPDIR="$work"
formats=(json text jsonl sarif junit html)
for round in 1 2; do
  rm -f "$work/speed.txt"
  for _ in $(seq "$runs"); do
    for f in "${formats[@]}"; do
      /usr/bin/time -f "$f %e" -a -o "$work/speed.txt" "$bin" validate "$corpus" -j 2 -q \
        --format "$f:$work/speed-out.$f" >/dev/null 2>&1
      rm -f "$work/speed-out.$f"
    done
  done
  grep -v "^Command" "$work/speed.txt" | sort -k1,1 -k2,2n | awk -v round="$round" '!seen[$1]++ {best[$1] = $2; order[n++] = $1}
    END {for (i = 0; i < n; i++) printf "round %s %-6s %6.2f s  %.2fx json\n", round, order[i], best[order[i]],
         best[order[i]] / best["json"]}'
done
