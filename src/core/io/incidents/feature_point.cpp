#include "core/io/incidents/feature_point.h"

#include <cmath>
#include <memory>

#include <cpl_error.h>
#include <ogr_api.h>

namespace fp::incident_io {

namespace {

bool middleOfCurve(const OGRCurve& c, OGRPoint& out) {
    const double length = c.get_Length();
    if (c.IsEmpty()) return false;
    if (length <= 0) {
        c.StartPoint(&out);
        return true;
    }
    c.Value(length / 2, &out);
    return true;
}

bool insideArea(const OGRGeometry& g, OGRPoint& out) {
    // GEOS may be missing or fail on an invalid polygon: quietly fall back to the middle of the extent.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRGeometryH inside = OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g)));
    CPLPopErrorHandler();
    std::unique_ptr<OGRGeometry> owned(OGRGeometry::FromHandle(inside));
    if (owned && wkbFlatten(owned->getGeometryType()) == wkbPoint && !owned->IsEmpty()) {
        out = *owned->toPoint();
        return true;
    }
    OGREnvelope e;
    g.getEnvelope(&e);
    out.setX((e.MinX + e.MaxX) / 2);
    out.setY((e.MinY + e.MaxY) / 2);
    return true;
}

}  // namespace

bool isSinglePoint(const OGRGeometry& g) {
    const auto type = wkbFlatten(g.getGeometryType());
    return type == wkbPoint || (type == wkbMultiPoint && g.toMultiPoint()->getNumGeometries() == 1);
}

bool pointOnFeature(const OGRGeometry& g, OGRPoint& out) {
    if (g.IsEmpty()) return false;
    const auto type = wkbFlatten(g.getGeometryType());
    if (type == wkbPoint) {
        out = *g.toPoint();
        return true;
    }
    if (type == wkbMultiPoint) {
        if (g.toMultiPoint()->getNumGeometries() != 1) return false;
        out = *g.toMultiPoint()->getGeometryRef(0);
        return true;
    }
    if (OGR_GT_IsSurface(type) || type == wkbMultiPolygon || type == wkbMultiSurface)
        return insideArea(g, out);
    if (OGR_GT_IsCurve(type)) return middleOfCurve(*g.toCurve(), out);
    if (type == wkbMultiLineString || type == wkbMultiCurve) {
        const OGRGeometryCollection& parts = *g.toGeometryCollection();
        const OGRCurve* longest = nullptr;
        for (const OGRGeometry* part : parts)
            if (!longest || part->toCurve()->get_Length() > longest->get_Length()) longest = part->toCurve();
        return longest && middleOfCurve(*longest, out);
    }
    return false;
}

LocationPrecision precisionForExtent(LonLat a, LonLat b) {
    constexpr double kMetresPerDegree = 111320.0;
    const double midLat = (a.lat + b.lat) / 2 * 3.14159265358979323846 / 180.0;
    const double dx = std::abs(b.lon - a.lon) * std::cos(midLat) * kMetresPerDegree;
    const double dy = std::abs(b.lat - a.lat) * kMetresPerDegree;
    const double radius = std::hypot(dx, dy) / 2;
    if (radius <= 1000.0) return LocationPrecision::Exact;
    if (radius <= 10000.0) return LocationPrecision::Near;
    return LocationPrecision::Region;
}

}  // namespace fp::incident_io
