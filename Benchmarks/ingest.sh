#!/usr/bin/env bash
# Ingest benchmark (issue 16): `fibreplan validate` as a user runs it (whole process)
# against GDAL's `ogrinfo -ro -al -so`, on ~80 MB of GeoJSON: 200,000 random road
# LineStrings with three properties each, written by Python's json.dump (17-digit
# coordinates). The file is named roads*.geojson, so validate also builds the roads
# layer exactly as `plan` does in its reading phase. Runs are interleaved (ogrinfo,
# fibreplan, ogrinfo, ...) so both see the same load; medians of RUNS (default 3).
# Target: fibreplan >= 20x faster.
# Usage: Benchmarks/ingest.sh   (RUNS=5 Benchmarks/ingest.sh; output in Benchmarks/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}

if ! command -v ogrinfo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq gdal-bin >/dev/null
fi

swift build -c release --product fibreplan >&2
bin="$(swift build -c release --show-bin-path)/fibreplan"

mkdir -p Benchmarks/results
big=Benchmarks/results/roads-random-200k.geojson
if [ ! -f "$big" ]; then
  python3 - "$big" <<'PY'
import json, random, sys
random.seed(16)
features = []
for i in range(200000):
    lon, lat = random.uniform(9.4, 9.7), random.uniform(47.0, 47.3)
    coordinates = []
    for _ in range(random.randint(4, 9)):
        lon += random.uniform(-0.001, 0.001); lat += random.uniform(-0.001, 0.001)
        coordinates.append([lon, lat])
    features.append({"type": "Feature",
                     "properties": {"highway": random.choice(["residential", "primary", "service", "track"]),
                                    "name": "Road %d" % i, "maxspeed": random.choice([30, 50, 80])},
                     "geometry": {"type": "LineString", "coordinates": coordinates}})
with open(sys.argv[1], "w") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f)
PY
fi
mb=$(awk -v b="$(wc -c <"$big")" 'BEGIN { printf "%.1f", b / 1e6 }')
cat "$big" >/dev/null   # both read from the page cache

TIMEFORMAT="%R"
ogr=(); ours=()
for _ in $(seq "$runs"); do
  ogr+=("$({ time ogrinfo -ro -al -so "$big" >Benchmarks/results/ogrinfo.txt; } 2>&1)")
  ours+=("$({ time "$bin" validate "$big" >Benchmarks/results/validate.txt; } 2>&1)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
m_ogr=$(median "${ogr[@]}"); m_ours=$(median "${ours[@]}")
grep -E "Feature Count" Benchmarks/results/ogrinfo.txt | head -1
head -2 Benchmarks/results/validate.txt
echo "runs: ogrinfo ${ogr[*]} s; fibreplan validate ${ours[*]} s"
awk -v mb="$mb" -v a="$m_ogr" -v b="$m_ours" 'BEGIN {
  r = a / b
  printf "ingest: %s MB, median of %d: ogrinfo %.2f s, fibreplan validate %.2f s, ratio %.1fx (target >= 20) %s\n",
    mb, '"$runs"', a, b, r, (r >= 20 ? "ok" : "MISSED") }'
