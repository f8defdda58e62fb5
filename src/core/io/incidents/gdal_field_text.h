#pragma once

#include <ogr_feature.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fp::incident_io {

/// The value of field `i` of `f` (of type `type`) as text into `out` (empty when unset or null), reusing its
/// buffer: integers as GDAL formats them, dates and date-times as ISO text that parseTime reads (with the
/// field's time zone), string lists joined with ';'. Returns true when the text may hold non-ASCII bytes
/// (strings), false when it is known to be ASCII (numbers, dates).
bool fieldText(std::string& out, OGRFeature& f, int i, OGRFieldType type);

/// Every field of `f` as text, without touching a load report (so it may run on a reading thread): field k
/// (of type types[k]) into views[k], a view into the feature for plain strings (valid while it lives) or into
/// texts[k] (fieldText) for the others; badUtf8[k] is 1 when that text is not valid UTF-8 and must be
/// repaired (checkUtf8) before use. `texts`, `views` and `badUtf8` have types.size() entries each.
void featureTexts(OGRFeature& f, const std::vector<OGRFieldType>& types, std::string* texts,
                  std::string_view* views, uint8_t* badUtf8);

}  // namespace fp::incident_io
