#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo/types.h"
#include "core/places/place.h"
#include "core/places/place_record.h"
#include "core/util/result.h"

namespace fp {

/// How a query matched the name it was ranked on, best first.
enum class MatchKind : uint8_t {
    Exact = 0,        ///< the whole name equals the query (after normalisation)
    WordExact = 1,    ///< the query equals the name from a word on ("mitrovica" in "Sremska Mitrovica")
    Prefix = 2,       ///< the name starts with the query (type-ahead)
    WordPrefix = 3,   ///< a later word of the name starts with the query
    Fuzzy = 4,        ///< within a small edit distance of the name (typo)
    FuzzyPrefix = 5,  ///< the start of the name is within a small edit distance of the query
};

/// Short lowercase name of a match kind ("exact", "prefix", ...), for output.
const char* matchKindName(MatchKind kind);

/// Options of Gazetteer::search.
struct PlaceSearchOptions {
    size_t limit = 10;           ///< at most this many hits (1 .. 1000)
    std::string country;         ///< ISO alpha-2 filter ("XK"); empty = every country
    std::optional<LonLat> near;  ///< view centre: nearer places rank higher (a tie-breaker, not a filter)
    std::string adminHint;       ///< admin area name from context ("Mitrovica"); matching places rank higher
    bool fuzzy = true;           ///< also look for names within a small edit distance
    bool includeAreas = true;    ///< include administrative areas (feature class 'A')
};

/// One ranked candidate of a search.
struct PlaceHit {
    PlaceIndex place = 0;
    double score = 0.0;  ///< higher is better; comparable within one search only
    MatchKind match = MatchKind::Exact;
    int editDistance = 0;          ///< 0 unless the match is fuzzy
    std::string_view matchedName;  ///< the name (as written) the query matched
};

/// A place and its distance from a point.
struct PlaceDistance {
    PlaceIndex place = 0;
    double distanceKm = 0.0;  ///< great-circle distance (spherical, mean Earth radius)
};

/// Filter of Gazetteer::nearest.
struct NearestOptions {
    size_t limit = 1;
    double maxDistanceKm = 50.0;
    bool populatedOnly = true;  ///< feature class 'P' only (towns and villages, not areas or crossings)
    uint32_t minPopulation = 0;
};

struct GazetteerTables;

/// The names of one place, the Primary name first, read from the gazetteer on access (valid while it lives).
class PlaceNameList {
public:
    size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    /// Name `i` (< size()).
    PlaceName operator[](size_t i) const;

    class Iterator {
    public:
        using value_type = PlaceName;
        using difference_type = std::ptrdiff_t;
        PlaceName operator*() const { return (*m_list)[m_i]; }
        Iterator& operator++() {
            ++m_i;
            return *this;
        }
        bool operator==(const Iterator& o) const { return m_i == o.m_i; }

    private:
        friend class PlaceNameList;
        Iterator(const PlaceNameList* list, size_t i) : m_list(list), m_i(i) {}
        const PlaceNameList* m_list;
        size_t m_i;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, m_count}; }

private:
    friend class Gazetteer;
    const GazetteerTables* m_tables = nullptr;
    uint32_t m_first = 0;
    size_t m_count = 0;
};

/// The credit the shipped gazetteer's licences ask of anything that shows its places
/// (geodata/places/README.md): place labels on a map, the place search.
inline constexpr const char* kGazetteerAttribution =
    "Places: GeoNames (CC BY 4.0), Wikipedia, geoBoundaries, Natural Earth";

/// An offline, read-only gazetteer: places with multilingual names, searched by name (case, diacritic and
/// script insensitive, typo tolerant) and by position. Build it once (load() or fromRecords()), then share
/// it: every const method is safe to call from several threads at once. A loaded gazetteer reads its file in
/// place (memory-mapped): opening it costs next to nothing, lookups by position read only the places they
/// touch, and the name index is built, after a full check of the file, on the first search or id lookup.
class Gazetteer {
public:
    /// Longest query search() accepts, in bytes of UTF-8; longer ones are refused with InvalidArgument.
    static constexpr size_t kMaxQueryBytes = 256;

    /// Opens a gazetteer file written by writeGazetteerFile(). Fails with NotFound, PermissionDenied or
    /// UnsupportedFormat (wrong magic, version, truncated or damaged tables), the Error naming the file.
    /// Damage inside the place and name rows is found by verify(), which the first search runs.
    static Result<std::shared_ptr<const Gazetteer>> load(const std::string& path);

    /// The default gazetteer file: <data dir>/places/places.fpgaz (see findDataDir()); empty if no data dir.
    static std::string defaultPath();

    /// Builds a gazetteer in memory from records (names are normalised here). Fails on invalid records
    /// (bad coordinates, empty name), naming `sourceName` and the record.
    static Result<std::shared_ptr<const Gazetteer>> fromRecords(std::vector<PlaceRecord> records,
                                                                const std::string& sourceName);

    size_t size() const;
    /// The place at `index` (< size(); std::out_of_range otherwise), its views into the gazetteer.
    Place place(PlaceIndex index) const;
    /// Every name of a place, the Primary name first.
    PlaceNameList names(PlaceIndex index) const;
    /// The place with this GeoNames/Flashpoint id, if present.
    std::optional<PlaceIndex> findById(uint32_t id) const;

    /// Positions of the populated places (feature class 'P') of `country` (ISO alpha-2, as stored), in index
    /// order; empty for a country without any. The first call scans every place once and keeps the positions
    /// of all countries (16 bytes per populated place), so later calls cost a lookup.
    std::span<const LonLat> populatedPositions(std::string_view country) const;

    /// Checks the whole gazetteer once (file checksum, every row and table); later calls return the first
    /// result. UnsupportedFormat naming the file when it is damaged.
    Status verify() const;

    /// Ranked candidates for a name typed by a user or found in a source. An empty result is not an error.
    /// Fails (InvalidArgument) when the query is empty or has nothing searchable (only punctuation), when it
    /// is longer than kMaxQueryBytes, or when options are out of range; with verify()'s error when the
    /// gazetteer file is damaged. Work is bounded for any input.
    Result<std::vector<PlaceHit>> search(std::string_view query,
                                         const PlaceSearchOptions& options = {}) const;

    /// Places nearest to `point`, nearest first, within options.maxDistanceKm.
    std::vector<PlaceDistance> nearest(LonLat point, const NearestOptions& options = {}) const;

    /// Places inside `box` (lon/lat degrees), most important first (placeImportance, then population), at
    /// most `limit`. Cost grows with the box's cell count and `limit`, not with the world set.
    std::vector<PlaceIndex> inBox(const GeoBBox& box, size_t limit, bool populatedOnly = false) const;

    /// Human-readable admin context: "Ferizaj district" / "Raški okrug" style admin1, municipality first when
    /// known ("Zvečan, Mitrovica"), else the admin1 name; empty when unknown.
    std::string adminLabel(PlaceIndex index) const;

    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;

    struct Impl;

private:
    explicit Gazetteer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fp
