#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/incident_style_sheet.h"
#include "core/model/map_scene.h"
#include "core/model/map_view.h"
#include "core/time/time_point.h"

namespace fp {

/// `scene` as an export's furniture describes it: the layers and incident layers whose extent misses `shown`
/// (the exported area, lon/lat degrees; empty: every layer counts) are hidden, so that the legend, the
/// subtitle's dates and the credits speak only of what the map shows (a briefing of South Asia listed the
/// embedded Kosovo incidents' categories and credits). A copy: the layers' data is shared, not copied.
MapScene sceneShown(const MapScene& scene, const GeoBBox& shown);

/// "10 Dec 2022 – 08 Jan 2023" for the half-open window [begin, end): the last day shown is the one holding
/// end - 1 s. One date when the window lies within a day; times are added when it does not start and end
/// at midnight UTC ("10 Dec 2022 14:00 – 10 Dec 2022 20:00").
std::string formatDateRange(TimeSpan window);

/// The subtitle an export shows when the user gave none: the scene's time window, else the incidents'
/// whole date range, else "All dates".
std::string defaultSubtitle(const MapScene& scene);

/// The large date an export or animation frame shows: the last day of the scene's window ("08 Jan 2023"),
/// with the time when the window does not end at midnight UTC; empty without a window.
std::string timestampText(const MapScene& scene);

/// One legend row: a category of the style sheet (or one the sheet does not know) with its incident count.
struct LegendEntry {
    std::string name;
    Color color;
    MarkerShape shape = MarkerShape::Circle;
    size_t count = 0;  ///< shown incidents whose covered span overlaps the scene's window (all without one)
    size_t total = 0;  ///< shown incidents at any time
};

/// Legend rows for the scene's visible incident layers: counts per style-sheet category (aliases merged into
/// their category, hidden categories left out). Every category the layers hold is listed, with 0 when none
/// of its incidents is in the window, ordered by its count over all time (most first): the rows of an
/// animation stay the same from frame to frame, only the counts change. One linear pass over the incidents
/// (exports only, not a per-frame path of the GUI).
std::vector<LegendEntry> legendEntries(const MapScene& scene, const IncidentStyleSheet& sheet);

/// Sources to credit, in layer order without repeats: each visible layer's and incident layer's
/// `attribution`, split on ';' and trimmed, then the gazetteer's (kGazetteerAttribution) when place labels
/// are shown; a credit contained in a longer one (case-insensitive) is dropped.
std::vector<std::string> attributionLines(const MapScene& scene);

/// A scale bar: the largest 1, 2 or 5 x 10^n metres not longer than `maxMetres`, and its label ("50 km",
/// "500 m").
struct ScaleBarLength {
    double metres = 0.0;
    std::string label;
};
ScaleBarLength niceScaleLength(double maxMetres);

/// Direction of true north at the view's centre as a screen angle, radians clockwise from straight up: 0 in
/// a geographic view; in UTM it leans towards the zone's central meridian by the meridian convergence
/// (+1.4 degrees at 19 E 44 N in zone 34N). NaN when the centre does not unproject.
double trueNorthAngle(const MapView& view, const MapProjection& projection);

}  // namespace fp
