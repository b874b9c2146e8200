#!/usr/bin/env bash
# Issue 14: cost per region of one long answer, and memory of many attributes and of one huge text node.
#   regions: 0, 1k, 10k and 100k regions in one answer (bench/make_long_answer.py); CPU (task-clock) per
#            region above the empty answer, the fastest of 3 runs; the 1k figure is the baseline of the ratios.
#   memory:  10 M attributes on one AnswerSet (129 MB) and a 256 MB text node: wall, CPU and peak RSS of
#            validate and redact, as a multiple of the file.
# OLD=path/to/surveycheck adds the same runs of an older binary (regions up to 10k: it is quadratic).
# Usage: [NEW=build/bin/surveycheck] [OLD=...] [BENCH_DIR=/tmp/long-answer] bench/long_answer.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
new="${NEW:-$root/build/bin/surveycheck}"
old="${OLD:-}"
dir="${BENCH_DIR:-/tmp/long-answer}"
mkdir -p "$dir"
make() { [[ -f "$dir/$2" ]] || python3 "$root/bench/make_long_answer.py" $1 -o "$dir/$2"; }
for n in 0 1000 10000 100000; do make "regions $n" "regions-$n.xml"; done
make "attributes 10000000" attributes-10m.xml
make "text 256" text-256m.xml

# CPU milliseconds of one run (task-clock), the fastest of 3.
cpu_ms() {
  local best=""
  for _ in 1 2 3; do
    local ms
    ms=$(perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.1f", $1}')
    [[ -z "$best" ]] || awk -v a="$ms" -v b="$best" 'BEGIN {exit !(a < b)}' && best=$ms
  done
  echo "$best"
}

echo "== regions in one answer: CPU per region above the empty answer (validate --format json)"
for which in new old; do
  bin=${!which}
  [[ -n "$bin" ]] || continue
  base=""
  empty=$(cpu_ms "$bin" validate "$dir/regions-0.xml" --format json -o "$dir/r.json")
  for n in 1000 10000 100000; do
    [[ $which == old && $n -gt 10000 ]] && continue
    for audience in internal public; do
      ms=$(cpu_ms "$bin" validate "$dir/regions-$n.xml" --audience $audience --format json -o "$dir/r.json")
      per=$(awk -v t="$ms" -v e="$empty" -v n=$n 'BEGIN {printf "%.2f", (t - e) * 1000 / n}')
      [[ $n == 1000 && $audience == internal ]] && base=$per
      printf "%-3s %6d regions %-8s %8.1f ms CPU  %6.2f us/region  %5.2fx of 1k internal\n" \
        $which $n $audience "$ms" "$per" "$(awk -v p="$per" -v b="$base" 'BEGIN {print p / b}')"
    done
  done
done

echo "== memory: peak RSS as a multiple of the file"
for which in new old; do
  bin=${!which}
  [[ -n "$bin" ]] || continue
  for run in "validate attributes-10m.xml" "validate text-256m.xml" "redact text-256m.xml"; do
    set -- $run
    size=$(stat -c %s "$dir/$2")
    extra=()
    [[ $1 == redact ]] && extra=(--force -o "$dir/public.xml")
    [[ $1 == validate ]] && extra=(--format json -o "$dir/m.json")
    /usr/bin/time -f "%e %U %S %M %x" -o "$dir/time.txt" "$bin" $1 "$dir/$2" "${extra[@]}" >/dev/null 2>"$dir/err.txt"
    read -r wall user sys rss code < <(tail -1 "$dir/time.txt")
    printf "%-3s %-8s %-20s %5d MB file  exit %s  %6.2f s wall %6.2f s CPU  %6d MB peak  %4.2fx\n" \
      $which $1 $2 $((size >> 20)) "$code" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" \
      $((rss >> 10)) "$(awk -v r="$rss" -v s="$size" 'BEGIN {print r * 1024 / s}')"
    [[ $code == 2 ]] && head -c 300 "$dir/err.txt" | sed 's/^/      /'
  done
done
