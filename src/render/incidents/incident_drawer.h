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

struct IncidentPrep;
struct IncidentFilter;

/// Which incident the user selected and which group is spread apart, for highlighting and layout.
struct IncidentFocus {
    uint64_t selectedLayer = 0;  ///< IncidentLayer::id; 0: nothing selected
    uint32_t selectedIndex = 0;  ///< IncidentStore row
    uint64_t spreadLayer = 0;    ///< 0: no group spread
    uint32_t spreadGroup = 0;    ///< IncidentPrep group index (IncidentHit::group)
};

/// An incident under the pointer.
struct IncidentHit {
    uint64_t layerId = 0;
    uint32_t index = 0;      ///< IncidentStore row
    uint32_t group = 0;      ///< its group (same place), for IncidentFocus::spreadGroup
    uint32_t groupSize = 1;  ///< incidents at that place
    bool spread = false;     ///< hit at its spread-apart position
};

/// Draws the scene's incident layers: per layer one instanced draw of ground uncertainty discs and one of
/// markers from buffers uploaded once per data and CRS, then count badges on groups. Also answers hit tests
/// against the same positions. Needs a current GL 3.3 context for its whole life.
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
    void setFocus(const IncidentFocus& focus) { m_focus = focus; }
    const IncidentFocus& focus() const { return m_focus; }
    /// Shows only incidents whose covered span (coveredSpan() at their time precision) overlaps the half-open
    /// window [begin, end); nullopt shows all (the default). A uniform: nothing is prepared again.
    void setTimeWindow(std::optional<TimeSpan> window) { m_window = window; }
    /// With a window: `fadeByAge` fades in-window incidents (and their discs) by age (see ageAlpha in
    /// incident_time.h); `showGhosts` draws out-of-window incidents as faint grey ghosts (kGhostAlpha, no
    /// disc, no badge, never picked) under the others, in one more draw call per layer. Uniforms only.
    void setTimeEffects(bool fadeByAge, bool showGhosts) {
        m_fadeByAge = fadeByAge;
        m_showGhosts = showGhosts;
    }

    /// Starts preparing (on worker threads) the incident data that is new or whose CRS changed; finishSync
    /// uploads it. Call both from the GL thread; other work may run in between.
    void beginSync(const MapScene& scene, const MapProjection& projection);
    void finishSync();

    /// Draws every visible incident layer into the bound framebuffer (bottom layer first), then the badges.
    /// Per-frame CPU work is O(layers + categories + badge budget): it does not grow with the incidents.
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

    /// Spacing of spread-apart members for this view's pixel ratio and the layer's marker scale, pixels.
    float spreadSpacingPx(const IncidentLayer& layer, const MapView& view) const;

private:
    IncidentDrawer();
    size_t drawLeaders(const IncidentPrep& prep, const IncidentFilter& filter, const IncidentLayer& layer,
                       const MapView& view, float ox, float oy);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::shared_ptr<const IncidentStyleSheet> m_sheet;
    IncidentFocus m_focus;
    std::optional<TimeSpan> m_window;
    bool m_fadeByAge = false;
    bool m_showGhosts = false;
};

}  // namespace fp
