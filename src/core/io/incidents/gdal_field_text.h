#pragma once

#include <ogr_feature.h>

#include <string>

namespace fp::incident_io {

/// The value of field `i` of `f` (of type `type`) as text into `out` (empty when unset or null), reusing its
/// buffer: integers as GDAL formats them, dates and date-times as ISO text that parseTime reads (with the
/// field's time zone), string lists joined with ';'. Returns true when the text may hold non-ASCII bytes
/// (strings), false when it is known to be ASCII (numbers, dates).
bool fieldText(std::string& out, OGRFeature& f, int i, OGRFieldType type);

}  // namespace fp::incident_io
