#!/usr/bin/env python3
"""Checks geodata/incidents/*.geojson against the Flashpoint incident schema.

Usage: python3 geodata/incidents/check_incidents.py [FILE ...]   (default: every .geojson beside this script)

Checks: GDAL reads the file; RFC 7946 shape (FeatureCollection of Points, no "crs"); every feature has exactly the
canonical properties with the right types; unique ids; ISO dates with start <= end; precision codes; coordinates in
the 18.8..23.1 E, 41.8..46.2 N box; and, for Kosovo points, that the point lies in the district/municipality named
in admin_areas (geoBoundaries layers in ../boundaries). Exits 1 on any failure.
"""
import datetime
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BOUNDARIES = os.path.join(HERE, "..", "boundaries")
FIELDS = ["id", "title", "description", "category", "sub_category", "actors", "start", "end", "time_precision",
          "location_precision", "place", "admin_areas", "fatalities", "injured", "source", "source_url",
          "source_date", "tags", "coord_source"]
REQUIRED_TEXT = ["id", "title", "description", "category", "actors", "place", "admin_areas", "source", "coord_source"]
TIME_PRECISIONS = {"day", "week", "month", "year"}
BBOX = (18.8, 41.8, 23.1, 46.2)


def iso_date(text):
    if not isinstance(text, str) or len(text) != 10:
        raise ValueError(text)
    return datetime.date.fromisoformat(text)


def ogr_names(layer, field, lon, lat):
    sql = (f"SELECT {field} FROM {layer} WHERE ST_Within(MakePoint({lon!r}, {lat!r}), geometry)")
    out = subprocess.run(["ogrinfo", "-q", "-ro", os.path.join(BOUNDARIES, layer + ".shp"), "-dialect", "SQLite",
                          "-sql", sql], capture_output=True, text=True, check=True).stdout
    return [line.split("=", 1)[1].strip() for line in out.splitlines() if f"{field} (String)" in line]


def check(path):
    errors = []
    err = errors.append
    ogr = subprocess.run(["ogrinfo", "-ro", "-al", "-so", path], capture_output=True, text=True)
    if ogr.returncode != 0:
        err(f"ogrinfo cannot read the file: {ogr.stderr.strip()}")
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    if doc.get("type") != "FeatureCollection" or "crs" in doc:
        err("not an RFC 7946 FeatureCollection (or has a 'crs' member)")
    ids = set()
    for n, feat in enumerate(doc.get("features", [])):
        p = feat.get("properties") or {}
        fid = p.get("id", f"#{n}")
        where = f"{fid}:"
        if list(p.keys()) != FIELDS:
            err(f"{where} properties {sorted(set(FIELDS) ^ set(p.keys())) or 'out of order'}")
        for k in REQUIRED_TEXT:
            if not isinstance(p.get(k), str) or not p.get(k).strip():
                err(f"{where} '{k}' must be non-empty text")
        for k in ("sub_category", "tags", "source_url"):
            if not isinstance(p.get(k), str):
                err(f"{where} '{k}' must be text (may be empty)")
        if fid in ids:
            err(f"{where} duplicate id")
        ids.add(fid)
        try:
            start = iso_date(p.get("start"))
            iso_date(p.get("source_date"))
            if p.get("end") is not None:
                if iso_date(p["end"]) < start:
                    err(f"{where} end before start")
        except ValueError as e:
            err(f"{where} bad ISO date {e}")
        if p.get("time_precision") not in TIME_PRECISIONS:
            err(f"{where} time_precision {p.get('time_precision')!r}")
        if p.get("location_precision") not in (1, 2, 3):
            err(f"{where} location_precision {p.get('location_precision')!r}")
        for k in ("fatalities", "injured"):
            v = p.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                err(f"{where} {k} must be a non-negative integer or null")
        geom = feat.get("geometry") or {}
        if geom.get("type") != "Point" or len(geom.get("coordinates", [])) != 2:
            err(f"{where} geometry must be a 2-D Point")
            continue
        lon, lat = geom["coordinates"]
        if not (BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]):
            err(f"{where} ({lon}, {lat}) outside the bbox")
        areas = p.get("admin_areas", "").split(";")
        if areas[0] == "Kosovo":
            if len(areas) >= 2 and areas[1] not in ogr_names("kosovo_districts", "name", lon, lat):
                err(f"{where} point is not in Kosovo district {areas[1]}")
            if len(areas) >= 3 and areas[2] not in ogr_names("kosovo_municipalities", "name_sr", lon, lat):
                err(f"{where} point is not in municipality {areas[2]}")
        elif areas[0] == "Serbia" and len(areas) >= 2:
            if areas[1] not in ogr_names("serbia_districts", "name", lon, lat):
                err(f"{where} point is not in Serbian district {areas[1]}")
    if not ids:
        err("no features")
    return errors, len(ids)


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "*.geojson")))
    failed = 0
    for path in paths:
        errors, count = check(path)
        for e in errors:
            print(f"{os.path.basename(path)}: {e}")
        print(f"{os.path.basename(path)}: {count} features, {len(errors)} problems")
        failed += bool(errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
