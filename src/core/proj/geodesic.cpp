#include "core/proj/geodesic.h"

#include <geodesic.h>

namespace fp {

namespace {
const geod_geodesic& wgs84Geodesic() {
    static const geod_geodesic g = [] {
        geod_geodesic out;
        geod_init(&out, 6378137.0, 1.0 / 298.257223563);
        return out;
    }();
    return g;
}
}  // namespace

double geodesicDistance(LonLat a, LonLat b) {
    double s12 = 0.0;
    geod_inverse(&wgs84Geodesic(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
    return s12;
}

LonLat geodesicDestination(LonLat start, double azimuthDeg, double metres) {
    double lat = 0.0, lon = 0.0;
    geod_direct(&wgs84Geodesic(), start.lat, start.lon, azimuthDeg, metres, &lat, &lon, nullptr);
    return {lon, lat};
}

}  // namespace fp
