#pragma once

#include <string>

#include "core/model/map_view.h"
#include "core/proj/crs.h"
#include "ui/commands.h"

struct ImDrawList;

namespace fp {

/// A scale bar's length: a round ground distance and how long it is drawn.
struct ScaleBarLength {
    double metres = 0.0;  ///< 1, 2 or 5 x 10^k metres; 0 when the scale is undefined
    double length = 0.0;  ///< in the same screen units as the limits given
    std::string label;    ///< "500 m", "50 km"
    bool valid() const { return metres > 0.0; }
};

/// Picks the round length (1, 2, 5 x 10^k m) whose drawn length falls within [minLength, maxLength], the
/// longest if several do, else the one closest to that range (ratios compared). `metresPerUnit` is the
/// ground distance of one screen unit; not finite or not positive gives an invalid result.
ScaleBarLength chooseScaleBarLength(double metresPerUnit, double minLength, double maxLength);

/// "500 m", "2 km", "0.5 m": metres below 1000, kilometres from there.
std::string formatDistance(double metres);

/// Draws the scale bar for the centre of `view` with its lower-left corner at (x, y) in ImGui coordinates:
/// 100-180 logical pixels long (`scale` ImGui units per logical pixel, `fbScale` physical pixels per unit).
/// Draws nothing where the ground scale is undefined.
void drawScaleBar(ImDrawList* drawList, float x, float y, const MapView& view,
                  const MapProjection& projection, float scale, float fbScale, Theme theme);

}  // namespace fp
