#pragma once

#include <string>

#include "core/geo/types.h"
#include "core/proj/crs.h"

namespace fp {

/// "42.66290° N, 21.16550° E" (5 decimals, hemisphere letters); "—" when the point is not a valid lon/lat.
std::string formatLatLon(LonLat p);

/// Denominator of the map scale 1:N, taking a logical pixel as 0.28 mm (the OGC standard pixel).
/// `metresPerPixel` is the ground size of a physical pixel, `pixelRatio` physical pixels per logical one.
/// NaN when the ground size is undefined.
double scaleDenominator(double metresPerPixel, float pixelRatio);

/// "1:2,150,000": rounded to three significant digits, thousands grouped; "1:—" when not finite.
std::string formatScale(double denominator);

/// How to call a CRS in the UI: PROJ's name ("WGS 84 / UTM zone 34N"), or for a custom definition PROJ
/// cannot name ("unknown") the definition itself, cut to `maxChars` characters with "…".
std::string crsLabel(const Crs& crs, size_t maxChars = 64);

}  // namespace fp
