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

# ogrinfo: best of 3 wall-clock runs.
best_ogr=""
for _ in 1 2 3; do
  t0=$(date +%s.%N)
  ogrinfo -ro -al -so "$big" >results/ogrinfo.txt
  t1=$(date +%s.%N)
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  if [ -z "$best_ogr" ] || awk -v t="$t" -v b="$best_ogr" 'BEGIN { exit !(t < b) }'; then best_ogr="$t"; fi
done
grep -E "Feature Count" results/ogrinfo.txt | head -1

# fibreplan: best of 3 (file read + parse), from bench-ingest's last line.
"$bin" "$big" 3 | tee results/bench-ingest.txt
ours=$(awk '/^seconds/ { print $2 }' results/bench-ingest.txt)

ratio=$(awk -v a="$best_ogr" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')
echo "ingest: ${mb} MB, ogrinfo ${best_ogr} s, fibreplan ${ours} s, ratio ${ratio}x"
