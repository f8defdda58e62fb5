#pragma once

#include "core/model/map_view.h"
#include "core/places/place.h"
#include "ui/panel.h"
#include "ui/panels/incident_tooltip.h"

namespace fp {

/// Map input for editing incidents: the "add incident" mode (the next click on the map adds an incident
/// there) and dragging the selected incident's marker while the inspector edits it (one MoveIncident per
/// frame of the drag, which the session merges into one undo step).
class IncidentMapEditing {
public:
    /// Turns the add mode on or off (Edit > Add incident on the map; Escape or a click ends it).
    void arm(bool on) { m_adding = on; }
    bool adding() const { return m_adding; }
    bool dragging() const { return m_dragging; }

    /// Starts, continues or ends a drag of `selected`'s marker (a press on it while `editing`) and appends
    /// MoveIncident while it moves. True when the mouse belongs to the drag this frame: the map must not pan.
    bool updateDrag(const UiContext& ctx, const IncidentHover& hover, const IncidentRef& selected,
                    bool editing, CommandList& out);
    /// In add mode, a click at `at` (physical pixels): appends AddIncident for layer `layerId` (0: the
    /// session's choice) and ends the mode. Escape ends it too (see update).
    void addAt(const MapState& state, ScreenXY at, uint64_t layerId, CommandList& out);
    /// Ends the add mode on Escape and draws its hint by the pointer.
    void update();

private:
    bool m_adding = false;
    bool m_dragging = false;
    LonLat m_last;
};

/// Coarsest map scale (ground metres per physical pixel) at which a click places an incident exactly: a click
/// is good to a few pixels, so at 100 m per pixel it is within about half a kilometre.
inline constexpr double kExactClickMetresPerPixel = 100.0;

/// The time the user is looking at: the last second of the time window (Moving, Cumulative), the cursor's
/// when every incident is shown and it lies in the data's span, else the end of the data; the clock's time
/// only for a project without dated incidents.
TimePoint lookedAtTime(const MapState& state);

/// A new incident at `position` (a click on the map), titled "New incident", category "Other", on the day
/// the user is looking at (lookedAtTime) with day precision; its place exact when the map is zoomed in to
/// kExactClickMetresPerPixel or closer, near (precision 2) otherwise.
Incident newIncidentAt(const MapState& state, LonLat position);
/// A new incident at a place of the gazetteer: its position and name, exact for a town or a site, region
/// for an administrative area.
Incident newIncidentAtPlace(const MapState& state, const Place& place);

/// The layer an added incident goes into: the selected incident's when it can be edited, else 0 (the
/// session then uses the newest layer of the user's own, or starts one).
uint64_t addTarget(const MapState& state, const IncidentRef& selected);

}  // namespace fp
