#!/usr/bin/env bash
# One surveycheck against another (e.g. a Release tree of an older commit against build-bench/), interleaved,
# the fastest of 5 runs per binary and corpus. Corpora are those of bench/compare.sh in $BENCH_DIR, plus
# heavy-300.xml (300 copies of the seed report: make_s3_export.py with --contribution seed 300 times).
# Usage: OLD=path/to/surveycheck NEW=path/to/surveycheck BENCH_DIR=dir bench/ab_compare.sh
set -uo pipefail
old="${OLD:?the older surveycheck}"
root="$(cd "$(dirname "$0")/.." && pwd)"  # before the cd below: $0 may be relative
new="${NEW:-$root/build-bench/bin/surveycheck}"
cd "${BENCH_DIR:?the folder of the corpora}" || exit 2
[[ -f heavy-300.xml ]] || python3 "$root/scripts/make_s3_export.py" \
  $(for _ in $(seq 300); do printf -- '--contribution seed '; done) -o heavy-300.xml
rm -f ab.txt
for corpus in "corpus-2000.xml -j2" "heavy-300.xml -j2" "corpus-10000.xml -j1"; do
  set -- $corpus
  for i in 1 2 3 4 5; do
    for which in old new; do
      bin=${!which}
      /usr/bin/time -f "$1 $2 $which %e %U %S" -a -o ab.txt $bin validate "$1" --jobs ${2#-j} --format json -o ab-$which.json 2>/dev/null >/dev/null
    done
  done
done
sort -k1,1 -k3,3 -k4,4n ab.txt | awk '!s[$1" "$3]++ {printf "%-18s %s %-3s wall %s cpu %.2f\n", $1, $2, $3, $4, $5+$6}'
