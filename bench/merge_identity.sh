#!/usr/bin/env bash
# Merged reports of one surveycheck for a set of sharded runs (sample exports, a nightly corpus, unreadable
# files, waivers, a baseline, a failing rule, a refused plugin, the public audience, shards with no file) and
# for wrong inputs (disagreeing, broken, mixed), into OUT: run it with the binary before and after a change to
# `merge` and compare the folders with `diff -r`. The shards are written once into SHARDS (by the binary that
# finds SHARDS empty), so both binaries merge the very same bytes.
# Usage: bench/merge_identity.sh SURVEYCHECK OUT SHARDS [FAILING_PLUGIN_DIR] [ABI2_PLUGIN_DIR]
set -uo pipefail
bin="$(realpath "${1:?the surveycheck binary}")"
out="${2:?the output folder}"
shards="${3:?a folder for the shards}"
crash_dir="${4:+$(realpath "$4")}"
abi2_dir="${5:+$(realpath "$5")}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out" "$shards" && out="$(realpath "$out")" && shards="$(realpath "$shards")"
export SOURCE_DATE_EPOCH=1700000000
work="$shards/work"
if [[ ! -e "$shards/done" ]]; then
  rm -rf "$work" && mkdir -p "$work"
  s3="$root/tests/data/s3"
  cp "$s3"/*.xml "$root"/tests/data/eusurvey/*.xml "$work/"
  head -c 20000 "$s3/s3-seed-pretty.xml" >"$work/truncated.xml"
  python3 "$root/tests/nightly/make_nightly_corpus.py" "$work/corpus" 50 >/dev/null
  # config FILE WAIVER...: a config of the waivers given as "rule|question|contribution|expires|justification".
  config() {
    local file="$1"
    shift
    {
      printf '<?xml version="1.0" encoding="UTF-8"?>\n<surveycheck-config version="1">\n  <waivers>\n'
      for w in "$@"; do
        IFS='|' read -r rule question contribution expires text <<<"$w"
        printf '    <waiver rule="%s"%s%s author="a.reviewer" expires="%s">%s</waiver>\n' "$rule" \
          "${question:+ question=\"$question\"}" "${contribution:+ contribution=\"$contribution\"}" "$expires" "$text"
      done
      printf '  </waivers>\n</surveycheck-config>\n'
    } >"$file"
  }
  config "$work/waivers.xml" "all|participating_regions||2099-12-31|Accepted." \
    "all||no-such-contribution|2099-12-31|Unused."
  config "$work/expired.xml" "all||no-such-either|2001-01-01|Expired."
  samples=("$work"/s3-*.xml "$work"/every-element-kind*.xml "$work"/no-bid-no-type.xml)
  (cd "$work" && "$bin" validate "$work"/s3-seed-pretty.xml --write-baseline "$work/base.json" -q \
    --format json -o /dev/null >/dev/null 2>&1)
  # shard CASE N ARGS...: the JSON report and SARIF log of each of N shards of a run.
  shard() {
    local name="$1" n="$2"
    shift 2
    for k in $(seq 1 "$n"); do
      (cd "$work" && "$bin" validate "$@" --shard "$k/$n" -q --format "json:$shards/$name.$k.json" \
        --format "sarif:$shards/$name.$k.sarif" >/dev/null 2>&1)
    done
  }
  shard samples 2 "${samples[@]}" -j 2
  shard samples3 3 "${samples[@]}" -j 2
  shard streamed 2 "${samples[@]}" --stream-threshold 1K -j 2
  shard corpus 4 "$work/corpus" -j 2
  shard unreadable 3 "${samples[@]}" "$work/truncated.xml" "$work/no-such-file.xml" -j 2
  shard waivers 2 "${samples[@]}" --config "$work/waivers.xml" --lang fr -j 2
  shard expired 2 "${samples[@]}" --config "$work/expired.xml" -j 2
  shard baseline 2 "${samples[@]}" --baseline "$work/base.json" --config "$work/waivers.xml" -j 2
  shard public 2 "${samples[@]}" --audience public -j 2
  shard few 4 "$work/s3-seed-pretty.xml" "$work/truncated.xml" -j 2
  shard info 1 "${samples[@]}" --fail-on info
  [[ -n "$crash_dir" ]] && shard failed 2 "${samples[@]}" --plugin-dir "$crash_dir" --isolation all -j 2
  [[ -n "$abi2_dir" ]] && shard refused 2 "${samples[@]}" --plugin-dir "$abi2_dir" -j 2
  # Wrong inputs: not JSON, a finding without its rule, a log with two runs, a result without its ruleId.
  printf '<Results/>' >"$shards/bad.1.json"
  python3 - "$shards" <<'PY'
import json, sys
d = sys.argv[1]
r = json.load(open(d + "/samples.1.json"))
del r["findings"][0]["rule"]
json.dump(r, open(d + "/norule.1.json", "w"))
s = json.load(open(d + "/samples.1.sarif"))
s["runs"].append(s["runs"][0])
json.dump(s, open(d + "/tworuns.1.sarif", "w"))
s = json.load(open(d + "/samples.2.sarif"))
del s["runs"][0]["results"][-1]["ruleId"]
json.dump(s, open(d + "/noruleid.1.sarif", "w"), indent=1)
PY
  touch "$shards/done"
fi
# merge NAME INPUTS...: the merged report and what merge said, with its exit code.
merge() {
  local name="$1"
  shift
  (cd "$shards" && "$bin" merge "$@" -o "$out/$name" >/dev/null 2>"$out/$name.stderr")
  echo "exit $?" >>"$out/$name.stderr"
}
for f in json sarif; do
  for name in samples samples3 streamed corpus unreadable waivers expired baseline public few failed refused; do
    ls "$shards/$name".*."$f" >/dev/null 2>&1 && merge "$name.$f" "$shards/$name".*."$f"
  done
  merge "reversed.$f" "$shards/samples.2.$f" "$shards/samples.1.$f"
  merge "threshold.$f" "$shards/samples.1.$f" "$shards/info.1.$f"
  merge "baseline-and-not.$f" "$shards/baseline.1.$f" "$shards/samples.2.$f"
  merge "twice.$f" "$shards/samples.1.$f" "$shards/samples.1.$f"
  merge "missing.$f" "$shards/samples.1.$f" "$shards/nowhere.$f"
done
merge mixed.json "$shards/samples.1.json" "$shards/samples.2.sarif"
merge asked-sarif.json --format sarif "$shards/samples.1.json"
merge not-json.json "$shards/bad.1.json"
merge norule.json "$shards/samples.1.json" "$shards/norule.1.json"
merge norule-and-threshold.json "$shards/info.1.json" "$shards/norule.1.json"
merge tworuns.sarif "$shards/samples.1.sarif" "$shards/tworuns.1.sarif"
merge noruleid.sarif "$shards/samples.1.sarif" "$shards/noruleid.1.sarif"
merge noruleid-and-threshold.sarif "$shards/info.1.sarif" "$shards/noruleid.1.sarif"
