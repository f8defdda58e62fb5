#pragma once

#include "core/geo/types.h"

namespace fp {

/// Distance in metres between two points along the WGS 84 ellipsoid (Karney's algorithm, via PROJ).
double geodesicDistance(LonLat a, LonLat b);

/// Point reached from `start` going `metres` along initial bearing `azimuthDeg` (clockwise from north).
LonLat geodesicDestination(LonLat start, double azimuthDeg, double metres);

}  // namespace fp
