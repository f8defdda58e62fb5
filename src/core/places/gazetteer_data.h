#pragma once

// Internal to core/places: the flat storage behind a Gazetteer and its file format.
#include <string>
#include <vector>

#include "core/places/place.h"
#include "core/places/place_record.h"
#include "core/util/result.h"

namespace fp {

/// Places and names whose string views point into `pool` and `derived` (vectors: moving them keeps the views
/// valid).
struct GazetteerData {
    std::vector<char> pool;     ///< strings as stored
    std::vector<char> derived;  ///< search keys computed at load time (ASCII names)
    std::vector<Place> places;
    std::vector<PlaceName> names;
};

/// Reads and validates a gazetteer file; every failure names `path`.
Result<GazetteerData> readGazetteerFile(const std::string& path);

/// Flattens records into storage, normalising names; duplicate texts of one place are dropped.
Result<GazetteerData> dataFromRecords(const std::vector<PlaceRecord>& records, const std::string& sourceName);

/// Sets every Place's name and asciiName views from its names.
void linkMainNames(GazetteerData& data);

}  // namespace fp
