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

/// Every field of `f` as text (fieldText), without touching a load report (so it may run on a reading
/// thread): field k (of type types[k]) appended to `chars`, the offset where it ends appended to `ends` (it
/// starts where the text before it ended, or at 0) and to `badUtf8` 1 when it is not valid UTF-8 and must be
/// repaired (checkUtf8) before use. Copying the text out lets the caller free the feature at once. `types`
/// must be those of the feature's own definition.
void appendFeatureTexts(OGRFeature& f, const std::vector<OGRFieldType>& types, std::string& chars,
                        std::vector<size_t>& ends, std::vector<uint8_t>& badUtf8);

/// The texts appendFeatureTexts wrote into `chars`, text i into views[i], for every entry of `ends`.
void textViews(const std::string& chars, const std::vector<size_t>& ends,
               std::vector<std::string_view>& views);

}  // namespace fp::incident_io
