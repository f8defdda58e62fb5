#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace fp {

/// Geographic position on WGS 84: longitude and latitude in degrees (x = lon, y = lat, always in that order).
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

/// Position in the map CRS, in that CRS's units (metres for UTM, Web Mercator and LAEA; degrees for a
/// geographic map CRS). x is easting, y is northing regardless of the CRS's declared axis order.
struct MapXY {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const MapXY&, const MapXY&) = default;
};

/// Axis-aligned box over points of type P (LonLat or MapXY). Empty until the first extend().
template <class P>
struct BBoxT {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    static BBoxT fromCorners(double x0, double y0, double x1, double y1) {
        BBoxT b;
        b.minX = std::min(x0, x1);
        b.maxX = std::max(x0, x1);
        b.minY = std::min(y0, y1);
        b.maxY = std::max(y0, y1);
        return b;
    }
    bool empty() const { return !(minX <= maxX && minY <= maxY); }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    double centerX() const { return 0.5 * (minX + maxX); }
    double centerY() const { return 0.5 * (minY + maxY); }
    void extend(double x, double y) {
        minX = std::min(minX, x);
        minY = std::min(minY, y);
        maxX = std::max(maxX, x);
        maxY = std::max(maxY, y);
    }
    void extend(const BBoxT& o) {
        if (o.empty()) return;
        extend(o.minX, o.minY);
        extend(o.maxX, o.maxY);
    }
    bool intersects(const BBoxT& o) const {
        return !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY);
    }
    bool contains(double x, double y) const { return x >= minX && x <= maxX && y >= minY && y <= maxY; }
    friend bool operator==(const BBoxT&, const BBoxT&) = default;
};

/// Box in degrees of longitude (x) and latitude (y).
using GeoBBox = BBoxT<LonLat>;
/// Box in map CRS units.
using MapBBox = BBoxT<MapXY>;

inline bool isFinite(const MapXY& p) {
    return std::isfinite(p.x) && std::isfinite(p.y);
}
inline bool isValidLonLat(const LonLat& p) {
    return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180.0 && p.lon <= 180.0 &&
           p.lat >= -90.0 && p.lat <= 90.0;
}

}  // namespace fp
