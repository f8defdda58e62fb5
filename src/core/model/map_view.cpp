#include "core/model/map_view.h"

#include <algorithm>
#include <cmath>

#include "core/proj/geodesic.h"

namespace fp {

ScreenXY MapView::toScreen(MapXY p) const {
    return {(p.x - center.x) / unitsPerPixel + widthPx * 0.5,
            (center.y - p.y) / unitsPerPixel + heightPx * 0.5};
}

MapXY MapView::toMap(ScreenXY s) const {
    return {center.x + (s.x - widthPx * 0.5) * unitsPerPixel,
            center.y - (s.y - heightPx * 0.5) * unitsPerPixel};
}

MapBBox MapView::visibleExtent() const {
    MapXY a = toMap({0, 0});
    MapXY b = toMap({static_cast<double>(widthPx), static_cast<double>(heightPx)});
    return MapBBox::fromCorners(a.x, a.y, b.x, b.y);
}

void MapView::panByPixels(double dx, double dy) {
    center.x -= dx * unitsPerPixel;
    center.y += dy * unitsPerPixel;
}

void MapView::zoomAbout(ScreenXY anchor, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor)) return;
    MapXY before = toMap(anchor);
    unitsPerPixel /= factor;
    MapXY after = toMap(anchor);
    center.x += before.x - after.x;
    center.y += before.y - after.y;
}

void MapView::fit(const MapBBox& box, double marginFraction) {
    if (box.empty()) return;
    center = {box.centerX(), box.centerY()};
    double usableW = std::max(1.0, widthPx * (1.0 - 2.0 * marginFraction));
    double usableH = std::max(1.0, heightPx * (1.0 - 2.0 * marginFraction));
    double upp = std::max(box.width() / usableW, box.height() / usableH);
    unitsPerPixel = upp > 0.0 ? upp : 1.0;
}

MapBBox projectGeoBBox(const GeoBBox& box, const MapProjection& projection) {
    MapBBox out;
    if (box.empty()) return out;
    constexpr int kSteps = 32;
    for (int i = 0; i <= kSteps; ++i) {
        double t = static_cast<double>(i) / kSteps;
        double lon = box.minX + t * box.width();
        double lat = box.minY + t * box.height();
        for (LonLat p :
             {LonLat{lon, box.minY}, LonLat{lon, box.maxY}, LonLat{box.minX, lat}, LonLat{box.maxX, lat}}) {
            MapXY m = projection.project(p);
            if (isFinite(m)) out.extend(m.x, m.y);
        }
    }
    return out;
}

GeoBBox unprojectMapBBox(const MapBBox& box, const MapProjection& projection) {
    GeoBBox out;
    if (box.empty()) return out;
    constexpr int kSteps = 8;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double x = box.minX + t * box.width();
        const double y = box.minY + t * box.height();
        for (MapXY m : {MapXY{x, box.minY}, MapXY{x, box.maxY}, MapXY{box.minX, y}, MapXY{box.maxX, y}}) {
            const LonLat p = projection.unproject(m);
            if (isValidLonLat(p)) out.extend(p.lon, p.lat);
        }
    }
    return out;
}

double groundMetresPerPixelAtCenter(const MapView& view, const MapProjection& projection) {
    LonLat a = projection.unproject({view.center.x - view.unitsPerPixel, view.center.y});
    LonLat b = projection.unproject({view.center.x + view.unitsPerPixel, view.center.y});
    if (!isValidLonLat(a) || !isValidLonLat(b)) return std::nan("");
    return geodesicDistance(a, b) / 2.0;
}

}  // namespace fp
