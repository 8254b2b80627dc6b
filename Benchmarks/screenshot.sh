#!/usr/bin/env bash
# Looks at the pictures: plans Liechtenstein (../shared/maps, from flags) and the
# embedded Karhula scenario, then renders plan.svg, report.html (whole, and its
# interactive map after the script ran) and a `fibreplan render` of plan.geojson to PNG
# with headless Chromium.
# Usage: Benchmarks/screenshot.sh [--docs]
#   PNGs go to Benchmarks/results/screenshots/ (git-ignored); --docs also refreshes
#   docs/plan.png (the README picture, Karhula, < 300 KB).
#   FIBREPLAN=path/to/fibreplan skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="$root/Benchmarks/results/screenshots"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq chromium >/dev/null
fi

bin="${FIBREPLAN:-}"
if [ -z "$bin" ]; then
  swift build -c release --product fibreplan >/dev/null
  bin="$(swift build -c release --show-bin-path)/fibreplan"
fi

# Chromium screenshot of a local file at WIDTHxHEIGHT css pixels, scaled by SCALE.
shot() { # file png width height [scale]
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --mute-audio \
    --force-device-scale-factor="${5:-1}" --window-size="$3,$4" --virtual-time-budget=5000 \
    --screenshot="$2" "file://$1" >/dev/null 2>&1
  echo "  $(basename "$2"): $(wc -c <"$2") bytes"
}
# report.html's map, run: the DOM after its script, which marks the map ready (and
# writes any script error into the page), and a copy of the page showing the map alone.
mapcheck() { # report.html png
  dom=$(chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --dump-dom "file://$1" 2>/dev/null)
  echo "  report map: $(echo "$dom" | grep -o 'id="imap" data-ready="[a-z]*"[^>]*')"
  if echo "$dom" | grep -q 'data-error="yes"'; then echo "  report map: script error" >&2; exit 1; fi
  sed 's|</head>|<style>main>*:not(.map){display:none}.imap-view,.imap-layers{height:900px}</style></head>|' "$1" > "${1%.html}-map.html"
  shot "${1%.html}-map.html" "$2" 1320 1040
}
# The width and height attributes of an SVG's root element.
svgsize() { head -c 400 "$1" | grep -o 'width="[0-9]*" height="[0-9]*"' | head -1 | tr -dc '0-9 ' | sed 's/  */ /g'; }

# ../shared beside the package root (a main checkout), or one level up (a worktree).
maps=""
for d in ../shared ../../shared; do
  if [ -f "$d/maps/liechtenstein/roads.geojson" ]; then maps="$(cd "$d/maps/liechtenstein" && pwd)"; break; fi
done

if [ -n "$maps" ]; then
  echo "liechtenstein:"
  plan="$out/plan-liechtenstein"
  "$bin" plan --name liechtenstein --roads "$maps/roads.geojson" --buildings "$maps/buildings.geojson" \
    --sites "$maps/sites.geojson" --boundaries "$maps/boundaries.geojson" --time-limit 10 --out "$plan" \
    | grep -E "Capex  |Coverage|Trench tree" || true
  read -r w h <<<"$(svgsize "$plan/plan.svg")"
  echo "  plan.svg: $(wc -c <"$plan/plan.svg") bytes, ${w}x${h}"
  shot "$plan/plan.svg" "$out/liechtenstein-map.png" "$w" "$h"
  shot "$plan/report.html" "$out/liechtenstein-report.png" 1320 3900
  mapcheck "$plan/report.html" "$out/liechtenstein-report-map.png"
  "$bin" render "$plan/plan.geojson" --output "$plan/render.svg"
  read -r w h <<<"$(svgsize "$plan/render.svg")"
  shot "$plan/render.svg" "$out/liechtenstein-render.png" "$w" "$h"
else
  echo "screenshot: ../shared/maps/liechtenstein not found; Karhula only" >&2
fi

echo "karhula:"
plan="$out/plan-karhula"
"$bin" plan Scenarios/karhula.json --out "$plan" | grep -E "Capex  |Coverage|Trench tree" || true
read -r w h <<<"$(svgsize "$plan/plan.svg")"
echo "  plan.svg: $(wc -c <"$plan/plan.svg") bytes, ${w}x${h}"
shot "$plan/plan.svg" "$out/karhula-map.png" "$w" "$h"
shot "$plan/report.html" "$out/karhula-report.png" 1320 2400
mapcheck "$plan/report.html" "$out/karhula-report-map.png"
if [ "${1:-}" = "--docs" ]; then
  mkdir -p docs
  shot "$plan/plan.svg" "$root/docs/plan.png" "$w" "$h" 0.5
fi
echo "PNGs in $out"
