#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/places/place.h"
#include "core/util/result.h"

namespace fp {

/// A name of a PlaceRecord: text (UTF-8) and an optional language tag.
struct PlaceRecordName {
    std::string text;
    std::string lang;  ///< BCP 47 tag ("sq", "sr-Latn") or empty
    NameKind kind = NameKind::Alternate;
};

/// One place as an owned, editable value: the input of Gazetteer::fromRecords and writeGazetteerFile, and
/// what the TSV reader produces. names[0] is the main name.
struct PlaceRecord {
    uint32_t id = 0;
    LonLat position;
    char featureClass = 'P';
    std::string featureCode;
    std::string countryCode;  ///< ISO 3166-1 alpha-2, upper case
    std::string admin1Code, admin2Code, admin1Name, admin2Name;
    uint32_t population = 0;
    PlaceSource source = PlaceSource::GeoNames;
    std::vector<PlaceRecordName> names;
};

/// Reads the tab-separated place table that geodata/make_places.sh prepares (header line, then one place a
/// line; columns described in geodata/places/README.md). Fails naming the file, row and column on a
/// malformed line (wrong column count, bad number, coordinates out of range, empty name).
Result<std::vector<PlaceRecord>> readPlaceTable(const std::string& path);

/// Writes records as a gazetteer file (magic, version, zlib-compressed payload with a CRC-32), atomically.
/// Names are normalised here, so loading needs no transliteration. Fails naming the path.
Status writeGazetteerFile(const std::vector<PlaceRecord>& records, const std::string& path);

}  // namespace fp
