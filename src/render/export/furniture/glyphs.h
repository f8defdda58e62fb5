#pragma once

#include "core/model/incident_style_sheet.h"
#include "render/export/furniture/shape_batch.h"

namespace fp {

/// A category marker as on the map (shape and colour with a dark outline), centred on `centre`, for the
/// legend.
void addMarkerGlyph(ShapeList& shapes, PixelXY centre, float radius, MarkerShape shape, const Color& fill,
                    const Color& outline, float outlineWidth);

/// A north arrow in a round panel of `radius`, pointing `angle` radians clockwise from straight up; the
/// returned point is where its "N" goes.
PixelXY addNorthArrow(ShapeList& shapes, PixelXY centre, float radius, double angle, const Color& panel);

/// A circle as a ring of `segments` points.
std::vector<PixelXY> circleRing(PixelXY centre, float radius, int segments = 32);

}  // namespace fp
