#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/model/incident_style_sheet.h"
#include "core/project/map_state.h"
#include "core/util/result.h"
#include "render/export/furniture/shape_batch.h"
#include "render/map_renderer.h"
#include "render/text/label_placer.h"
#include "render/text/text_renderer.h"

namespace fp {

/// One line of furniture text, centred on (x, y) in image pixels as TextRenderer::addText does.
struct FurnitureText {
    std::string text;
    float x = 0.f;
    float y = 0.f;
    TextStyle style;
    bool bold = false;
};

/// The locator map: the region's polygon layers drawn small in a corner, with the main view's extent.
struct InsetMap {
    int x = 0, y = 0;  ///< top-left corner, image pixels
    MapView view;      ///< its own view (size = the inset's)
    MapScene scene;    ///< polygon layers only, no labels or incidents
};

/// Map furniture laid out for one image: plain data in image pixels, computed once per export and drawn
/// identically into every tile, so pieces cut by tile seams join.
struct FurnitureLayout {
    ShapeList under;  ///< panels, banners (below the inset)
    std::optional<InsetMap> inset;
    ShapeList over;  ///< scale bar, arrow, glyphs, inset frame and view rectangle
    std::vector<FurnitureText> texts;
    /// Boxes the parts occupy (panels), by name ("title", "legend", ...), for tests and label avoidance.
    std::vector<std::pair<std::string, LabelBox>> boxes;
    /// Parts that were switched on but did not fit the image and were left out.
    std::vector<std::string> dropped;
};

/// Lays out and draws the export furniture (MapFurniture): title and subtitle, time stamp, legend with
/// per-category counts in the window and the colour scale of each layer drawn as a heatmap or hexagonal bins,
/// geodesic scale bar, north arrow towards true north, attribution from the layers' sources, caveat banners
/// and an inset locator map. Everything is sized by the view's pixelRatio (dpi / 96) and sits on light panels
/// with dark text, readable over any map. Needs a current GL 3.3 context for its whole life.
class FurnitureDrawer {
public:
    /// Loads the furniture fonts (regular and bold) and the shape program.
    static Result<std::unique_ptr<FurnitureDrawer>> create();
    ~FurnitureDrawer();

    /// Places the parts `furniture` switches on for an image showing `view` (the export view) of `state`.
    /// `defaultTitle` is used when MapFurniture::titleText is empty (no title when both are).
    /// Parts that would overlap others are left out (listed in `dropped`), most important kept first.
    /// `incidents` (the renderer's drawer, synced with the scene) says which layers are drawn as density and
    /// their scales; null lists every layer's categories as markers.
    FurnitureLayout layout(const MapState& state, const MapView& view, const MapFurniture& furniture,
                           const IncidentStyleSheet& sheet, const std::string& defaultTitle,
                           IncidentDrawer* incidents = nullptr);

    /// Draws `layout` over the map just drawn by `renderer` for `view` with `placement` (same arguments).
    void draw(const FurnitureLayout& layout, MapRenderer& renderer, const MapView& view,
              const DrawPlacement& placement);

private:
    FurnitureDrawer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
