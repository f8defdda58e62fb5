#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/time/time_point.h"
#include "core/util/result.h"

namespace fp {

struct PreparedIncidents;

/// The scale a density layer is drawn with in one frame, for the legend.
struct DensityScale {
    IncidentDrawStyle style = IncidentDrawStyle::Heatmap;  ///< Heatmap or Hexbin
    bool weightByFatalities = false;
    /// The top of the colour ramp: weight (incidents or fatalities) per heatmap cell or per hexagon; 0 when
    /// nothing is in view. Colours follow sqrt(value / maxValue).
    float maxValue = 0.f;
    float areaPx = 0.f;  ///< physical square pixels of one heatmap cell or one hexagon
};

/// Draws incident layers as a heatmap (kernel density in screen space) or as hexagonal bins with counts,
/// both computed on the CPU over the time window's contiguous row range only (see DensityPoints) and cached
/// until the view, window, data or style changes. Needs a current GL 3.3 context for its whole life.
class DensityDrawer {
public:
    static Result<std::unique_ptr<DensityDrawer>> create();
    ~DensityDrawer();
    DensityDrawer(const DensityDrawer&) = delete;
    DensityDrawer& operator=(const DensityDrawer&) = delete;

    /// What `layer` is drawn as in `view` with `window`: its own choice, or for Auto the auto rule
    /// (isDenseView) on an O(log n) estimate of its visible incidents: those starting in the window times
    /// the share of its extent on screen.
    static IncidentDrawStyle styleFor(const IncidentLayer& layer, const PreparedIncidents& prepared,
                                      const MapView& view, std::optional<TimeSpan> window);

    /// Draws `layer` as `style` (Heatmap or Hexbin) into the bound framebuffer, whose viewport is the
    /// view's. Returns the draw calls issued.
    size_t draw(const IncidentLayer& layer, const PreparedIncidents& prepared, const MapView& view,
                std::optional<TimeSpan> window, IncidentDrawStyle style);

    /// The scale draw() uses for the same arguments (computed now and kept for the draw).
    DensityScale scale(const IncidentLayer& layer, const PreparedIncidents& prepared, const MapView& view,
                       std::optional<TimeSpan> window, IncidentDrawStyle style);

private:
    DensityDrawer();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
