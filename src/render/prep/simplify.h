#pragma once

#include <vector>

#include "core/geo/types.h"

namespace fp {

/// Douglas-Peucker simplification of one ring or line in map units: keeps every vertex farther than
/// `tolerance` from the simplified shape, and always the first and last. `closed` rings are split at their
/// farthest-apart vertex first so the result stays a ring. Returns the kept vertices in order.
std::vector<MapXY> simplifyPolyline(const std::vector<MapXY>& points, double tolerance, bool closed);

}  // namespace fp
