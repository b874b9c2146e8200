#!/usr/bin/env bash
# The end-to-end comparison, from a clean clone, in one command:
#   bench/compare.sh [--quick]          (--quick: skip the 100k and 2 GB runs)
# Builds a Release tree with the benchmarks, writes the corpora, then measures on the same file in the same run:
# pugixml parse-only (the floor), xmllint --noout, xmllint --schematron (bench/s3-rules.sch) and
# surveycheck validate (every first-party plugin, JSON report). Prints wall and CPU seconds, peak memory and
# ratios against the targets of issue 8. Work files go to $BENCH_DIR (default build-bench/corpus).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${BENCH_BUILD:-$root/build-bench}"
work="${BENCH_DIR:-$build/corpus}"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
mkdir -p "$work"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSURVEYCHECK_BUILD_TESTS=OFF >/dev/null
fi
cmake -S "$root" -B "$build" -DSURVEYCHECK_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target surveycheck surveycheck_parse_only mandatory-fields nuts-code-format \
  eu13-justification confidentiality-separation >/dev/null
sc="$build/bin/surveycheck"
floor="$build/bin/surveycheck_parse_only"

corpus() {  # corpus N -> path
  local file="$work/corpus-$1.xml"
  [[ -s "$file" ]] || python3 "$here/make_corpus.py" "$1" -o "$file"
  echo "$file"
}

# measure NAME COMMAND... : one run; sets WALL, CPU (user+sys) and RSS (peak KiB).
measure() {
  local name="$1"; shift
  local log="$work/time-$name.txt"
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$work/stderr-$name.txt" || true
  read -r WALL user sys RSS < <(tail -1 "$log")
  CPU=$(python3 -c "print(round($user + $sys, 3))")
  printf '  %-34s wall %8.2f s   cpu %8.2f s   peak %7.0f MiB\n' "$name" "$WALL" "$CPU" \
    "$(python3 -c "print($RSS / 1024)")"
}
ratio() { python3 -c "a, b = $1, $2; print(f'{a / b:.1f}' if b > 0 else 'inf')"; }
verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

f2k="$(corpus 2000)"
echo "2,000 contributions ($(du -m "$f2k" | cut -f1) MB), jobs 2:"
measure parse-only "$floor" "$f2k"; floor_cpu=$CPU; floor_wall=$WALL
measure "xmllint --noout" xmllint --noout "$f2k"; lint_cpu=$CPU
measure "xmllint --schematron" xmllint --noout --schematron "$here/s3-rules.sch" "$f2k"; sch_cpu=$CPU; sch_wall=$WALL
measure "surveycheck validate" "$sc" validate -q -j2 --format "json:$work/report-2k.json" "$f2k"
sc_cpu=$CPU; sc_wall=$WALL
echo "  surveycheck / parse-only: cpu $(ratio "$sc_cpu" "$floor_cpu")x, wall $(ratio "$sc_wall" "$floor_wall")x" \
  "(target <= 3x: $(verdict "$sc_wall <= 3 * $floor_wall"))"
echo "  xmllint --noout / parse-only: cpu $(ratio "$lint_cpu" "$floor_cpu")x"
echo "  xmllint --schematron / surveycheck: cpu $(ratio "$sch_cpu" "$sc_cpu")x, wall $(ratio "$sch_wall" "$sc_wall")x" \
  "(target >= 100x: $(verdict "$sch_wall >= 100 * $sc_wall"))"
echo

sizes=(1000 10000)
[[ $quick == 0 ]] && sizes+=(100000)
echo "linear growth, jobs 1 (cpu seconds per 1,000 contributions):"
for n in "${sizes[@]}"; do
  f="$(corpus "$n")"
  measure "validate $n" "$sc" validate -q -j1 --format "json:$work/report-$n.json" "$f"
  echo "    -> $(python3 -c "print(round($CPU / $n * 1000, 3))") s per 1,000"
  [[ $n == 100000 ]] && one_job_wall=$WALL
done
if [[ $quick == 0 ]]; then
  f100k="$(corpus 100000)"
  measure "validate 100000 -j2" "$sc" validate -q -j2 --format "json:$work/report-100k-j2.json" "$f100k"
  echo "  --jobs 2 / --jobs 1 speed-up: $(ratio "$one_job_wall" "$WALL")x (target >= 1.7x:" \
    "$(verdict "$one_job_wall >= 1.7 * $WALL"))"
  echo
  f200k="$(corpus 200000)"
  echo "200,000 contributions ($(du -m "$f200k" | cut -f1) MB), streamed, jobs 2:"
  measure "validate 200000" "$sc" validate -q -j2 --format "json:$work/report-200k.json" "$f200k"
  echo "  peak memory $(python3 -c "print(round($RSS / 1024))") MiB (target < 256 MiB:" \
    "$(verdict "$RSS < 256 * 1024"))"
fi
