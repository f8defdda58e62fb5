#!/usr/bin/env bash
# make_boundaries.sh -- build the boundary shapefiles in geodata/boundaries/
#
#   focus_countries.shp        Kosovo + Serbia (admin-0, see "one Kosovo boundary" below)
#   neighbour_countries.shp    8 neighbouring countries (Natural Earth 1:10m admin-0, npm world-atlas)
#   serbia_districts.shp       24 okrugs + City of Belgrade (Natural Earth 1:10m admin-1, minus K)
#   kosovo_districts.shp       7 Kosovo districts (the municipalities dissolved by district)
#   kosovo_municipalities.shp  38 Kosovo municipalities (geoBoundaries XKX ADM2, full resolution)
#
# One Kosovo boundary: K = the union of the 38 full-resolution geoBoundaries municipalities.
# Kosovo in focus_countries is K; the districts are the municipalities dissolved by district;
# Serbia is (NE Serbia + NE Kosovo) minus K, and each NE Serbian district is cut by K.
# So the Kosovo line is the same line in every layer except neighbour_countries (left as NE).
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

LAYERS=(focus_countries neighbour_countries region_land serbia_districts kosovo_districts kosovo_municipalities)

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

sql_scalar() {  # sql [datasource] -> first value of first row
  ogrinfo -ro -q -dialect SQLite -sql "$1" "${2:-$WORK}" | sed -n 's/^  [^=]* = //p' | head -n1
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

# ---------------------------------------------------------------- one Kosovo boundary
# K = the union of the 38 full-resolution geoBoundaries municipalities. Every layer except
# neighbour_countries takes its Kosovo line from K, so the lines coincide exactly.
# Geometry work is planar in degrees (GEOS). Areas used for decisions are approximate
# (deg^2 x 111.32^2 x cos(lat), within ~0.5 %); the checks below measure in EPSG:3035 (equal-area).
MIN_PART_KM2=0.5   # a detached polygon part smaller than this (km^2) is a sliver and is dropped

km2() { echo "(ST_Area($1) * 12392.1 * Cos(Radians(ST_Y(ST_Centroid($1)))))"; }

derive() {  # layer sql [extra ogr2ogr args...]: write a derived layer into the work GeoPackage
  local layer="$1" sql="$2"; shift 2
  ogr2ogr -update "$WORK" "$WORK" -a_srs EPSG:4326 -dialect SQLite -sql "$sql" -nln "$layer" "$@"
}

log "building K (union of the 38 municipalities) and the 7 districts"
derive kos_k "SELECT ST_Union(geom) AS geom FROM gb_xkx_adm2_municipalities" -nlt PROMOTE_TO_MULTI
derive kos_districts \
  "SELECT district AS gb_name, ST_Union(geom) AS geom FROM gb_xkx_adm2_municipalities
   GROUP BY district ORDER BY district" -nlt PROMOTE_TO_MULTI
[ "$(sql_scalar "SELECT ST_NumGeometries(geom) || '/' || ST_NumInteriorRing(ST_GeometryN(geom, 1)) AS v FROM kos_k")" = "1/0" ] \
  || die "K (union of the municipalities) is not one polygon without holes: gaps or islands in the source?"
[ "$(sql_scalar "SELECT COUNT(*) FROM kos_districts d JOIN kos_district_names k ON k.gb_name = d.gb_name
                 JOIN gb_xkx_adm1_districts g ON g.shapeName = d.gb_name")" = "7" ] \
  || die "the municipalities' district values do not match the 7 geoBoundaries districts"

# Serbia = (NE Serbia + NE Kosovo) - K, in one overlay, split into its parts. Parts that hold no
# NE Serbian land are NE-Kosovo land outside K along the Montenegro/Albania/North Macedonia
# borders: they are not Serbia and are dropped (they stay uncovered, between K and the NE
# neighbour). Of the parts that hold NE Serbian land, keep the main body, anything touching it,
# and anything of at least MIN_PART_KM2; drop the rest as slivers.
log "building Serbia = (NE Serbia + NE Kosovo) - K"
derive srb_parts \
  "SELECT ST_Difference(ST_Union(w.geom), (SELECT geom FROM kos_k)) AS geom
   FROM wa_countries w WHERE w.name IN ('Serbia', 'Kosovo')" -explodecollections -nlt POLYGON
derive srb_parts_cls \
  "WITH p AS (SELECT fid AS part, geom, $(km2 geom) AS km2,
                     COALESCE(ST_Area(ST_Intersection(geom, (SELECT geom FROM wa_countries WHERE name = 'Serbia'))), 0) > 1e-6 AS has_srb
              FROM srb_parts),
        m AS (SELECT geom FROM p WHERE has_srb ORDER BY km2 DESC LIMIT 1)
   SELECT p.part, p.km2, p.has_srb,
          CAST(p.has_srb AND (p.km2 >= $MIN_PART_KM2 OR ST_Distance(p.geom, m.geom) < 1e-9) AS INTEGER) AS keep,
          p.geom
   FROM p, m ORDER BY p.part" -nlt POLYGON
derive srb_new "SELECT ST_Union(geom) AS geom FROM srb_parts_cls WHERE keep ORDER BY part" -nlt PROMOTE_TO_MULTI
log "  Serbia: kept $(sql_scalar "SELECT COUNT(*) AS v FROM srb_parts_cls WHERE keep") part(s);" \
    "dropped $(sql_scalar "SELECT COUNT(*) || ' NE-Kosovo remnants outside K (' || printf('%.1f', COALESCE(SUM(km2), 0)) || ' km2)' AS v FROM srb_parts_cls WHERE NOT has_srb")" \
    "and $(sql_scalar "SELECT COUNT(*) || ' slivers (' || printf('%.3f', COALESCE(SUM(km2), 0)) || ' km2)' AS v FROM srb_parts_cls WHERE has_srb AND NOT keep")"

# Serbian districts: each NE district minus K (districts clear of K are copied unchanged), then
# the same sliver rule per district.
log "building the Serbian districts minus K"
derive srbd_parts \
  "SELECT n.iso_3166_2,
          CASE WHEN ST_Intersects(n.geom, k.geom) THEN ST_Difference(n.geom, k.geom) ELSE n.geom END AS geom
   FROM ne_admin1_srb_kos n, kos_k k WHERE n.adm0_a3 = 'SRB' ORDER BY n.iso_3166_2" -explodecollections -nlt POLYGON
derive srbd_parts_cls \
  "WITH p AS (SELECT fid AS part, iso_3166_2, geom, $(km2 geom) AS km2,
                     ROW_NUMBER() OVER (PARTITION BY iso_3166_2 ORDER BY ST_Area(geom) DESC) AS rn
              FROM srbd_parts)
   SELECT p.part, p.iso_3166_2, p.km2,
          CAST(p.rn = 1 OR p.km2 >= $MIN_PART_KM2 OR ST_Distance(p.geom, m.geom) < 1e-9 AS INTEGER) AS keep, p.geom
   FROM p JOIN p AS m ON m.iso_3166_2 = p.iso_3166_2 AND m.rn = 1 ORDER BY p.part" -nlt POLYGON
derive srbd_new \
  "SELECT iso_3166_2, ST_Union(geom) AS geom FROM srbd_parts_cls WHERE keep
   GROUP BY iso_3166_2 ORDER BY iso_3166_2" -nlt PROMOTE_TO_MULTI
log "  districts: dropped $(sql_scalar "SELECT COUNT(*) || ' slivers (' || printf('%.3f', COALESCE(SUM(km2), 0)) || ' km2)' AS v FROM srbd_parts_cls WHERE NOT keep")"

# ---------------------------------------------------------------- outputs
SHP_OPTS=(-f "ESRI Shapefile" -a_srs EPSG:4326 -nlt PROMOTE_TO_MULTI
          -lco ENCODING=UTF-8 -lco "DBF_DATE_LAST_UPDATE=$DBF_DATE")

make_shp() {  # layer sql [extra ogr2ogr args...]
  local layer="$1" sql="$2"; shift 2
  log "writing $layer.shp"
  ogr2ogr "${SHP_OPTS[@]}" "$@" "$STAGE/$layer.shp" "$WORK" -dialect SQLite -sql "$sql" -nln "$layer"
}

make_shp focus_countries \
  "SELECT c.name, c.name_local, c.iso_a2, g.geom FROM country_names c
   JOIN (SELECT 'Serbia' AS wa_name, geom FROM srb_new UNION ALL SELECT 'Kosovo', geom FROM kos_k) g
     ON g.wa_name = c.wa_name
   WHERE c.grp = 'focus' ORDER BY c.iso_a2"

# NE Croatia (world-atlas topology) has a self-intersection near 15.387E 43.777N: repair it.
make_shp neighbour_countries \
  "SELECT c.name, c.name_local, c.iso_a2, w.geom FROM wa_countries w
   JOIN country_names c ON c.wa_name = w.name WHERE c.grp = 'neighbour' ORDER BY c.iso_a2" \
  -makevalid

# Everything on land in the region as one polygon, drawn under all other layers: the sources' lines differ by up to
# a kilometre, and without it the sea colour would show through the strips between them.
make_shp region_land \
  "SELECT 'Region' AS name, ST_Union(g) AS geom FROM (
     SELECT ST_Buffer(w.geom, 0) AS g FROM wa_countries w JOIN country_names c ON c.wa_name = w.name
     UNION ALL SELECT geom FROM kos_k)" \
  -makevalid

make_shp serbia_districts \
  "SELECT d.name, d.name_local, n.iso_3166_2, d.name AS district, n.geom
   FROM srbd_new n JOIN srb_district_names d ON d.iso_3166_2 = n.iso_3166_2
   ORDER BY n.iso_3166_2"

make_shp kosovo_districts \
  "SELECT k.name, k.name_sr, g.shapeID, d.geom
   FROM kos_districts d JOIN kos_district_names k ON k.gb_name = d.gb_name
   JOIN gb_xkx_adm1_districts g ON g.shapeName = d.gb_name
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
    "SELECT COUNT(*) AS bad FROM \"$layer\" WHERE geometry IS NULL OR NOT ST_IsValid(geometry)
     OR ST_GeometryType(geometry) NOT IN ('POLYGON', 'MULTIPOLYGON') OR name IS NULL OR name = ''" \
    "$f" | sed -n 's/^  bad (Integer) = //p')"
  [ "$bad" = "0" ] || die "$layer: $bad features with invalid/empty/non-polygon geometry or empty name"
  log "ok  $layer: $n features, fields $fields, all geometries valid"
}
check_layer focus_countries       2  name,name_local,iso_a2
check_layer neighbour_countries   8  name,name_local,iso_a2
check_layer serbia_districts      25 name,name_local,iso_3166_2,district
check_layer kosovo_districts      7  name,name_sr,shapeID
check_layer kosovo_municipalities 38 name,name_sr,district,shapeID
check_layer region_land           1  name

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

# ---------------------------------------------------------------- alignment checks
# On copies of the staged files reprojected to EPSG:3035 (LAEA Europe: equal-area, metres).
# Shared vertices reproject identically, so coincident lines stay coincident.
CHK="$TMP/check.gpkg"
ogr2ogr -f GPKG "$CHK" "$WORK" wa_countries -where "name IN ('Serbia', 'Kosovo')" -t_srs EPSG:3035 -nln ne_focus
for layer in "${LAYERS[@]}"; do
  ogr2ogr -update "$CHK" "$STAGE/$layer.shp" -t_srs EPSG:3035 -nln "$layer" -nlt PROMOTE_TO_MULTI
done
chk() { sql_scalar "$1" "$CHK"; }
km2_of() { chk "SELECT printf('%.4f', COALESCE(ST_Area($1), 0) / 1e6) AS v"; }
K="(SELECT geom FROM focus_countries WHERE iso_a2 = 'XK')"
S="(SELECT geom FROM focus_countries WHERE iso_a2 = 'RS')"
MUNIS="(SELECT ST_Union(geom) FROM kosovo_municipalities)"
KDIST="(SELECT ST_Union(geom) FROM kosovo_districts)"
SDIST="(SELECT ST_Union(geom) FROM serbia_districts)"
NE_SK="(SELECT ST_Union(geom) FROM ne_focus)"
NEAR_K="ST_Buffer($K, 5000)"
TOL_KM2=0.001      # 1,000 m^2: "zero" for an area between two layers that should share a line
within_tol() {  # km2: a plain number below TOL_KM2?
  [[ "$1" =~ ^[0-9]+\.[0-9]+$ ]] || die "measurement failed (got '$1')"
  awk -v a="$1" -v t="$TOL_KM2" 'BEGIN { exit !(a < t) }'
}

zero_check() {  # label expression: the area of expression must be below TOL_KM2
  local a
  a="$(km2_of "$2")"
  within_tol "$a" || die "$1: $a km2 (limit $TOL_KM2 km2)"
  log "ok  $1: $a km2"
}
zero_check "Kosovo (focus_countries) xor union of municipalities" "ST_SymDifference($K, $MUNIS)"
zero_check "union of kosovo_districts xor Kosovo" "ST_SymDifference($KDIST, $K)"
zero_check "municipalities outside their district" \
  "(SELECT ST_Union(ST_Difference(m.geom, d.geom)) FROM kosovo_municipalities m JOIN kosovo_districts d ON d.name = m.district)"
zero_check "Serbia and Kosovo overlap" "ST_Intersection($S, $K)"
zero_check "serbia_districts and Kosovo overlap" "ST_Intersection($SDIST, $K)"
[ "$(chk "SELECT ST_NumGeometries(u) || '/' || ST_NumInteriorRing(ST_GeometryN(u, 1)) AS v
          FROM (SELECT ST_Union($S, $K) AS u)")" = "1/0" ] \
  || die "Serbia + Kosovo is not one polygon without holes (a gap between them?)"
log "ok  Serbia + Kosovo is one polygon without holes"

# Report (no limits): what still does not line up.
log "report: K line shared with Serbia: $(chk "SELECT printf('%.1f', ST_Length(ST_Intersection(ST_Boundary($K), ST_Buffer($S, 1))) / 1000) AS v") km" \
    "of $(chk "SELECT printf('%.1f', ST_Length(ST_Boundary($K)) / 1000) AS v") km"
log "report: Serbia not covered by serbia_districts: $(km2_of "ST_Difference(ST_Intersection($S, $NEAR_K), $SDIST)") km2 within 5 km of K," \
    "$(km2_of "ST_Difference($S, $SDIST)") km2 in all"
log "report: serbia_districts outside Serbia: $(km2_of "ST_Difference(ST_Intersection($SDIST, $NEAR_K), $S)") km2 within 5 km of K," \
    "$(km2_of "ST_Difference($SDIST, $S)") km2 in all"
log "report: NE Serbia + NE Kosovo land now in neither Serbia nor K (gaps between K and the NE neighbours):" \
    "$(km2_of "ST_Difference($NE_SK, ST_Union($S, $K))") km2"
while IFS= read -r nb; do
  log "report: K overlaps $nb by $(km2_of "ST_Intersection($K, (SELECT geom FROM neighbour_countries WHERE name = '$nb'))") km2"
done < <(ogrinfo -ro -q -dialect SQLite -sql "SELECT name FROM neighbour_countries
           WHERE ST_Intersects(geom, $NEAR_K) ORDER BY name" "$CHK" | sed -n 's/^  name (String) = //p')

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
