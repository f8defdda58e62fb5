#!/usr/bin/env python3
"""Helper of make_places.sh: turns GeoNames cities500 and the Kosovo/Serbia additions into the place table
that `flashpoint places-build` converts into geodata/places/places.fpgaz.

  make_places.py points  CITIES500 STAGED_CSV OUT_POINTS_CSV
      XK/RS GeoNames rows and the staged points as id,lon,lat (input of the point-in-polygon join).
  make_places.py world-points CITIES500 OUT_POINTS_CSV
      every other GeoNames row as id,lon,lat,country (input of the Natural Earth point-in-polygon join).
  make_places.py table   CITIES500 STAGED_CSV PIP_CSV MUNIS_CSV KDIST_CSV SDIST_CSV NE_UNITS_CSV NE_REGIONS_CSV
                         NE_PIP_CSV OUT_TSV
      the place table (columns: see geodata/places/README.md).

Deterministic: the same inputs give the same bytes (rows in input order, then additions by id)."""
import collections
import csv
import re
import sys
import unicodedata

FP_BASE = 0x80000000
MUNI_BASE = FP_BASE + 0x1000      # Kosovo municipalities, by shapeID order
KDIST_BASE = FP_BASE + 0x2000     # Kosovo districts, by shapeID order
SDIST_BASE = FP_BASE + 0x3000     # Serbian districts, + the number of RS-NN
NE_BASE = FP_BASE + 0x10000       # Natural Earth admin-1 units outside XK/RS, by ne_id order
NE_REGION_BASE = FP_BASE + 0x20000  # regions above second-level NE units, by (country, region) order
OWN_BOUNDARIES = ("XK", "RS")
TYPE_SUFFIXES = ("Oblast", "Province", "Region", "Governorate", "Prefecture", "County")     # countries whose admin names come from geodata/boundaries, not NE
# Natural Earth name columns kept as names of an admin-1 area (Latin or Cyrillic script; see README).
NE_NAME_LANGS = ["en", "de", "es", "fr", "hu", "id", "it", "nl", "pl", "pt", "sv", "tr", "vi", "ru", "uk"]
COLUMNS = ["id", "name", "asciiname", "lat", "lon", "feature_class", "feature_code", "country",
           "admin1_code", "admin2_code", "admin1_name", "admin2_name", "population", "source",
           "alternate_names", "tagged_names"]


def kept_script(text):
    """Latin and Cyrillic names only: the scripts of the region and of the sources' users (see README)."""
    for ch in text:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC")):
                return False
    return True


def clean(text):
    return text.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


def read_cities(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 19:
                sys.exit(f"make_places.py: {path}: expected 19 columns, got {len(c)}: {line[:80]!r}")
            yield c


def staged_points(path):
    """Rows of points_kos_srb_sources.csv with their id: the GeoNames id when the row is a GeoNames point."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            m = re.search(r"geonames\.org/(\d+)", r["src_ref"])
            pid = int(r["pid"])
            r["id"] = int(m.group(1)) if m else FP_BASE + pid
            out.append(r)
    return out


def base_names(label):
    """'Rudare (Veliko Rudare)' -> ['Rudare', 'Veliko Rudare']; 'Banjska (Vučitrn) - namesake' -> ['Banjska']."""
    label = label.split(" - ")[0]
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", label)
    if not m:
        return [label.strip()]
    inner = m.group(2).strip()
    names = [m.group(1).strip()]
    if inner and not re.search(r"side|\bnamesake\b", inner) and inner not in ("Vučitrn",):
        names.append(inner)
    return names


def cmd_points(cities, staged, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "lon", "lat"])
        for c in read_cities(cities):
            if c[8] in ("XK", "RS"):
                w.writerow([c[0], c[5], c[4]])
        for r in staged_points(staged):
            w.writerow([r["id"], r["lon"], r["lat"]])


def cmd_world_points(cities, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "lon", "lat", "country"])
        for c in read_cities(cities):
            if c[8] not in OWN_BOUNDARIES:
                w.writerow([c[0], c[5], c[4], c[8]])


def split_alt(name):
    """'Drenas (Gllogoc)' -> ('Drenas', ['Drenas (Gllogoc)', 'Gllogoc'])."""
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if not m:
        return name, []
    return m.group(1), [name, m.group(2)]


def both(sq, sr):
    return sq if sq == sr else f"{sq} / {sr}"


class WorldAdmin:
    """Admin names of the places outside Kosovo and Serbia, from Natural Earth admin-1 units (see README,
    "Admin names outside Kosovo and Serbia"), and the units themselves as area places."""

    def __init__(self, units_csv, regions_csv, pip_csv, cities):
        self.units = [u for u in csv.DictReader(open(units_csv, encoding="utf-8"))
                      if u["iso_a2"] not in OWN_BOUNDARIES and (u["name_en"] or u["name"])]
        self.by_id = {int(u["ne_id"]): u for u in self.units}
        by_code = collections.defaultdict(list)
        for u in self.units:
            by_code[u["gn_a1_code"]].append(u)
        pip = {}
        for r in csv.DictReader(open(pip_csv, encoding="utf-8")):
            pip[int(r["id"])] = (int(r["inside"]) if r["inside"] else None, int(r["near"]) if r["near"] else None)

        # Per place: the unit its GeoNames admin1 code names (when exactly one first-level unit carries that
        # code), and the unit its point lies in (or, off the 1:10m coastline, the nearest one of its country).
        places = []
        for c in read_cities(cities):
            if c[8] in OWN_BOUNDARIES:
                continue
            gid, cc, a1 = int(c[0]), c[8], c[10]
            cands = by_code.get(f"{cc}.{a1}", []) if a1 else []
            by_code_unit = cands[0] if len(cands) == 1 and cands[0]["gn_level"] == "1" else None
            inside, near = pip.get(gid, (None, None))
            unit = self.by_id.get(inside) if inside is not None else None
            if unit is not None and unit["iso_a2"] != cc:
                unit = None  # a 1:10m line put a border town into the neighbour country
            places.append((gid, cc, a1, by_code_unit, unit, self.by_id.get(near) if near is not None else None))

        # A code is trusted when most of its places that lie in some unit lie in the unit the code names:
        # this drops codes whose meaning changed between the two sources (GeoNames re-used Norway's "21").
        agree, located = collections.Counter(), collections.Counter()
        for gid, cc, a1, code_unit, unit, near in places:
            if code_unit is not None and unit is not None:
                located[(cc, a1)] += 1
                agree[(cc, a1)] += unit is code_unit
        self.unit_of, self.method = {}, {}
        self.stats = collections.Counter()
        for gid, cc, a1, code_unit, unit, near in places:
            if code_unit is not None and agree[(cc, a1)] * 2 >= located[(cc, a1)]:
                chosen, how = code_unit, "code"
                if unit is not None:
                    self.stats["code, polygon " + ("agrees" if unit is code_unit else "differs")] += 1
            elif unit is not None:
                chosen, how = unit, "polygon"
            elif near is not None:
                chosen, how = near, "nearest"
            else:
                chosen, how = None, "none"
            self.stats[how] += 1
            if chosen is not None:
                self.unit_of[gid] = chosen

        # Where NE's units are second-level (French departments, Italian provinces) their `region` is the
        # first-level area, if the region lies within one GeoNames admin1 area (for 90 % of its places).
        codes = collections.defaultdict(collections.Counter)
        for gid, cc, a1, *_ in places:
            u = self.unit_of.get(gid)
            if u is not None and u["gn_level"] == "2" and u["region"] and a1:
                codes[(cc, u["region"])][a1] += 1
        self.regions = {k: n.most_common(1)[0][0] for k, n in codes.items()
                        if n.most_common(1)[0][1] >= 0.9 * sum(n.values())}
        self.region_points = {(r["iso_a2"], r["region"]): r
                              for r in csv.DictReader(open(regions_csv, encoding="utf-8"))}

    @staticmethod
    def label(u):
        return clean(u["name_en"] or u["name"])

    def region_of(self, u):
        return clean(u["region"]) if (u["iso_a2"], u["region"]) in self.regions else ""

    def admin_names(self, gid):
        """(admin1 name, admin2 name) of a GeoNames place outside XK/RS, '' where unknown."""
        u = self.unit_of.get(gid)
        if u is None:
            return "", ""
        region = self.region_of(u) if u["gn_level"] == "2" else ""
        return (region, self.label(u)) if region else (self.label(u), "")

    def areas(self):
        """The units as area rows of the place table, ids NE_BASE + rank by ne_id."""
        out = []
        for n, u in enumerate(self.units):
            main = self.label(u)
            seen = {main.casefold()}
            alts, tagged = [], []

            def add(text, into, prefix=""):
                text = clean(text)
                if text and text.casefold() not in seen and kept_script(text):
                    seen.add(text.casefold())
                    into.append(prefix + text)

            add(u["name"], alts)
            for a in u["name_alt"].split("|"):
                # Abbreviations ("IL", "Ill.") would match unrelated short queries.
                if len(a.strip().rstrip(".")) > 3 and not a.strip().endswith("."):
                    add(a, alts)
            add(u["name_local"], alts)
            # English often names a unit with its type ("Donetsk Oblast", "Idlib Governorate").
            for kind in [t.strip().rstrip("'’") for t in u["type"].split("|")] + [u["type_en"]]:
                if kind in TYPE_SUFFIXES and kind.casefold() not in main.casefold():
                    add(f"{main} {kind}", alts)
            for lang in NE_NAME_LANGS:
                add(u[f"name_{lang}"], tagged, f"{lang}=")
            level2 = u["gn_level"] == "2"
            a1code = u["gn_a1_code"].split(".", 1)[1] if not level2 and "." in u["gn_a1_code"] else ""
            out.append([NE_BASE + n, main, "", u["lat"], u["lon"], "A", "ADM2" if level2 else "ADM1",
                        u["iso_a2"], a1code, "", self.region_of(u) if level2 else "", "", "0", "boundary",
                        "|".join(alts), "|".join(tagged)])
        # The regions used as admin1 are areas too ("Île-de-France", Burkina Faso's "Sahel"), at a point on the
        # union of their units, with the GeoNames admin1 code most of their places carry.
        for n, key in enumerate(sorted(self.regions)):
            r = self.region_points.get(key)
            if r is None:
                sys.exit(f"make_places.py: region {key} has no label point")
            out.append([NE_REGION_BASE + n, clean(key[1]), "", r["lat"], r["lon"], "A", "ADM1", key[0],
                        self.regions[key], "", "", "", "0", "boundary", "", ""])
        return out


def cmd_table(cities, staged, pip_csv, munis_csv, kdist_csv, sdist_csv, ne_units_csv, ne_regions_csv, ne_pip_csv,
              out):
    munis = list(csv.DictReader(open(munis_csv, encoding="utf-8")))
    kdists = list(csv.DictReader(open(kdist_csv, encoding="utf-8")))
    sdists = list(csv.DictReader(open(sdist_csv, encoding="utf-8")))
    kdist_sr = {d["name"]: d["name_sr"] for d in kdists}

    def muni_label(sq, sr):
        return both(split_alt(sq)[0], split_alt(sr)[0])

    def kdist_label(name):
        return both(name, kdist_sr.get(name, name))

    world = WorldAdmin(ne_units_csv, ne_regions_csv, ne_pip_csv, cities)
    pip = {}
    for r in csv.DictReader(open(pip_csv, encoding="utf-8")):
        pip[int(r["id"])] = r

    def admin_of(pid):
        """(country by polygon, admin1 name, admin2 name) from the boundary layers, '' where unknown."""
        r = pip.get(pid)
        if not r:
            return "", "", ""
        if r["muni"]:
            return r["country"], kdist_label(r["kdistrict"]), muni_label(r["muni"], r["muni_sr"])
        return r["country"], r["sdistrict"], ""

    rows = []
    for c in read_cities(cities):
        gid = int(c[0])
        name, ascii_name = clean(c[1]), clean(c[2])
        seen = {name.casefold(), ascii_name.casefold()}
        alts = []
        for a in c[3].split(","):
            a = clean(a)
            if a and a.casefold() not in seen and kept_script(a):
                seen.add(a.casefold())
                alts.append(a)
        if c[8] in OWN_BOUNDARIES:
            _, admin1, admin2 = admin_of(gid)
        else:
            admin1, admin2 = world.admin_names(gid)
        rows.append([gid, name, ascii_name, c[4], c[5], c[6], c[7], c[8], c[10], c[11], admin1, admin2,
                     c[14] or "0", "geonames", "|".join(alts), ""])

    additions = []
    for r in staged_points(staged):
        if r["pid"] == "8":
            # "Merdare (Serbia side)" has an arc-minute coordinate that lands 130 m from the Kosovo-side
            # village, inside Kosovo: it cannot tell the two apart, and would put a Serbian place in Kosovo.
            continue
        country, admin1, admin2 = admin_of(r["id"])
        if not country:
            sys.exit(f"make_places.py: staged point {r['pid']} lies in neither Kosovo nor Serbia")
        crossing = r["kind"] == "crossing"
        primary = r["name_sr"]
        alts = [n for n in base_names(r["name"]) if n != primary]
        m = re.search(r"alt names ([^()]+?) \(", r["coord_src"])
        if m:
            alts += [a.strip() for a in m.group(1).split("/") if a.strip()]
        tagged = [f"sr-Latn={r['name_sr']}", f"sq={r['name_sq']}"]
        if crossing:
            # News name a crossing by its place alone ("at Jarinje"), so the bare name is a name of it too.
            tagged.append(f"en={r['name']}")
            alts.append(re.sub(r"\s+crossing$", "", r["name"]))
        uniq = []
        for a in alts:
            if a not in uniq and a != primary:
                uniq.append(a)
        additions.append([r["id"], primary, "", r["lat"], r["lon"], "S" if crossing else "P",
                          "PSTB" if crossing else "PPL", country, "", "", admin1, admin2, "0", "staged",
                          "|".join(uniq), "|".join(tagged)])

    for i, m in enumerate(munis):
        sq_main, sq_alts = split_alt(m["name"])
        sr_main, sr_alts = split_alt(m["name_sr"])
        alts = [a for a in sq_alts + sr_alts + [f"{sr_main} municipality", f"Komuna e {sq_main}"]]
        tagged = [f"sq={sq_main}", f"sr-Latn={sr_main}"]
        additions.append([MUNI_BASE + i, sq_main, "", m["lat"], m["lon"], "A", "ADM2", "XK", "", "",
                          kdist_label(m["district"]), "", "0", "boundary", "|".join(alts), "|".join(tagged)])
    for i, d in enumerate(kdists):
        tagged = [f"sq={d['name']}", f"sr-Latn={d['name_sr']}", f"en={d['name']} District"]
        alts = [f"District of {d['name']}", f"{d['name_sr']} district"]
        additions.append([KDIST_BASE + i, d["name"], "", d["lat"], d["lon"], "A", "ADM1", "XK", "", "", "", "",
                          "0", "boundary", "|".join(alts), "|".join(tagged)])
    for d in sdists:
        num = int(d["iso_3166_2"].split("-")[1])
        short = re.sub(r"\s+okrug$", "", d["name"])
        tagged = [f"sr-Latn={d['name']}", f"sr-Cyrl={d['name_local']}"]
        alts = [short] if short != d["name"] else []
        additions.append([SDIST_BASE + num, d["name"], "", d["lat"], d["lon"], "A", "ADM1", "RS",
                          d["iso_3166_2"], "", "", "", "0", "boundary", "|".join(alts), "|".join(tagged)])
    additions += world.areas()
    known = {r[0] for r in rows}
    for a in additions:
        if a[0] in known:
            sys.exit(f"make_places.py: addition id {a[0]} is already in cities500")
    additions.sort(key=lambda a: a[0])

    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows + additions:
            f.write("\t".join(str(v) for v in r) + "\n")
    print(f"make_places.py: {len(rows)} GeoNames places, {len(additions)} additions", file=sys.stderr)
    outside = sum(v for k, v in world.stats.items() if "," not in k)
    print(f"make_places.py: admin-1 of the {outside} places outside XK/RS by "
          + ", ".join(f"{k} {v}" for k, v in sorted(world.stats.items())) + f"; {len(world.regions)} NE regions"
          + f" used as admin1 above second-level units; {len(world.units)} NE units and the regions added as areas", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "points":
        cmd_points(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "world-points":
        cmd_world_points(*sys.argv[2:])
    elif len(sys.argv) == 12 and sys.argv[1] == "table":
        cmd_table(*sys.argv[2:])
    else:
        sys.exit(__doc__)
