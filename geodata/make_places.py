#!/usr/bin/env python3
"""Helper of make_places.sh: turns GeoNames cities500 and the Kosovo/Serbia additions into the place table
that `flashpoint places-build` converts into geodata/places/places.fpgaz.

  make_places.py points  CITIES500 STAGED_CSV OUT_POINTS_CSV
      XK/RS GeoNames rows and the staged points as id,lon,lat (input of the point-in-polygon join).
  make_places.py table   CITIES500 STAGED_CSV PIP_CSV MUNIS_CSV KDIST_CSV SDIST_CSV OUT_TSV
      the place table (columns: see geodata/places/README.md).

Deterministic: the same inputs give the same bytes (rows in input order, then additions by id)."""
import csv
import re
import sys
import unicodedata

FP_BASE = 0x80000000
MUNI_BASE = FP_BASE + 0x1000      # Kosovo municipalities, by shapeID order
KDIST_BASE = FP_BASE + 0x2000     # Kosovo districts, by shapeID order
SDIST_BASE = FP_BASE + 0x3000     # Serbian districts, + the number of RS-NN
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


def split_alt(name):
    """'Drenas (Gllogoc)' -> ('Drenas', ['Drenas (Gllogoc)', 'Gllogoc'])."""
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if not m:
        return name, []
    return m.group(1), [name, m.group(2)]


def both(sq, sr):
    return sq if sq == sr else f"{sq} / {sr}"


def cmd_table(cities, staged, pip_csv, munis_csv, kdist_csv, sdist_csv, out):
    munis = list(csv.DictReader(open(munis_csv, encoding="utf-8")))
    kdists = list(csv.DictReader(open(kdist_csv, encoding="utf-8")))
    sdists = list(csv.DictReader(open(sdist_csv, encoding="utf-8")))
    kdist_sr = {d["name"]: d["name_sr"] for d in kdists}

    def muni_label(sq, sr):
        return both(split_alt(sq)[0], split_alt(sr)[0])

    def kdist_label(name):
        return both(name, kdist_sr.get(name, name))

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
        admin1, admin2 = "", ""
        if c[8] in ("XK", "RS"):
            _, admin1, admin2 = admin_of(gid)
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


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "points":
        cmd_points(*sys.argv[2:])
    elif len(sys.argv) == 9 and sys.argv[1] == "table":
        cmd_table(*sys.argv[2:])
    else:
        sys.exit(__doc__)
