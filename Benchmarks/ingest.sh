#!/usr/bin/env bash
# Ingest benchmark: fibreplan's GeoJSONReader against GDAL's `ogrinfo -ro -al -so` on
# the same ~80 MB LineString FeatureCollection (Liechtenstein roads tiled 72 times).
# Usage: Benchmarks/ingest.sh [TIMES]   (output in Benchmarks/results/, git-ignored)
set -euo pipefail
cd "$(dirname "$0")"
times="${1:-72}"

if ! command -v ogrinfo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq gdal-bin >/dev/null
fi

# ../shared beside the package root (a main checkout), or one level up (a worktree).
src=""
for d in ../../shared ../../../shared; do
  if [ -f "$d/maps/liechtenstein/roads.geojson" ]; then src="$d/maps/liechtenstein/roads.geojson"; break; fi
done
if [ -z "$src" ]; then echo "ingest: shared/maps/liechtenstein/roads.geojson not found" >&2; exit 66; fi

swift build -c release --product bench-ingest >/dev/null
bin="$(swift build -c release --show-bin-path)/bench-ingest"

mkdir -p results
big="results/roads-x${times}.geojson"
if [ ! -f "$big" ]; then "$bin" tile "$src" "$times" "$big"; fi
mb=$(awk -v b="$(wc -c <"$big")" 'BEGIN { printf "%.1f", b / 1e6 }')

# ogrinfo: best of 3, wall clock and CPU (user + sys; robust when cores are shared).
best_ogr=""
best_ogr_cpu=""
TIMEFORMAT="%R %U %S"
for _ in 1 2 3; do
  read -r real user sys < <({ time ogrinfo -ro -al -so "$big" >results/ogrinfo.txt; } 2>&1)
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
  if [ -z "$best_ogr" ] || awk -v t="$real" -v b="$best_ogr" 'BEGIN { exit !(t < b) }'; then best_ogr="$real"; fi
  if [ -z "$best_ogr_cpu" ] || awk -v t="$cpu" -v b="$best_ogr_cpu" 'BEGIN { exit !(t < b) }'; then best_ogr_cpu="$cpu"; fi
done
grep -E "Feature Count" results/ogrinfo.txt | head -1

# fibreplan: best of 3 (file read + parse), from bench-ingest's last line.
"$bin" "$big" 3 | tee results/bench-ingest.txt
ours=$(awk '/^seconds/ { print $2 }' results/bench-ingest.txt)
ours_cpu=$(awk '/^cpu-seconds/ { print $2 }' results/bench-ingest.txt)

ratio=$(awk -v a="$best_ogr" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')
ratio_cpu=$(awk -v a="$best_ogr_cpu" -v b="$ours_cpu" 'BEGIN { printf "%.1f", a / b }')
echo "ingest: ${mb} MB, ogrinfo ${best_ogr} s, fibreplan ${ours} s, ratio ${ratio}x" \
  "(cpu: ogrinfo ${best_ogr_cpu} s, fibreplan ${ours_cpu} s, ratio ${ratio_cpu}x)"
