// Fuzzes the time fields of GeoJSON and KML incident sources (read through GDAL): ISO, partial and numeric
// dates in properties, KML TimeStamp/when and TimeSpan/begin-end, with the per-column date survey.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();  // a row without coordinates is geocoded
    fp::fuzz::fillLog();
    // GDAL's GeoJSON and KML drivers and PROJ's database (the layers' WGS 84) set themselves up on first use
    // and keep it: done here, so that no input allocates more than it frees for that (see fillLog).
    fp::fuzz::loadIncidentsFrom("incidents.geojson",
                                R"({"type": "FeatureCollection", "features": [{"type": "Feature",
"properties": {"date": "2022-12-24", "place": "Zvečan"},
"geometry": {"type": "Point", "coordinates": [20.84, 42.91]}}]})",
                                0);
    fp::fuzz::loadIncidentsFrom("incidents.kml",
                                R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Protest</name>
<TimeSpan><begin>2022-12-10</begin><end>2022-12-29</end></TimeSpan>
<Point><coordinates>21.16,42.66</coordinates></Point></Placemark></Document></kml>)",
                                0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fp::fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    fp::fuzz::loadIncidentsFrom((control & 128) ? "incidents.kml" : "incidents.geojson", in.rest(),
                                static_cast<uint8_t>(control & 127));
    return 0;
}
