#pragma once

// Internal to core/io/incidents: where on a line or area feature its incident is placed.

#include <ogr_geometry.h>

#include "core/geo/types.h"
#include "core/model/incident.h"

namespace fp::incident_io {

/// A point on `g` standing for the whole feature, in `g`'s coordinates: a point is itself, a multi-point
/// with one point that point; an area a point inside it (GEOS's point on surface, else the middle of its
/// outer ring's extent); a line the point half way along it (a multi-line: along its longest part). False
/// when `g` is empty or has no such point (e.g. a multi-point of several points).
bool pointOnFeature(const OGRGeometry& g, OGRPoint& out);

/// True when `g` is a single point (or a multi-point of one), so that it needs no stand-in.
bool isSinglePoint(const OGRGeometry& g);

/// The precision class for a feature whose corners (of its extent, in lon/lat) are `a` and `b`: the
/// feature's size is how uncertain its stand-in point is (up to 1 km exact, up to 10 km near, else region).
LocationPrecision precisionForExtent(LonLat a, LonLat b);

}  // namespace fp::incident_io
