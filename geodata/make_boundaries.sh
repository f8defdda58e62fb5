#!/usr/bin/env bash
# make_boundaries.sh -- build the boundary shapefiles in geodata/boundaries/
#
#   focus_countries.shp        Kosovo + Serbia (Natural Earth 1:10m admin-0, npm world-atlas)
#   neighbour_countries.shp    8 neighbouring countries (same source)
#   serbia_districts.shp       24 okrugs + City of Belgrade (Natural Earth 1:10m admin-1)
#   kosovo_districts.shp       7 Kosovo districts (geoBoundaries XKX ADM1, simplified)
#   kosovo_municipalities.shp  38 Kosovo municipalities (geoBoundaries XKX ADM2, full resolution)
#
# Needs: bash, npm (registry access or a warm npm cache), gdal-bin (ogr2ogr/ogrinfo with
# GEOS + SpatiaLite SQL functions), tar, sha256sum, sed.
# Inputs: npm world-atlas@2.0.2 and $GEODATA_SRC (default: <repo>/../shared/geodata-src).
# All inputs are pinned by sha256; the script stops if one differs.
# Idempotent: outputs are built in a temp dir, checked, then replace the old files.
# Reproducible: same inputs give byte-identical files (the DBF header date is fixed).
# See geodata/README.md for sources, licences and attribution.
set -euo pipefail
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "$0")" && pwd)"
GEODATA_SRC="${GEODATA_SRC:-$(dirname "$0")/../../shared/geodata-src}"
OUT="$HERE/boundaries"

WA_VERSION="2.0.2"
WA_SHA256="3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"  # countries-10m.json
NE_ADM1_SHA256="47e1139f43b3b94ee0035c958ec4505312d74e7fc6bacc36f3839ca81c18b749"  # ne_10m_admin1_srb_kos.gpkg
GB_ADM1_SHA256="0ab0640e186bfee732b37ffcf081743b6dc7d5dffae64611fbdbcf16c567aa73"  # gb_adm1_xkx_srb_simplified.gpkg
GB_ADM2_SHA256="29a27db1898aa80191b120476b44a282dd781fcbe8d90a7ce78fa2dcc148ebeb"  # gb_xkx_adm2_municipalities.gpkg
DBF_DATE="2024-01-01"     # fixed DBF "last update" date, so reruns are byte-identical
MAX_BYTES=$((6 * 1024 * 1024))

LAYERS=(focus_countries neighbour_countries serbia_districts kosovo_districts kosovo_municipalities)

die() { echo "make_boundaries: ERROR: $*" >&2; exit 1; }
log() { echo "make_boundaries: $*" >&2; }

for tool in npm tar ogr2ogr ogrinfo sha256sum sed; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (needs npm and gdal-bin)"
done
[ -d "$GEODATA_SRC" ] || die "GEODATA_SRC '$GEODATA_SRC' is not a directory"
GEODATA_SRC="$(cd "$GEODATA_SRC" && pwd)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
STAGE="$TMP/out"
WORK="$TMP/work.gpkg"
mkdir -p "$STAGE"

verify_sha() {  # file expected_sha256
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || die "sha256 mismatch for $1: got $got, expected $2 (input changed? check it, then update the pin in $0 and geodata/README.md)"
}

# ---------------------------------------------------------------- inputs
log "fetching world-atlas@$WA_VERSION with npm pack"
( cd "$TMP" && npm pack --silent "world-atlas@$WA_VERSION" >/dev/null && tar xzf "world-atlas-$WA_VERSION.tgz" )
WA="$TMP/package/countries-10m.json"
verify_sha "$WA" "$WA_SHA256"

NE_ADM1="$GEODATA_SRC/ne_10m_admin1_srb_kos.gpkg"
GB_ADM1="$GEODATA_SRC/gb_adm1_xkx_srb_simplified.gpkg"
GB_ADM2="$GEODATA_SRC/gb_xkx_adm2_municipalities.gpkg"
verify_sha "$NE_ADM1" "$NE_ADM1_SHA256"
verify_sha "$GB_ADM1" "$GB_ADM1_SHA256"
verify_sha "$GB_ADM2" "$GB_ADM2_SHA256"

# ---------------------------------------------------------------- lookup tables
# Countries: world-atlas (NE 4.1.0) name -> current English name, local name, ISO 3166-1 alpha-2.
cat > "$TMP/country_names.csv" <<'EOF'
wa_name,grp,name,name_local,iso_a2
Serbia,focus,Serbia,Србија,RS
Kosovo,focus,Kosovo,Kosova / Kosovo,XK
Montenegro,neighbour,Montenegro,Crna Gora / Црна Гора,ME
Albania,neighbour,Albania,Shqipëria,AL
Macedonia,neighbour,North Macedonia,Северна Македонија,MK
Bulgaria,neighbour,Bulgaria,България,BG
Romania,neighbour,Romania,România,RO
Hungary,neighbour,Hungary,Magyarország,HU
Croatia,neighbour,Croatia,Hrvatska,HR
Bosnia and Herz.,neighbour,Bosnia and Herzegovina,Bosna i Hercegovina,BA
EOF

# Serbian districts, keyed by ISO 3166-2 (NOT by the NE name: NE RS-19 is wrongly named
# 'Pomoravski'; its polygon is Rasina, name_alt='Rasina'). Official Serbian names,
# Latin and Cyrillic; the Cyrillic is cross-checked below by transliteration.
cat > "$TMP/srb_district_names.csv" <<'EOF'
iso_3166_2,name,name_local
RS-00,Grad Beograd,Град Београд
RS-01,Severnobački okrug,Севернобачки округ
RS-02,Srednjebanatski okrug,Средњебанатски округ
RS-03,Severnobanatski okrug,Севернобанатски округ
RS-04,Južnobanatski okrug,Јужнобанатски округ
RS-05,Zapadnobački okrug,Западнобачки округ
RS-06,Južnobački okrug,Јужнобачки округ
RS-07,Sremski okrug,Сремски округ
RS-08,Mačvanski okrug,Мачвански округ
RS-09,Kolubarski okrug,Колубарски округ
RS-10,Podunavski okrug,Подунавски округ
RS-11,Braničevski okrug,Браничевски округ
RS-12,Šumadijski okrug,Шумадијски округ
RS-13,Pomoravski okrug,Поморавски округ
RS-14,Borski okrug,Борски округ
RS-15,Zaječarski okrug,Зајечарски округ
RS-16,Zlatiborski okrug,Златиборски округ
RS-17,Moravički okrug,Моравички округ
RS-18,Raški okrug,Рашки округ
RS-19,Rasinski okrug,Расински округ
RS-20,Nišavski okrug,Нишавски округ
RS-21,Toplički okrug,Топлички округ
RS-22,Pirotski okrug,Пиротски округ
RS-23,Jablanički okrug,Јабланички округ
RS-24,Pčinjski okrug,Пчињски округ
EOF

# Kosovo districts: geoBoundaries shapeName -> short Albanian name (geoBoundaries form
# without "District of") and the Serbian Latin name.
cat > "$TMP/kos_district_names.csv" <<'EOF'
gb_name,name,name_sr
District of Prishtina,Prishtina,Priština
District of Mitrovica,Mitrovica,Mitrovica
District of Peja,Peja,Peć
District of Gjilan,Gjilan,Gnjilane
District of Gjakova,Gjakova,Đakovica
District of Prizren,Prizren,Prizren
District of Ferizaj,Ferizaj,Uroševac
EOF

# ---------------------------------------------------------------- work GeoPackage
log "loading inputs into a scratch GeoPackage"
ogr2ogr -f GPKG "$WORK" "$WA" countries -nln wa_countries -a_srs EPSG:4326 -nlt PROMOTE_TO_MULTI
for t in country_names srb_district_names kos_district_names; do
  ogr2ogr -update "$WORK" "$TMP/$t.csv" -nln "$t"
done
ogr2ogr -update "$WORK" "$NE_ADM1" ne_admin1_srb_kos
ogr2ogr -update "$WORK" "$GB_ADM1" gb_xkx_adm1_districts
ogr2ogr -update "$WORK" "$GB_ADM2" gb_xkx_adm2_municipalities

sql_scalar() {  # sql -> first value of first row
  ogrinfo -ro -q -dialect SQLite -sql "$1" "$WORK" | sed -n 's/^  [^=]* = //p' | head -n1
}

# Guard the known source quirks this script relies on.
[ "$(sql_scalar "SELECT name_alt FROM ne_admin1_srb_kos WHERE iso_3166_2='RS-19'")" = "Rasina" ] \
  || die "NE RS-19 is no longer name_alt='Rasina'; recheck the Serbian district mapping"
for t in country_names srb_district_names kos_district_names; do
  case $t in
    country_names)      q="SELECT COUNT(*) FROM country_names c LEFT JOIN wa_countries w ON w.name=c.wa_name WHERE w.name IS NULL" ;;
    srb_district_names) q="SELECT COUNT(*) FROM srb_district_names d LEFT JOIN ne_admin1_srb_kos n ON n.iso_3166_2=d.iso_3166_2 AND n.adm0_a3='SRB' WHERE n.iso_3166_2 IS NULL" ;;
    kos_district_names) q="SELECT COUNT(*) FROM kos_district_names k LEFT JOIN gb_xkx_adm1_districts g ON g.shapeName=k.gb_name WHERE g.shapeName IS NULL" ;;
  esac
  [ "$(sql_scalar "$q")" = "0" ] || die "lookup table $t has rows that match nothing in the source"
done

# ---------------------------------------------------------------- outputs
SHP_OPTS=(-f "ESRI Shapefile" -a_srs EPSG:4326 -nlt PROMOTE_TO_MULTI
          -lco ENCODING=UTF-8 -lco "DBF_DATE_LAST_UPDATE=$DBF_DATE")

make_shp() {  # layer sql [extra ogr2ogr args...]
  local layer="$1" sql="$2"; shift 2
  log "writing $layer.shp"
  ogr2ogr "${SHP_OPTS[@]}" "$@" "$STAGE/$layer.shp" "$WORK" -dialect SQLite -sql "$sql" -nln "$layer"
}

make_shp focus_countries \
  "SELECT c.name, c.name_local, c.iso_a2, w.geom FROM wa_countries w
   JOIN country_names c ON c.wa_name = w.name WHERE c.grp = 'focus' ORDER BY c.iso_a2"

# NE Croatia (world-atlas topology) has a self-intersection near 15.387E 43.777N: repair it.
make_shp neighbour_countries \
  "SELECT c.name, c.name_local, c.iso_a2, w.geom FROM wa_countries w
   JOIN country_names c ON c.wa_name = w.name WHERE c.grp = 'neighbour' ORDER BY c.iso_a2" \
  -makevalid

make_shp serbia_districts \
  "SELECT d.name, d.name_local, n.iso_3166_2, d.name AS district, n.geom
   FROM ne_admin1_srb_kos n JOIN srb_district_names d ON d.iso_3166_2 = n.iso_3166_2
   WHERE n.adm0_a3 = 'SRB' ORDER BY n.iso_3166_2"

make_shp kosovo_districts \
  "SELECT k.name, k.name_sr, g.shapeID, g.geom
   FROM gb_xkx_adm1_districts g JOIN kos_district_names k ON k.gb_name = g.shapeName
   ORDER BY k.name"

make_shp kosovo_municipalities \
  "SELECT m.name_sq AS name, m.name_sr, k.name AS district, m.shapeID, m.geom
   FROM gb_xkx_adm2_municipalities m JOIN kos_district_names k ON k.gb_name = m.district
   ORDER BY k.name, m.name_sq"

# ---------------------------------------------------------------- checks
check_layer() {  # layer expected_count expected_fields
  local layer="$1" want_n="$2" want_fields="$3" f="$STAGE/$1.shp" info n fields bad
  for ext in shp shx dbf prj cpg; do [ -s "$STAGE/$layer.$ext" ] || die "$layer.$ext missing"; done
  [ "$(tr -d '\r\n' < "$STAGE/$layer.cpg")" = "UTF-8" ] || die "$layer.cpg is not UTF-8"
  grep -q 'GCS_WGS_1984' "$STAGE/$layer.prj" || die "$layer.prj is not WGS 84"
  info="$(ogrinfo -ro -so -al "$f")"
  # A shapefile has one polygon type (5) for Polygon and MultiPolygon; GDAL reports the layer as
  # "Polygon" and returns multi-part features as MultiPolygon.
  grep -q '^Geometry: Polygon$' <<<"$info" || die "$layer: shape type is not Polygon"
  n="$(sed -n 's/^Feature Count: //p' <<<"$info")"
  [ "$n" = "$want_n" ] || die "$layer: $n features, expected $want_n"
  fields="$(sed -n 's/^\([A-Za-z0-9_]*\): [A-Za-z]* (.*$/\1/p' <<<"$info" | paste -sd, -)"
  [ "$fields" = "$want_fields" ] || die "$layer: fields '$fields', expected '$want_fields'"
  bad="$(ogrinfo -ro -q -dialect SQLite -sql \
    "SELECT COUNT(*) AS bad FROM \"$layer\" WHERE geometry IS NULL OR NOT ST_IsValid(geometry) OR name IS NULL OR name = ''" \
    "$f" | sed -n 's/^  bad (Integer) = //p')"
  [ "$bad" = "0" ] || die "$layer: $bad features with invalid/empty geometry or empty name"
  log "ok  $layer: $n features, fields $fields, all geometries valid"
}
check_layer focus_countries       2  name,name_local,iso_a2
check_layer neighbour_countries   8  name,name_local,iso_a2
check_layer serbia_districts      25 name,name_local,iso_3166_2,district
check_layer kosovo_districts      7  name,name_sr,shapeID
check_layer kosovo_municipalities 38 name,name_sr,district,shapeID

# Serbian Latin -> Cyrillic (1:1, digraphs lj nj dž first): must reproduce name_local.
sr_cyr() {
  sed -e 's/LJ/Љ/g;s/Lj/Љ/g;s/lj/љ/g;s/NJ/Њ/g;s/Nj/Њ/g;s/nj/њ/g;s/DŽ/Џ/g;s/Dž/Џ/g;s/dž/џ/g' \
      -e 's/A/А/g;s/B/Б/g;s/C/Ц/g;s/Č/Ч/g;s/Ć/Ћ/g;s/D/Д/g;s/Đ/Ђ/g;s/E/Е/g;s/F/Ф/g;s/G/Г/g' \
      -e 's/H/Х/g;s/I/И/g;s/J/Ј/g;s/K/К/g;s/L/Л/g;s/M/М/g;s/N/Н/g;s/O/О/g;s/P/П/g;s/R/Р/g' \
      -e 's/S/С/g;s/Š/Ш/g;s/T/Т/g;s/U/У/g;s/V/В/g;s/Z/З/g;s/Ž/Ж/g' \
      -e 's/a/а/g;s/b/б/g;s/c/ц/g;s/č/ч/g;s/ć/ћ/g;s/d/д/g;s/đ/ђ/g;s/e/е/g;s/f/ф/g;s/g/г/g' \
      -e 's/h/х/g;s/i/и/g;s/j/ј/g;s/k/к/g;s/l/л/g;s/m/м/g;s/n/н/g;s/o/о/g;s/p/п/g;s/r/р/g' \
      -e 's/s/с/g;s/š/ш/g;s/t/т/g;s/u/у/g;s/v/в/g;s/z/з/g;s/ž/ж/g'
}
while IFS=, read -r iso lat cyr; do
  [ "$iso" = iso_3166_2 ] && continue
  [ "$(printf '%s' "$lat" | sr_cyr)" = "$cyr" ] || die "Cyrillic of '$lat' ($iso) is not '$cyr'"
done < "$TMP/srb_district_names.csv"

# Non-ASCII must survive the round trip through the DBF.
dump="$(ogrinfo -ro -al -q "$STAGE/kosovo_municipalities.shp")"
for s in Shtërpcë Štrpce Leposavić Đakovica Graçanicë; do
  grep -q "$s" <<<"$dump" || die "'$s' not found in kosovo_municipalities.dbf (encoding problem?)"
done
grep -q 'Расински округ' <<<"$(ogrinfo -ro -al -q "$STAGE/serbia_districts.shp")" \
  || die "Cyrillic lost in serbia_districts.dbf"

total="$(cat "$STAGE"/*.shp "$STAGE"/*.shx "$STAGE"/*.dbf "$STAGE"/*.prj "$STAGE"/*.cpg | wc -c)"
[ "$total" -le "$MAX_BYTES" ] || die "outputs total $total bytes, over the $MAX_BYTES budget"

# ---------------------------------------------------------------- install
mkdir -p "$OUT"
for layer in "${LAYERS[@]}"; do
  for ext in shp shx dbf prj cpg; do
    rm -f "$OUT/$layer.$ext"
    mv "$STAGE/$layer.$ext" "$OUT/$layer.$ext"
  done
done
log "done: ${#LAYERS[@]} shapefiles, $total bytes, in $OUT"
