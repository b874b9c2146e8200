#!/usr/bin/env bash
# Reports of one surveycheck in every format for a set of runs (sample exports, a bench corpus, streamed and
# unreadable files, duplicate ids, a failing rule, a baseline, waivers, the public audience), into OUT: run it
# with the binary before and after a change to the writers and compare the folders with `diff -r`.
# Usage: bench/report_identity.sh SURVEYCHECK OUT [CORPUS.xml] [FIXTURE_PLUGIN_DIR]
set -uo pipefail
bin="$(realpath "${1:?the surveycheck binary}")"
out="${2:?the output folder}"
corpus="${3:-}"
crash_dir="${4:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out" && out="$(realpath "$out")"
# One fixed folder, so that paths (and whatever is derived from them) are the same from one binary to the next.
work="${TMPDIR:-/tmp}/surveycheck-report-identity"
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000
s3="$root/tests/data/s3"
cp "$s3"/*.xml "$root"/tests/data/eusurvey/*.xml "$work/"
# An export cut short: unreadable, read whole and streamed.
head -c 20000 "$s3/s3-seed-pretty.xml" >"$work/truncated.xml"
# The same contribution twice: surveycheck/duplicate-contribution, findings of two cases under one id.
python3 - "$s3/s3-seed-pretty.xml" "$work/duplicate.xml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
start = text.index("<AnswerSet ")
end = text.index("</AnswerSet>", start) + len("</AnswerSet>")
open(sys.argv[2], "w", encoding="utf-8").write(text[:end] + "\n" + text[start:end] + text[end:])
PY
cat >"$work/waivers.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<surveycheck-config version="1">
  <waivers>
    <waiver rule="all" question="participating_regions" author="a.reviewer" expires="2099-12-31">Accepted.</waiver>
    <waiver rule="all" contribution="no-such-contribution" author="a.reviewer" expires="2099-12-31">Unused.</waiver>
    <waiver rule="all" contribution="no-such-either" author="a.reviewer" expires="2001-01-01">Expired.</waiver>
  </waivers>
</surveycheck-config>
XML
samples=("$work"/s3-*.xml "$work"/every-element-kind*.xml "$work"/no-bid-no-type.xml "$work/duplicate.xml")
formats=(text json sarif junit html jsonl)
# run NAME ARGS...: every format at once, and each format alone.
run() {
  local name="$1"
  shift
  local args=()
  for f in "${formats[@]}"; do args+=(--format "$f:$out/$name.all.$f"); done
  (cd "$work" && "$bin" validate "$@" "${args[@]}" --color never -q >/dev/null 2>"$out/$name.all.stderr")
  echo "exit $?" >>"$out/$name.all.stderr"
  for f in "${formats[@]}"; do
    (cd "$work" && "$bin" validate "$@" --format "$f:$out/$name.$f" --color never -q >/dev/null 2>&1)
    echo "exit $?" >"$out/$name.$f.exit"
  done
  (cd "$work" && "$bin" validate "$@" --format json --format "text:$out/$name.stdout-json.text" -q \
    >"$out/$name.stdout-json.json" 2>/dev/null)
}
run samples "${samples[@]}" -j 2
run samples-streamed "${samples[@]}" --stream-threshold 1K -j 2
run samples-one-job "${samples[@]}" --stream-threshold 1K -j 1
run unreadable "${samples[@]}" "$work/truncated.xml" "$work/no-such-file.xml" -j 2
run unreadable-streamed "$work/truncated.xml" "${samples[@]}" --stream-threshold 1K -j 2
run public "${samples[@]}" --audience public -j 2
run waivers "${samples[@]}" --config "$work/waivers.xml" --lang fr -j 2
(cd "$work" && "$bin" validate "$work"/s3-seed-pretty.xml --write-baseline "$work/base.json" -q --format json \
  -o /dev/null >/dev/null 2>&1)
run baseline "${samples[@]}" --baseline "$work/base.json" --config "$work/waivers.xml" -j 2
run fail-on-info "${samples[@]}" --fail-on info --disable nuts-code-format -j 2
if [[ -n "$crash_dir" ]]; then
  run rule-failed "${samples[@]}" --plugin-dir "$crash_dir" --isolation all -j 2
fi
if [[ -n "$corpus" ]]; then
  cp "$corpus" "$work/corpus.xml"
  run corpus "$work/corpus.xml" -j 2
  run corpus-whole "$work/corpus.xml" --stream-threshold 0 -j 2
fi
# merge: JSON reports and SARIF logs of two shards.
for f in json sarif; do
  for k in 1 2; do
    (cd "$work" && "$bin" validate "${samples[@]}" --shard $k/2 --format "$f:$work/shard$k.$f" -q >/dev/null 2>&1)
  done
  (cd "$work" && "$bin" merge "$work/shard1.$f" "$work/shard2.$f" -o "$out/merge.$f" 2>"$out/merge.$f.stderr")
  echo "exit $?" >>"$out/merge.$f.stderr"
done
rm -rf "$work"
