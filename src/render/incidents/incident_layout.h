#pragma once

#include <cstdint>

namespace fp {

/// Incidents closer than this on the ground form one group (same place): one count badge, spread apart on
/// click. Coordinates that agree to about four decimals of a degree are "the same place" in practice.
inline constexpr double kGroupToleranceMetres = 25.0;

/// Where member `rank` of a group of `count` is drawn when the group is spread apart, in pixels from the
/// group's place (x right, y up). Up to 8 members sit on a circle starting at the top, clockwise, at least
/// `spacingPx` apart; larger groups fill a sunflower (Vogel) spiral whose radius grows with sqrt(rank), so
/// neighbours stay about `spacingPx` apart at any size. shaders/incident_marker.vert computes the same.
struct SpiderOffset {
    float x = 0.f;
    float y = 0.f;
};
SpiderOffset spiderOffset(uint32_t rank, uint32_t count, float spacingPx);

}  // namespace fp
