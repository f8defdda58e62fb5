#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/time/time_point.h"
#include "core/util/result.h"
#include "render/incidents/density_drawer.h"

namespace fp {

namespace gl {
class Program;
}
struct IncidentPrep;
struct IncidentFilter;

/// An incident under the pointer.
struct IncidentHit {
    uint64_t layerId = 0;
    uint32_t index = 0;      ///< IncidentStore row
    uint32_t group = 0;      ///< its group (same place), for IncidentFocus::spreadGroup
    uint32_t groupSize = 1;  ///< incidents at that place
    bool spread = false;     ///< hit at its spread-apart position
};

/// Draws the scene's incident layers: per layer instanced draws of ground uncertainty discs and of markers
/// from buffers uploaded once per data and CRS, then count badges on groups. Also answers hit tests against
/// the same positions. What it shows follows the scene every frame: its time state (MapScene::time: window,
/// fade by age, ghosts) and its selection (MapScene::incidentFocus); the drawer keeps no copy of either.
/// Needs a current GL 3.3 context for its whole life.
class IncidentDrawer {
public:
    static Result<std::unique_ptr<IncidentDrawer>> create();
    ~IncidentDrawer();
    IncidentDrawer(const IncidentDrawer&) = delete;
    IncidentDrawer& operator=(const IncidentDrawer&) = delete;

    /// Category colours and shapes (default: IncidentStyleSheet::shipped()). Takes effect on the next draw
    /// without re-uploading instances.
    void setStyleSheet(std::shared_ptr<const IncidentStyleSheet> sheet);
    const IncidentStyleSheet& styleSheet() const { return *m_sheet; }
    /// Starts preparing (on worker threads) the incident data that is new or whose CRS changed; finishSync
    /// uploads it. Call both from the GL thread; other work may run in between.
    void beginSync(const MapScene& scene, const MapProjection& projection);
    void finishSync();

    /// Draws every visible incident layer into the bound framebuffer (bottom layer first), then the badges.
    /// Only the parts of the instance buffers that can hold an incident in the time window and the view go
    /// through the vertex stage (InstanceRanges: never one that is shown); ghosts, when on, need every
    /// incident in the view. Per-frame CPU work is O(layers + runs + candidate blocks + badge budget).
    /// A layer's uncertainty discs fade out when, by an O(1) estimate, together they would cover the view
    /// more than 1.5 times over (gone at 4 times): zoomed far out over dense data they would only wash the
    /// map over, at a large fill cost; zooming in brings them back. Markers likewise shrink when, by an O(1)
    /// estimate, they would overlap heavily (see markerShrink), and are then drawn as point sprites.
    /// Returns the draw calls issued.
    size_t draw(const MapScene& scene, const MapView& view);

    /// Shown incidents whose marker lies within reach of `pointer` (physical pixels), topmost layer first and
    /// nearest first within a layer; at most `maxHits`. `total`, when given, receives the count of all hits.
    std::vector<IncidentHit> pick(const MapScene& scene, const MapView& view, ScreenXY pointer,
                                  size_t maxHits = 64, size_t* total = nullptr) const;

    /// Absolute map position of a drawn incident (nullopt when its data is not prepared or it did not
    /// project).
    std::optional<MapXY> position(const IncidentLayer& layer, uint32_t index) const;

    /// The density scale of `layer` as draw() colours it in `view` with `window` (for a legend); nullopt
    /// when it is drawn as markers (its style, or Auto in a view that is not dense: DensityDrawer::styleFor)
    /// or not prepared yet. Layers drawn as a heatmap or hexagonal bins get no badges and are not picked.
    std::optional<DensityScale> densityScale(const IncidentLayer& layer, const MapView& view,
                                             std::optional<TimeSpan> window);

    /// Whether `layer`'s markers (instances, groups, buffers) are prepared: only once a frame has drawn or
    /// picked it as markers, or asked for an incident's position (a layer drawn as density never needs them).
    bool markersPrepared(const IncidentLayer& layer) const;

    /// Spacing of spread-apart members for this view's pixel ratio and the layer's marker scale, pixels.
    float spreadSpacingPx(const IncidentLayer& layer, const MapView& view) const;

private:
    IncidentDrawer();
    struct LayerFrame;
    /// The layer's prepared data when it is shown and has incidents that project, else null.
    PreparedIncidents* shown(const IncidentLayer& layer) const;
    /// Whether the layer's extent, widened by a marker's reach (and its discs' when prepared), meets the
    /// view.
    bool inReach(const IncidentLayer& layer, const PreparedIncidents& prepared, const MapView& view) const;
    std::optional<LayerFrame> layerFrame(const MapScene& scene, const IncidentLayer& layer,
                                         const MapView& view);
    size_t drawDiscs(const LayerFrame& frame, const MapView& view);
    size_t drawLeaders(const LayerFrame& frame, const MapView& view);
    size_t drawMarkers(const LayerFrame& frame, const MapView& view, bool spread);
    size_t drawMarkerSegments(const gl::Program& program, const LayerFrame& frame, int32_t windowStart,
                              int32_t windowEnd, double reach, bool ghosts, bool points);
    size_t drawBadges(const std::vector<LayerFrame>& frames, const MapView& view);
    bool ensureBadgeFont();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::shared_ptr<const IncidentStyleSheet> m_sheet;
};

}  // namespace fp
