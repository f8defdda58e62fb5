#pragma once
// The furniture's layout steps, one function per part (internal to render/export/furniture).

#include <string>
#include <vector>

#include "core/export/furniture_content.h"
#include "render/export/furniture/furniture_drawer.h"
#include "render/incidents/density_drawer.h"

namespace fp::furniture {

inline const Color kInk = Color::rgb(28, 28, 30);
inline const Color kInkSoft = Color::rgb(70, 70, 74);
inline const Color kInkFaint = Color::rgb(150, 150, 156);
inline const Color kPanel = Color::rgb(255, 255, 255).withAlpha(0.86f);
inline const Color kBanner = Color::rgb(38, 52, 64);

/// Builds one layout: measures text with the drawer's fonts and keeps parts from overlapping. Sizes scale
/// with the view's pixel ratio `k`; the image is `W` x `H` pixels.
class LayoutBuilder {
public:
    LayoutBuilder(TextRenderer& regular, TextRenderer& bold, FurnitureLayout& out, const MapView& view);

    float width(const std::string& text, float size, bool bold);
    float lineHeight(float size, bool bold);
    /// Queues text with its left edge at x and its vertical centre at y.
    void text(const std::string& t, float x, float y, float size, bool bold, const Color& fill,
              float halo = 0.f);
    /// Claims `box` for `name` unless it leaves the image or overlaps a part placed before.
    bool claim(const std::string& name, LabelBox box);
    /// Claims `box` and lays a panel under it.
    bool claimPanel(const std::string& name, LabelBox box);

    FurnitureLayout& out;
    const float k, W, H;
    const float margin, pad, gap;  ///< around the image's edge, inside panels, between parts

private:
    TextRenderer& m_regular;
    TextRenderer& m_bold;
};

/// The room the parts placed so far leave: each corner column grows inwards from its edge.
struct FreeSpace {
    float top = 0.f, bottom = 0.f;        ///< between the banners (or the margins)
    float leftTop = 0.f, rightTop = 0.f;  ///< below the title / the time stamp and north arrow
    float leftBottom = 0.f;               ///< above the scale bar and legend
    float rightBottom = 0.f;              ///< above the attribution and inset
};

/// The caveat banner across the top and bottom edges; returns the space left between them.
FreeSpace placeBanners(LayoutBuilder& b, const MapFurniture& f);
/// The time stamp at the top right; returns its width (0 when there is none).
float placeTimestamp(LayoutBuilder& b, const std::string& stamp, FreeSpace& space);
/// Title and subtitle in one panel at the top left, shrunk to leave `rightReserved` pixels free.
void placeTitle(LayoutBuilder& b, const std::string& title, const std::string& subtitle, float rightReserved,
                FreeSpace& space);
/// The north arrow, `angle` radians clockwise from up, below the time stamp.
void placeNorthArrow(LayoutBuilder& b, double angle, FreeSpace& space);
/// The scale bar at the bottom left, for `metresPerPixel` at the view's centre.
void placeScaleBar(LayoutBuilder& b, double metresPerPixel, FreeSpace& space);
/// Sources to credit at the bottom right, wrapped at source boundaries.
void placeAttribution(LayoutBuilder& b, const std::vector<std::string>& sources, FreeSpace& space);
/// The locator map above the attribution: the region's polygon layers with the view's extent in red.
void placeInset(LayoutBuilder& b, const MapState& state, const MapView& view, FreeSpace& space);

/// One density layer's colour scale in the legend.
struct DensityLegend {
    std::string layerName;
    DensityScale scale;
    double metresPerPixel = 0.0;  ///< at the view's centre; NaN or 0: the scale is given per cell/hexagon
};

/// What the legend lists: category rows (of the layers drawn as markers) and density scales.
struct LegendContent {
    std::vector<LegendEntry> entries;
    std::vector<DensityLegend> densities;
    bool nameLayers = false;  ///< more than one incident layer: each scale names its layer
};

/// The legend at the bottom left, above the scale bar: category rows (as many as fit; the rest summed in
/// one row), then one colour ramp per density layer.
void placeLegend(LayoutBuilder& b, const LegendContent& content, const IncidentStyleSheet& sheet,
                 FreeSpace& space);

/// "Incidents per km²" style caption and the ramp's three labels (bottom, middle, top) of a density scale.
/// A hexagon holds whole incidents (or fatalities): its labels are whole numbers, the middle one the whole
/// number nearest a quarter of the top, placed where its colour is on the ramp (empty when there is none
/// between the ends). A heatmap's middle label is the ramp's middle (a quarter of the top: colours follow
/// sqrt(value / top)).
struct DensityCaption {
    std::string caption;
    std::string low, middle, high;
    float middleAt = 0.5f;  ///< where the middle label's value is along the ramp, 0..1
};
DensityCaption densityCaption(const DensityLegend& legend);

}  // namespace fp::furniture
