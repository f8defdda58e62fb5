// Fuzzes the time fields of GeoJSON and KML incident sources (read through GDAL): ISO, partial and numeric
// dates in properties, KML TimeStamp/when and TimeSpan/begin-end, with the per-column date survey.

#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::warmUpWorldGazetteer();  // a row without coordinates is geocoded
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fp::fuzz::Input in(data, size);
    const uint8_t control = in.byte();
    fp::fuzz::loadIncidentsFrom((control & 128) ? "incidents.kml" : "incidents.geojson", in.rest(),
                                static_cast<uint8_t>(control & 127));
    return 0;
}
