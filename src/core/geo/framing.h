#pragma once

#include "core/geo/types.h"

namespace fp {

/// Boxes narrower and lower than this (degrees) are one place: framing them exactly would zoom in forever.
inline constexpr double kSinglePlaceDegrees = 0.02;
/// Room framed on each side of a single place, degrees (about 5 km).
inline constexpr double kPlaceRoomDegrees = 0.05;

/// What to frame to show `box`: the box itself, or kPlaceRoomDegrees around its centre when it is a single
/// place (both sides under kSinglePlaceDegrees). The one rule for the window (a layer just added, Zoom to
/// layer) and the CLI (incidents outside the default view). An empty box stays empty.
inline GeoBBox withRoomAroundPlace(const GeoBBox& box) {
    if (box.empty() || box.width() >= kSinglePlaceDegrees || box.height() >= kSinglePlaceDegrees) return box;
    return GeoBBox::fromCorners(box.centerX() - kPlaceRoomDegrees, box.centerY() - kPlaceRoomDegrees,
                                box.centerX() + kPlaceRoomDegrees, box.centerY() + kPlaceRoomDegrees);
}

}  // namespace fp
