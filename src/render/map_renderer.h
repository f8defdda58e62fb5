#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/util/result.h"
#include "render/incidents/incident_drawer.h"
#include "render/labels.h"
#include "render/text/label_placer.h"

namespace fp {

/// What a frame cost, for benchmarks and the status bar.
struct FrameStats {
    size_t drawCalls = 0;
    size_t labelsPlaced = 0;
    size_t labelCandidates = 0;
};

/// Where a view's image lies in the bound framebuffer, for drawing part of a large image (a tile) or a small
/// map inside a larger one (an inset). The view keeps its own size: everything is laid out (labels placed,
/// badges spread) for the whole view and only the part inside the framebuffer is rasterised, so tiles of
/// one image join without seams and place every label once.
struct DrawPlacement {
    int offsetX = 0;         ///< the view's left edge, pixels from the framebuffer's left (negative: cut off)
    int offsetY = 0;         ///< the view's top edge, pixels from the framebuffer's top (y down)
    int targetHeightPx = 0;  ///< height of the bound framebuffer; 0: the view's height (no placement)
    bool clear = true;       ///< clear the framebuffer to the background first (scissored to the view)
    /// Boxes labels must keep clear of, view pixels from the top-left (an export's title, legend, inset):
    /// labels are placed around them rather than drawn underneath.
    std::vector<LabelBox> labelObstacles;
};

/// Draws a MapScene through a MapView into whatever framebuffer is bound: the window's or an offscreen one.
/// The same object and code serve the GUI, `flashpoint render` and exports. Needs a current GL 3.3 context
/// for its whole life (create, sync, draw and destruction).
class MapRenderer {
public:
    /// Compiles shaders and loads the label font (a system font covering Latin and Cyrillic).
    static Result<std::unique_ptr<MapRenderer>> create();
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    /// Makes GPU buffers match the scene: prepares (on worker threads) and uploads layers whose data is new
    /// or whose CRS changed, frees those no layer shows any more. Map layers sharing one VectorLayer share
    /// buffers. Costs a hash lookup per layer when nothing changed, so it may be called every frame.
    void sync(const MapScene& scene, const MapProjection& projection);

    /// Draws the scene (background, fills, outlines, points, labels, then incident layers) into the bound
    /// framebuffer, whose size must be view.widthPx x view.heightPx. When a frame's base map (everything
    /// below the incidents) is the same as the frame before's, it is kept and from then on copied instead of
    /// drawn again (BaseMapCache), bit for bit the same; incidents, their time state and the selection are
    /// drawn fresh every frame. Per-frame CPU work is O(layers +
    /// labelled features + place labels + incident badges); it grows with neither the number of incidents nor
    /// the gazetteer's size (places are queried only when the view leaves the last query's box or scale step,
    /// at most 4 x PlaceLabelStyle::maxLabels of them).
    FrameStats draw(const MapScene& scene, const MapView& view);
    /// As draw(), with the view's image placed in a framebuffer of another size (see DrawPlacement). The
    /// view must not exceed maxViewportSize() a side.
    FrameStats draw(const MapScene& scene, const MapView& view, const DrawPlacement& placement);
    /// Largest view width/height draw() can lay out (GL_MAX_VIEWPORT_DIMS).
    static int maxViewportSize();

    /// The labels (boundary areas and places) the last draw() placed, in placement order.
    const std::vector<DrawnLabel>& drawnLabels() const;

    /// The incident layers' drawer: style sheet and hit tests against the drawn markers.
    IncidentDrawer& incidents();
    const IncidentDrawer& incidents() const;

private:
    MapRenderer();
    FrameStats drawBaseMap(const MapScene& scene, const MapView& view, const DrawPlacement& placement,
                           const std::vector<PlaceLabelItem>& places);
    FrameStats drawBaseLayers(const MapScene& scene, const MapView& view, const DrawPlacement& placement,
                              const std::vector<PlaceLabelItem>& places);
    size_t drawVectorLayers(const MapScene& scene, const MapView& view);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
