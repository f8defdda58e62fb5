#pragma once

#include "core/geo/types.h"
#include "core/proj/crs.h"

namespace fp {

/// Screen position in pixels from the top-left corner of the map viewport, y down.
struct ScreenXY {
    double x = 0.0;
    double y = 0.0;
};

/// What part of the map CRS plane the viewport shows: a centre, a scale (map units per pixel) and a size in
/// physical pixels. Panning and zooming change only this, never the layers' buffers.
struct MapView {
    MapXY center;
    double unitsPerPixel = 1000.0;  ///< map CRS units (metres for projected CRSs) per physical pixel
    int widthPx = 800;
    int heightPx = 600;
    float pixelRatio = 1.0f;  ///< physical pixels per logical pixel (HiDPI, export DPI)

    ScreenXY toScreen(MapXY p) const;
    MapXY toMap(ScreenXY s) const;
    /// Map extent covered by the viewport.
    MapBBox visibleExtent() const;
    /// Moves the view so the content follows a drag of (dx, dy) pixels.
    void panByPixels(double dx, double dy);
    /// Zooms by `factor` (>1 zooms in) keeping the map point under `anchor` fixed on screen.
    void zoomAbout(ScreenXY anchor, double factor);
    /// Frames `box` in the viewport with `marginFraction` of free space on each side; the box's aspect ratio
    /// is kept (the other axis widens), never stretched.
    void fit(const MapBBox& box, double marginFraction = 0.04);
};

/// The map-CRS bounding box of a lon/lat box, from its edges sampled densely (projected edges curve).
/// Points that do not project are ignored; an empty box results when none does.
MapBBox projectGeoBBox(const GeoBBox& box, const MapProjection& projection);

/// The lon/lat bounding box of a map-CRS box, from its edges sampled densely; points that do not unproject
/// are ignored (an empty box when none does).
GeoBBox unprojectMapBBox(const MapBBox& box, const MapProjection& projection);

/// The lon/lat bounding box of what `view` shows (see unprojectMapBBox); empty when none of it unprojects.
inline GeoBBox visibleGeoBBox(const MapView& view, const MapProjection& projection) {
    return unprojectMapBBox(view.visibleExtent(), projection);
}

/// Ground distance in metres across one physical pixel at the view's centre, measured along the ellipsoid
/// between the points one pixel left and right of the centre (the scale bar's basis). NaN if undefined there.
double groundMetresPerPixelAtCenter(const MapView& view, const MapProjection& projection);

}  // namespace fp
