#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/geo/types.h"

namespace fp {

/// Index of a place inside one Gazetteer (0 .. size()-1). Stable for the gazetteer's lifetime only; use
/// Place::id to refer to a place across runs.
using PlaceIndex = uint32_t;

/// Ids at or above this value are Flashpoint's own additions (border crossings, villages, admin areas from
/// the boundary layers); ids below are GeoNames geonameids.
inline constexpr uint32_t kFlashpointPlaceIdBase = 0x80000000u;

/// How a name of a place is known.
enum class NameKind : uint8_t {
    Primary = 0,    ///< the place's main name (GeoNames "name": local language, may be non-ASCII)
    Ascii = 1,      ///< GeoNames "asciiname" (plain ASCII spelling)
    Alternate = 2,  ///< any other spelling or language (GeoNames alternate names, boundary-layer names)
};

/// One name of a place. Strings are UTF-8 views into the owning Gazetteer (valid while it lives).
struct PlaceName {
    std::string_view text;  ///< as written in the source ("Štrpce", "Штрпце")
    std::string_view key;   ///< normalizePlaceName(text): lower-case ASCII words ("strpce")
    std::string_view lang;  ///< BCP 47 tag when the source says ("sq", "sr-Latn", "en"), else empty
    NameKind kind = NameKind::Alternate;
};

/// Where a place record comes from.
enum class PlaceSource : uint8_t {
    GeoNames = 0,       ///< GeoNames cities500 (CC BY 4.0)
    StagedPoint = 1,    ///< a point staged in shared/geodata-src with its own citation (crossings, villages)
    BoundaryLayer = 2,  ///< an admin area: a municipality or district of geodata/boundaries at a point on
                        ///< its surface, or a Natural Earth admin-1 unit at NE's label point
};

/// One gazetteer entry: a populated place, a border crossing or an administrative area (as a point). All
/// string views point into the owning Gazetteer and stay valid while it lives.
struct Place {
    uint32_t id = 0;               ///< GeoNames geonameid, or >= kFlashpointPlaceIdBase for additions
    LonLat position;               ///< WGS 84 degrees (for areas: a point on the area's surface)
    std::string_view name;         ///< main name, local language and script ("Štrpce", "Beograd")
    std::string_view asciiName;    ///< plain ASCII spelling ("Strpce")
    char featureClass = 'P';       ///< GeoNames class: 'P' populated place, 'A' admin area, 'S' spot/facility
    std::string_view featureCode;  ///< GeoNames code: PPL, PPLA, PPLA2, PPLC, ADM1, ADM2, PSTB (crossing) ...
    char countryCode[3] = {0, 0, 0};  ///< ISO 3166-1 alpha-2 ("RS"; "XK" for Kosovo), NUL-terminated
    std::string_view admin1Code;      ///< GeoNames admin1 code (may be empty)
    std::string_view admin2Code;      ///< GeoNames admin2 code (may be empty)
    /// First-level area: district/okrug in RS and XK, elsewhere the Natural Earth admin-1 unit ("Illinois")
    /// or, where NE's units are second-level, their region ("Île-de-France"); empty when unknown.
    std::string_view admin1Name;
    /// Second-level area: municipality in XK, elsewhere a second-level NE unit ("Paris"); empty when unknown.
    std::string_view admin2Name;
    uint32_t population = 0;  ///< 0 when unknown
    PlaceSource source = PlaceSource::GeoNames;
    uint32_t firstName = 0;  ///< index of the first of this place's names (see Gazetteer::names)
    uint32_t nameCount = 0;  ///< number of names, the Primary name first

    std::string_view country() const {
        return {countryCode, countryCode[1] ? 2u : (countryCode[0] ? 1u : 0u)};
    }
    bool isArea() const { return featureClass == 'A'; }
};

/// How important a place is for ranking and labelling, in [0, 1]: capitals and first-level areas highest,
/// then admin seats and second-level areas, then other places by population (log scale).
double placeImportance(const Place& place);

/// English name of a country from its ISO 3166-1 alpha-2 code via ICU/CLDR ("XK" -> "Kosovo", "RS" ->
/// "Serbia"); the code itself when ICU does not know it.
std::string countryDisplayName(std::string_view countryCode);

}  // namespace fp
