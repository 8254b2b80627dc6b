#!/usr/bin/env bash
# What the field files cost (issue 15): the same `fibreplan plan` on a map, with and
# without `--no-field-files` (plan.qgs, plan.kml, buildings.csv, fibres.csv,
# splices.csv), interleaved, at --time-limit 0. Prints CPU (user+sys) and wall seconds of
# each run, the medians and their ratio. Target: the field files add <= 10 %.
#
#   Benchmarks/field-files.sh                  # Liechtenstein (../shared/maps), 5 runs each
#   RUNS=3 MAP=Maps/karhula Benchmarks/field-files.sh
# Results (git-ignored): Benchmarks/results/field-files.txt
set -euo pipefail
cd "$(dirname "$0")/.."
map=${MAP:-../shared/maps/liechtenstein}
runs=${RUNS:-5}
results=Benchmarks/results
mkdir -p "$results"
swift build -c release --product fibreplan >&2
bin="$(swift build -c release --show-bin-path)/fibreplan"
layers=(--roads "$map/roads.geojson" --buildings "$map/buildings.geojson")
for layer in sites boundaries ducts; do
  [ -f "$map/$layer.geojson" ] && layers+=("--$layer" "$map/$layer.geojson")
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# seconds of user+sys and wall for one run, from bash's `times`-free TIMEFORMAT
TIMEFORMAT='%U %S %R'
run() {  # label, extra args...
  local label=$1; shift
  local t
  t=$( { time "$bin" plan "${layers[@]}" --time-limit 0 --quiet --out "$out/$label" "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v l="$label" -v t="$t" 'BEGIN { split(t, a, " "); printf "%-8s cpu %6.3f s  wall %6.3f s\n", l, a[1] + a[2], a[3] }'
}
{
  echo "map $map, $runs runs each, interleaved"
  "$bin" plan "${layers[@]}" --time-limit 0 --quiet --out "$out/warm" >/dev/null 2>&1 || true
  for i in $(seq "$runs"); do
    run without --no-field-files
    run with
  done
} | tee "$results/field-files.runs"
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for label in without with; do
  cpu=$(grep "^$label " "$results/field-files.runs" | awk '{ print $3 }' | median)
  wall=$(grep "^$label " "$results/field-files.runs" | awk '{ print $6 }' | median)
  echo "$label $cpu $wall"
done > "$results/field-files.medians"
awk 'NR == 1 { c0 = $2; w0 = $3 } NR == 2 { c1 = $2; w1 = $3 }
     END { printf "field files: median cpu %.3f s with, %.3f s without (%.3fx, +%.1f %%); wall %.3f vs %.3f s (%.3fx)\n",
                  c1, c0, c1 / c0, (c1 / c0 - 1) * 100, w1, w0, w1 / w0 }' "$results/field-files.medians" \
  | tee "$results/field-files.txt"
ls -l "$out/with" | awk 'NR > 1 { printf "  %-16s %10d bytes\n", $9, $5 }' | tee -a "$results/field-files.txt"
