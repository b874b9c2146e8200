#!/usr/bin/env bash
# The end-to-end comparison, from a clean clone, in one command:
#   bench/compare.sh [--quick]          (--quick: skip the 100k and 200k runs)
# Installs what it needs (Debian packages), builds a Release tree with the benchmarks, writes the corpora, then
# measures on the same file in the same run: pugixml parse-only (the floor), xmllint --noout, xmllint
# --schematron (bench/s3-rules.sch) and surveycheck validate (every first-party plugin, JSON report). Prints
# wall and CPU seconds, peak memory, ratios and met/MISSED per target of issue 8; exits 1 when one is missed.
# Runs are timed several times (RUNS, default 5; LONG_RUNS for 100k, default 3; Schematron and 200k once) and
# the fastest counts, as usual for benchmarks on a shared machine. Work files go to $BENCH_DIR (default build-bench/corpus); $BENCH_BUILD names another build tree.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${BENCH_BUILD:-$root/build-bench}"
work="${BENCH_DIR:-$build/corpus}"
runs="${RUNS:-5}"            # timed runs of the short measurements (the fastest counts)
long_runs="${LONG_RUNS:-3}"  # of the 100k ones
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

"$root/scripts/install-packages.sh" libbenchmark-dev time libxml2-utils python3 >&2
mkdir -p "$work"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSURVEYCHECK_BUILD_TESTS=OFF >/dev/null
fi
cmake -S "$root" -B "$build" -DSURVEYCHECK_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target surveycheck surveycheck_parse_only mandatory-fields \
  nuts-code-format eu13-justification confidentiality-separation >/dev/null
sc="$build/bin/surveycheck"
floor="$build/bin/surveycheck_parse_only"

corpus() {  # corpus N -> path
  local file="$work/corpus-$1.xml"
  [[ -s "$file" ]] || python3 "$here/make_corpus.py" "$1" -o "$file"
  echo "$file"
}

py() { python3 -c "print($1)"; }

# measure NAME REPEATS OUTPUT COMMAND... : the fastest of REPEATS runs; sets WALL, CPU (user+sys) and RSS
# (peak KiB). OUTPUT (or "") is removed before each run: replacing the last run's report would time the file
# system freeing it, not the tool.
measure() {
  local name="$1" repeats="$2" output="$3"
  shift 3
  local log="$work/time-$name.txt" best=""
  for ((r = 0; r < repeats; r++)); do
    [[ -n "$output" ]] && rm -f "$output"
    sync  # the last run's report and fresh corpora written back now, not by the kernel during this run
    /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null 2>"$work/stderr-$name.txt" || true
    read -r wall user sys rss < <(tail -1 "$log")
    if [[ -z "$best" ]] || (($(py "int($wall < $WALL)"))); then
      best=1 WALL=$wall CPU=$(py "round($user + $sys, 3)") RSS=$rss
    fi
  done
  printf '  %-34s wall %8.2f s   cpu %8.2f s   peak %7.0f MiB\n' "$name" "$WALL" "$CPU" "$(py "$RSS / 1024")"
}
ratio() { py "f'{$1 / $2:.2f}' if $2 > 0 else 'inf'"; }
results=()
missed=0
# target TEXT CONDITION DETAIL : record a target's verdict.
target() {
  local verdict=met
  (($(py "int($2)"))) || { verdict=MISSED; missed=1; }
  results+=("$(printf '  %-58s %-7s %s' "$1" "$verdict" "$3")")
  echo "  -> $1: $verdict ($3)"
}

# Every corpus first, so writing them out never overlaps a measurement.
corpora=(1000 2000 10000)
[[ $quick == 0 ]] && corpora+=(100000 200000)
for n in "${corpora[@]}"; do corpus "$n" >/dev/null; done
sync

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg); best of $runs runs for the short ones"
echo

f2k="$(corpus 2000)"
echo "2,000 contributions ($(du -m "$f2k" | cut -f1) MB), jobs 2:"
measure parse-only "$runs" "" "$floor" "$f2k"
floor_cpu=$CPU floor_wall=$WALL
measure "xmllint --noout" "$runs" "" xmllint --noout "$f2k"
lint_cpu=$CPU
measure "xmllint --schematron" 1 "" xmllint --noout --schematron "$here/s3-rules.sch" "$f2k"
sch_cpu=$CPU sch_wall=$WALL
measure "surveycheck validate" "$runs" "$work/report-2k.json" "$sc" validate -q -j2 \
  --format "json:$work/report-2k.json" "$f2k"
sc_cpu=$CPU sc_wall=$WALL
echo "  xmllint --noout / parse-only: cpu $(ratio "$lint_cpu" "$floor_cpu")x"
target "2k: surveycheck within 3x of pugixml parse-only (wall)" "$sc_wall <= 3 * $floor_wall" \
  "$(ratio "$sc_wall" "$floor_wall")x wall, $(ratio "$sc_cpu" "$floor_cpu")x cpu"
target "2k: at least 100x faster than xmllint --schematron (wall)" "$sch_wall >= 100 * $sc_wall" \
  "$(ratio "$sch_wall" "$sc_wall")x wall, $(ratio "$sch_cpu" "$sc_cpu")x cpu"
echo

sizes=(1000 10000)
[[ $quick == 0 ]] && sizes+=(100000)
echo "linear growth, jobs 1 (cpu seconds per 1,000 contributions):"
per=()
for n in "${sizes[@]}"; do
  f="$(corpus "$n")"
  repeats=$runs
  [[ $n == 100000 ]] && repeats=$long_runs
  measure "validate $n -j1" "$repeats" "$work/report-$n.json" "$sc" validate -q -j1 \
    --format "json:$work/report-$n.json" "$f"
  per+=("$(py "round($CPU / $n * 1000, 4)")")
  echo "    -> ${per[-1]} s per 1,000"
  [[ $n == 100000 ]] && one_job_wall=$WALL
done
# Linear: the cost per contribution of the largest size stays within 25% of the smallest's.
label="1k/10k"
[[ $quick == 0 ]] && label+="/100k"
target "$label: cost grows linearly" \
  "${per[-1]} <= 1.25 * ${per[0]}" "$(IFS=' '; echo "${per[*]}") s cpu per 1,000"
if [[ $quick == 0 ]]; then
  echo
  f100k="$(corpus 100000)"
  measure "validate 100000 -j2" "$long_runs" "$work/report-100k-j2.json" "$sc" validate -q -j2 \
    --format "json:$work/report-100k-j2.json" "$f100k"
  target "100k: --jobs 2 at least 1.7x faster than --jobs 1 (wall)" "$one_job_wall >= 1.7 * $WALL" \
    "$(ratio "$one_job_wall" "$WALL")x"
  cmp -s "$work/report-100000.json" "$work/report-100k-j2.json" || echo "  !! -j1 and -j2 reports differ"
  echo
  f200k="$(corpus 200000)"
  echo "200,000 contributions ($(du -m "$f200k" | cut -f1) MB), streamed, jobs 2:"
  measure "validate 200000 -j2" 1 "$work/report-200k.json" "$sc" validate -q -j2 \
    --format "json:$work/report-200k.json" "$f200k"
  target "200k: peak memory under 256 MiB" "$RSS < 256 * 1024" "$(py "round($RSS / 1024)") MiB"
fi

echo
echo "targets:"
printf '%s\n' "${results[@]}"
exit "$missed"
