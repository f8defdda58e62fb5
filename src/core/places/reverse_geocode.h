#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo/types.h"
#include "core/model/place_label_style.h"
#include "core/places/place.h"

namespace fp {

class Gazetteer;
struct MapScene;
struct VectorLayer;

/// Level of an administrative area, coarsest first.
enum class AdminLevel : uint8_t {
    District = 1,      ///< first level: Kosovo district, Serbian okrug, county, province
    Municipality = 2,  ///< second level: municipality, opština, komuna
};

/// The admin level a layer holds, judged from its name (case-insensitive): "municipal", "opstin"/"opštin",
/// "komun", "adm2" mean Municipality; "district", "okrug", "county", "province", "adm1" mean District;
/// anything else (countries, land, roads) is not an admin-area layer. The embedded layers "Kosovo:
/// municipalities", "Kosovo: districts" and "Serbia: districts" are found this way.
std::optional<AdminLevel> adminLevelOfLayerName(std::string_view layerName);

/// "Zveçan municipality", "Mitrovica district"; names that already say their level ("Raški okrug", "Grad
/// Beograd", "Opština Raška") are returned as they are. Empty for an empty name.
std::string adminAreaLabel(std::string_view name, AdminLevel level);

/// Polygon layers of admin areas, indexed for point-in-polygon lookups.
struct AdminAreaSource {
    std::shared_ptr<const VectorLayer> data;  ///< shared, not copied
    AdminLevel level = AdminLevel::District;
    std::string nameField;  ///< attribute holding the area's name
};

/// Which admin areas contain a point, over any number of polygon layers. A uniform grid over the features'
/// bounding boxes keeps a lookup to the few features near the point (even-odd rule on each polygon with its
/// holes). Immutable after build; const methods are thread-safe.
class AdminAreaIndex {
public:
    AdminAreaIndex() = default;
    /// Indexes the polygon features of `sources` (features without polygons are ignored).
    explicit AdminAreaIndex(std::vector<AdminAreaSource> sources);

    /// The scene's admin-area layers (adminLevelOfLayerName on the layer's name, then on its data's display
    /// name), visible or not, named by their label field or else the data's guessed label field.
    static std::vector<AdminAreaSource> sourcesOf(const MapScene& scene);

    struct Hit {
        AdminLevel level = AdminLevel::District;
        std::string_view name;  ///< attribute value, valid while the index lives
    };
    /// The areas containing `point`, at most one per level (the first source of that level that contains
    /// it), coarsest level first.
    std::vector<Hit> containing(LonLat point) const;
    size_t featureCount() const { return m_entries.size(); }
    /// The sources' layer data, to tell whether the index still matches a scene.
    std::vector<const VectorLayer*> dataPointers() const;

private:
    struct Entry {
        uint32_t source = 0;
        uint32_t feature = 0;
        GeoBBox box;
    };
    bool featureContains(const Entry& e, LonLat p) const;

    std::vector<AdminAreaSource> m_sources;
    std::vector<int> m_nameFieldIndex;
    std::vector<Entry> m_entries;
    GeoBBox m_bounds;
    double m_cellDeg = 1.0;
    int m_cols = 0, m_rows = 0;
    std::vector<std::vector<uint32_t>> m_cells;
};

/// Options of describeLocation.
struct ReverseGeocodeOptions {
    double maxDistanceKm = 30.0;                        ///< farther places are not named
    int compassPoints = 8;                              ///< 8 ("NE") or 16 ("NNE")
    PlaceLabelScript script = PlaceLabelScript::Local;  ///< which name of the place to use
};

/// Where a point is, in words: "3 km NE of Zvečan, Zveçan municipality, Mitrovica district".
struct LocationDescription {
    std::optional<PlaceIndex> place;  ///< nearest populated place within maxDistanceKm
    std::string placeName;
    double distanceKm = 0.0;   ///< great-circle, from the place to the point
    double bearingDeg = 0.0;   ///< initial bearing from the place to the point, 0 = north, clockwise
    bool inPlace = false;      ///< within the place's radius (placeRadiusKm): "in Zvečan"
    std::string municipality;  ///< "Zveçan municipality"; empty when unknown
    std::string district;      ///< "Mitrovica district"; empty when unknown
    std::string text;          ///< the whole phrase; empty when nothing is known about the point
};

/// Radius within which a point counts as in a place: 1 km, growing with population (sqrt(pop) / 200 km,
/// so ~1.6 km at 100,000 and ~5.6 km for Belgrade), at most 8 km.
double placeRadiusKm(uint32_t population);

/// Compass point of a bearing in degrees: 8 points (N, NE, ...) or 16 (N, NNE, NE, ...).
const char* compassPoint(double bearingDeg, int points = 8);

/// A distance as people say it: "800 m" under 1 km, "1.5 km" (half-km steps) under 10 km, whole km under 50,
/// then steps of 5 km.
std::string formatDistanceKm(double km);

/// Describes `point` from the nearest populated place of `gazetteer` and the areas of `areas` containing it;
/// when no area contains the point, the admin names the gazetteer keeps for the nearest place are used.
/// Either source may be null. An invalid point gives an empty description.
LocationDescription describeLocation(LonLat point, const Gazetteer* gazetteer, const AdminAreaIndex* areas,
                                     const ReverseGeocodeOptions& options = {});

}  // namespace fp
