#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/util/result.h"
#include "render/incidents/incident_drawer.h"

namespace fp {

/// What a frame cost, for benchmarks and the status bar.
struct FrameStats {
    size_t drawCalls = 0;
    size_t labelsPlaced = 0;
    size_t labelCandidates = 0;
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
    /// framebuffer, whose size must be view.widthPx x view.heightPx. Per-frame CPU work is O(layers +
    /// labelled features + incident badges); it does not grow with the number of incidents.
    FrameStats draw(const MapScene& scene, const MapView& view);

    /// The incident layers' drawer: style sheet, selection and spread group, time window, and hit tests
    /// against the drawn markers.
    IncidentDrawer& incidents();
    const IncidentDrawer& incidents() const;

private:
    MapRenderer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
