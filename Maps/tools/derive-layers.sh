#!/usr/bin/env bash
# Derives the planner's four input layers (roads, buildings, sites, boundaries) from an
# OpenStreetMap extract with GDAL's OSM driver and the SQLite SQL dialect.
#
# usage: derive-layers.sh [--with-paths] [--bbox MINLON MINLAT MAXLON MAXLAT] INPUT OUTDIR
#   INPUT        .osm.pbf or .osm file (anything GDAL's OSM driver reads)
#   OUTDIR       receives roads.geojson, buildings.geojson, sites.geojson,
#                boundaries.geojson (overwritten)
#   --with-paths also keep footway, path and cycleway as roads
#   --bbox       keep only features that intersect this WGS84 box (not cut at its edge)
#
# Needs ogr2ogr/ogrinfo (gdal-bin) with SpatiaLite functions in the SQLite dialect.
# Output is deterministic: every layer is ordered by OSM id.
set -euo pipefail

die() { echo "derive-layers: $*" >&2; exit 64; }

with_paths=0
spat=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --with-paths) with_paths=1; shift ;;
    --bbox)
      [[ $# -ge 5 ]] || die "--bbox needs MINLON MINLAT MAXLON MAXLAT"
      spat=(-spat "$2" "$3" "$4" "$5" -spat_srs EPSG:4326); shift 5 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || die "usage: derive-layers.sh [--with-paths] [--bbox MINLON MINLAT MAXLON MAXLAT] INPUT OUTDIR"
input="$1"
outdir="$2"
[[ -r "$input" ]] || { echo "derive-layers: cannot read $input" >&2; exit 66; }
command -v ogr2ogr >/dev/null || { echo "derive-layers: ogr2ogr not found (apt-get install gdal-bin)" >&2; exit 69; }
mkdir -p "$outdir"

# Classes a trench can follow. Footways, paths and cycleways are left out by default:
# in many extracts they run beside a road that is already there, and would double it.
highways="'motorway','motorway_link','trunk','trunk_link','primary','primary_link',
  'secondary','secondary_link','tertiary','tertiary_link','unclassified','residential',
  'living_street','service','track','pedestrian','road'"
if [[ $with_paths -eq 1 ]]; then
  highways="$highways,'footway','path','cycleway'"
fi

# Building types that house one household; `yes` is the untyped building.
single_household="'yes','house','detached','bungalow','farm','cabin','static_caravan','houseboat'"
# Types with several households: 2 per level, or 4 when the levels are not tagged.
multi_household="'apartments','residential','terrace','dormitory'"
# Everything else (shed, garage, church, industrial, school, ...) counts 0 units.

# Public and municipal sites a network should reach; the first four are critical.
critical_kinds="'townhall','fire_station','hospital','police'"
site_kinds="$critical_kinds,'school','kindergarten','childcare','college','university',
  'library','community_centre','social_facility','clinic','doctors','courthouse',
  'public_building','post_office'"

# OSM ids come from different spaces (ways, relations, nodes); the layers keep the
# number as a string, as the shared layers do.
way_or_relation_id="COALESCE(osm_way_id, osm_id)"

derive() {
  local layer="$1" sql="$2"; shift 2
  rm -f "$outdir/$layer.geojson"
  ogr2ogr -f GeoJSON "$outdir/$layer.geojson" "$input" \
    -dialect sqlite -sql "$sql" "${spat[@]}" "$@" \
    -lco RFC7946=YES -lco COORDINATE_PRECISION=7 -lco WRITE_NAME=NO \
    -nln "$layer"
}

derive roads "
  SELECT osm_id,
         highway,
         name,
         hstore_get_value(other_tags, 'surface') AS surface,
         hstore_get_value(other_tags, 'bridge') AS bridge,
         hstore_get_value(other_tags, 'tunnel') AS tunnel,
         geometry
  FROM lines
  WHERE highway IN ($highways)
  ORDER BY CAST(osm_id AS INTEGER)" \
  -nlt LINESTRING

units_expr() { # $1: building type column, $2: levels tag value
  echo "CASE
      WHEN $1 IN ($single_household) THEN 1
      WHEN $1 IN ($multi_household) THEN
        CASE WHEN CAST($2 AS INTEGER) > 0 THEN 2 * CAST($2 AS INTEGER) ELSE 4 END
      ELSE 0 END"
}

derive buildings "
  SELECT id AS osm_id, building, units, geometry FROM (
    SELECT $way_or_relation_id AS id,
           building,
           $(units_expr building "hstore_get_value(other_tags, 'building:levels')") AS units,
           ST_PointOnSurface(geometry) AS geometry
    FROM multipolygons
    WHERE building IS NOT NULL AND building <> 'no'
    UNION ALL
    SELECT osm_id AS id,
           hstore_get_value(other_tags, 'building') AS b,
           $(units_expr "hstore_get_value(other_tags, 'building')" "hstore_get_value(other_tags, 'building:levels')") AS units,
           geometry
    FROM points
    WHERE b IS NOT NULL AND b <> 'no')
  WHERE geometry IS NOT NULL
  ORDER BY CAST(id AS INTEGER)" \
  -nlt POINT

derive sites "
  SELECT id AS osm_id, name, kind, kind IN ($critical_kinds) AS critical, geometry FROM (
    SELECT $way_or_relation_id AS id, name, amenity AS kind,
           ST_PointOnSurface(geometry) AS geometry
    FROM multipolygons
    WHERE amenity IN ($site_kinds)
    UNION ALL
    SELECT osm_id AS id, name, hstore_get_value(other_tags, 'amenity') AS kind, geometry
    FROM points
    WHERE kind IN ($site_kinds))
  WHERE geometry IS NOT NULL
  ORDER BY CAST(id AS INTEGER)" \
  -nlt POINT -mapFieldType 'Integer=Integer(Boolean)'

derive boundaries "
  SELECT name, admin_level, osm_id, geometry
  FROM multipolygons
  WHERE boundary = 'administrative' AND admin_level = '8' AND osm_id IS NOT NULL
  ORDER BY CAST(osm_id AS INTEGER)" \
  -nlt MULTIPOLYGON

for layer in roads buildings sites boundaries; do
  count="$(ogrinfo -ro -so -al "$outdir/$layer.geojson" | sed -n 's/^Feature Count: //p')"
  echo "$layer: ${count:-0} features"
done
