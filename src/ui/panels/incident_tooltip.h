#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/incident.h"
#include "core/model/incident_style_sheet.h"
#include "ui/panel.h"

namespace fp {

/// One incident under the pointer, as the app's hit test found it.
struct IncidentHoverHit {
    IncidentRef incident;
    uint32_t group = 0;      ///< its place's group, for SpreadIncidentGroup
    uint32_t groupSize = 1;  ///< incidents at that place
    bool spread = false;     ///< hit at its spread-apart position
};

/// What lies under the pointer this frame: nearest first, topmost layer first. The app fills it before
/// MainUi::frame from the renderer's hit test; the UI only reads it.
struct IncidentHover {
    std::vector<IncidentHoverHit> hits;
    size_t total = 0;  ///< all incidents within reach, also those not listed
};

/// "2022-12-10", "2022-12-10 – 2022-12-29", "week of 2022-12-12", "2022-12-10T14:30:00Z": an incident's
/// time as precisely as it is known.
std::string incidentWhen(const IncidentStore& store, size_t index);
/// "exact place", "near the place (within 5 km)", "region only (within 25 km)".
std::string locationPrecisionLabel(LocationPrecision precision);
/// Whether the map's time window (scene.timeWindow) shows the incident: "In the time window (14–20 December
/// 2022)", "Before the time window (…)" or "After the time window (…)"; empty when no window is set (all
/// time). O(1).
std::string incidentWindowStatus(const IncidentStore& store, size_t index, const MapScene& scene);
/// Multi-line tooltip text: title, when, place, category, location precision.
std::string incidentTooltipText(const IncidentStore& store, size_t index);

/// Tooltips and clicks on incident markers over the map. A click (press and release without dragging,
/// outside every window) on a group of several incidents spreads it apart; on a single or spread incident
/// selects it; on empty map closes a spread group.
class IncidentPointer {
public:
    /// Reads this frame's mouse input (between NewFrame and EndFrame); draws the tooltip and appends
    /// commands.
    void update(const UiContext& ctx, const IncidentHover& hover, const IncidentStyleSheet& sheet,
                bool groupSpread, CommandList& out);

private:
    bool m_pressOnMap = false;
};

}  // namespace fp
