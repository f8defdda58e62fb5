#pragma once

#include "core/model/incident_style_sheet.h"

struct ImDrawList;
struct ImVec2;

namespace fp {

/// Draws a category's marker (shape and colour, with the map's dark outline) centred on `centre` with
/// radius `radius`, as in the legend, the table and tooltips. `hollow` draws the outline form used for
/// approximate locations.
void drawMarkerGlyph(ImDrawList* list, ImVec2 centre, float radius, const CategoryStyle& style,
                     bool hollow = false);

}  // namespace fp
