#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/geo/types.h"
#include "core/model/packed_text.h"
#include "core/time/time_point.h"

namespace fp {

/// How precisely an incident's place is known, as ACLED codes geo_precision: 1 the exact place, 2 near a
/// place or part of an area, 3 only a region (district, province or country).
enum class LocationPrecision : uint8_t { Exact = 1, Near = 2, Region = 3 };

/// Radius of ground uncertainty drawn around a marker, in metres: 0 for Exact, 5 km for Near, 25 km for
/// Region. (Documented defaults; see docs/INCIDENTS.md.)
double uncertaintyRadiusMetres(LocationPrecision p);
/// "exact", "near" or "region".
const char* locationPrecisionName(LocationPrecision p);

/// A citation of an incident.
struct IncidentSource {
    std::string text;                    ///< e.g. "Associated Press, via the Washington Post"
    std::string url;                     ///< may be empty
    std::optional<TimePoint> published;  ///< publication date when known
    friend bool operator==(const IncidentSource&, const IncidentSource&) = default;
};

/// Who coded an incident, when, and from what text. Empty for rows of a dataset that has no such columns;
/// Flashpoint fills it when an incident is added or edited (see stampProvenance).
struct IncidentProvenance {
    std::string created;   ///< ISO 8601 UTC date-time the incident was first coded
    std::string modified;  ///< ISO 8601 UTC date-time of its last edit
    std::string by;        ///< who made the last edit ($USER)
    std::string sentence;  ///< the sentence it was coded from (the text-coding panel fills it)
    friend bool operator==(const IncidentProvenance&, const IncidentProvenance&) = default;
};

/// One incident as read from a source or shown in the inspector (row form). The store keeps the same fields
/// in columns; see IncidentStore.
struct Incident {
    std::string id;
    std::string title;
    std::string description;
    std::string category;
    std::string subCategory;
    std::vector<std::string> actors;
    TimePoint start;
    std::optional<TimePoint> end;  ///< last moment of an incident with a span (a roadblock lasting days)
    TimePrecision timePrecision = TimePrecision::Day;
    LonLat location;
    LocationPrecision locationPrecision = LocationPrecision::Exact;
    std::string placeName;
    std::vector<std::string> adminAreas;  ///< largest first: country, district, municipality
    int32_t fatalities = -1;              ///< -1 when not reported
    int32_t injured = -1;                 ///< -1 when not reported
    std::vector<IncidentSource> sources;
    std::vector<std::string> tags;
    IncidentProvenance provenance;
    friend bool operator==(const Incident&, const Incident&) = default;
};

/// Stamps `inc` as edited now by $USER (or "unknown"): `modified` and `by`, and `created` too when it is
/// empty (a new incident).
void stampProvenance(Incident& inc);

/// The category shared by a store's incidents beyond its 65535 distinct categories (see
/// IncidentStore::build).
inline constexpr const char* kOverflowCategory = "(other categories)";

/// All incidents of one source as flat columns (structure of arrays) sorted by start time, so that time
/// windows are binary searches and the GPU gets one array per attribute. Immutable once built: an edit makes
/// a new store (withReplaced, withAdded, withRemoved) that shares the loaded text with this one. Sized
/// for 10,000,000 incidents: 48 bytes per incident in the columns drawing reads, plus its text packed (see
/// PackedTextRows: repeated values once, empty fields free).
class IncidentStore {
public:
    friend class IncidentStoreBuilder;

    /// Sorts `incidents` by start time (stable: equal starts keep their input order) and moves them into
    /// columns. Categories are interned in order of first appearance (after sorting); beyond 65535 distinct
    /// names the rest share the last index, named "(other categories)". Empty items of list fields are
    /// dropped, and the separator characters U+001E/U+001F in any text become spaces. Same as appending
    /// every incident to an IncidentStoreBuilder.
    static IncidentStore build(std::vector<Incident> incidents);

    size_t size() const { return m_start.size(); }
    bool empty() const { return m_start.empty(); }

    // Hot columns, one entry per incident in start-time order.
    const std::vector<int64_t>& startSeconds() const { return m_start; }
    const std::vector<int64_t>& endSeconds() const { return m_end; }  ///< == start when there is no end
    const std::vector<double>& lon() const { return m_lon; }
    const std::vector<double>& lat() const { return m_lat; }
    const std::vector<uint16_t>& categoryIndex() const { return m_category; }
    const std::vector<uint8_t>& timePrecision() const { return m_timePrecision; }
    const std::vector<uint8_t>& locationPrecision() const { return m_locationPrecision; }
    const std::vector<int32_t>& fatalities() const { return m_fatalities; }
    const std::vector<int32_t>& injured() const { return m_injured; }

    /// Distinct category names; categoryIndex() points into this.
    const std::vector<std::string>& categories() const { return m_categories; }

    std::string_view id(size_t i) const { return text(i, kIdField); }
    std::string_view title(size_t i) const { return text(i, kTitleField); }
    std::string_view placeName(size_t i) const { return text(i, kPlaceField); }
    /// The whole row, for the inspector, tooltips and exports. `end` is empty when it equalled the start.
    Incident get(size_t i) const;

    /// First index whose start is >= t (binary search).
    size_t lowerBoundStart(TimePoint t) const;
    /// From the earliest covered begin to the latest covered end over all incidents (see coveredSpan);
    /// {0,0} when empty. Computed once by build().
    TimeSpan timeRange() const { return m_timeRange; }
    /// Lon/lat box of all incident locations; empty when there are none.
    GeoBBox extent() const { return m_extent; }
    /// Heap bytes held by the columns (the loaded text counted in full, though edited copies share it).
    size_t memoryBytes() const;
    /// memoryBytes() column by column ("start", "end", "lon", ..., "text", "textRow"), in that order: what
    /// each costs, for `flashpoint info --json` and the performance notes.
    std::vector<std::pair<std::string, size_t>> memoryByColumn() const;

    /// origin() of an incident that was added, not loaded.
    static constexpr uint32_t kAdded = UINT32_MAX;
    /// Which loaded row incident i is: its number among the rows the store was built from (0-based, in
    /// input order), kept through edits; kAdded for an incident added since.
    uint32_t origin(size_t i) const;

    /// True when incident i was added or edited since the store was built (its text is not the loaded one).
    bool isEdited(size_t i) const { return textRow(i) >= loadedTextRows(); }
    /// The same number for a built store and every store edits made from it; another for another build.
    /// origin() numbers rows of the same build only.
    uint64_t lineage() const { return m_lineage; }

    /// A copy with incident i replaced by `inc` (moved to its place in start-time order, after incidents
    /// that start at the same time) and keeping i's origin; `at` receives its new index. O(size) copying
    /// of the hot columns (about 52 bytes per incident); the text is shared, not copied. i < size().
    IncidentStore withReplaced(size_t i, const Incident& inc, size_t* at = nullptr) const;
    /// A copy with `inc` added (origin kAdded); `at` receives its index. Same cost as withReplaced.
    IncidentStore withAdded(const Incident& inc, size_t* at = nullptr) const;
    /// A copy without incident i. i < size().
    IncidentStore withRemoved(size_t i) const;

private:
    // Field numbers in m_text: the fields most often set first, so that the usual mask takes one byte.
    static constexpr size_t kIdField = 0, kTitleField = 1, kPlaceField = 2, kSourcesField = 3,
                            kDescriptionField = 4, kSubCategoryField = 5, kActorsField = 6,
                            kAdminAreasField = 7, kTagsField = 8, kCreatedField = 9, kModifiedField = 10,
                            kByField = 11, kSentenceField = 12;
    using TextRow = std::array<std::string, PackedTextRows::kFields>;
    std::string_view text(size_t i, size_t field) const;
    /// Where incident i's text is: the text columns stay in input order (moving every string into time
    /// order would cost more than this one index). Rows past the loaded text are in m_editedText.
    size_t textRow(size_t i) const { return m_textRow.empty() ? i : m_textRow[i]; }
    size_t loadedTextRows() const { return m_text ? m_text->size() : 0; }
    /// The packed text fields of `inc`, in field-number order.
    static TextRow packedText(const Incident& inc);
    /// Copies the columns and gives every incident an explicit text row and origin (before an edit).
    IncidentStore editableCopy() const;
    /// Writes `inc` into row i of the hot columns and a new edited text row.
    void put(size_t i, const Incident& inc);
    /// Moves row `from` to index `to` in every column.
    void moveRow(size_t from, size_t to);
    /// Where an incident starting at `start` goes (after equal starts), ignoring row `skip` (npos: none).
    size_t placeFor(int64_t start, size_t skip) const;
    uint16_t categoryFor(std::string_view name);
    /// Recomputes timeRange() and extent() from every incident.
    void recomputeRanges();
    template <class F>
    void forEachColumn(F&& f) {
        f(m_start), f(m_end), f(m_lon), f(m_lat), f(m_category), f(m_timePrecision);
        f(m_locationPrecision), f(m_fatalities), f(m_injured), f(m_textRow), f(m_origin);
    }

    std::vector<int64_t> m_start, m_end;
    std::vector<double> m_lon, m_lat;
    std::vector<uint16_t> m_category;
    std::vector<uint8_t> m_timePrecision, m_locationPrecision;
    std::vector<int32_t> m_fatalities, m_injured;
    std::vector<std::string> m_categories;
    // Every text field, in input order; lists (actors, areas, tags, sources) packed with '\x1f' separators.
    // Shared by the stores edits make from this one.
    std::shared_ptr<const PackedTextRows> m_text;
    /// Text of edited and added incidents (text rows loadedTextRows() and on), shared between edits.
    std::vector<std::shared_ptr<const TextRow>> m_editedText;
    std::vector<uint32_t> m_textRow;  ///< input row of each incident; empty when input was in time order
    std::vector<uint32_t> m_origin;   ///< origin() of each incident; empty: textRow()
    uint64_t m_lineage = 0;
    GeoBBox m_extent;
    TimeSpan m_timeRange;
};

/// The single-line text fields of an incident, as views (see IncidentStoreBuilder::append).
struct IncidentText {
    std::string_view id, title, description, category, subCategory, placeName;
};

/// Builds an IncidentStore row by row without keeping the rows: each appended incident goes straight into
/// the columns (in input order), and build() then sorts all columns by start time with one stable
/// permutation, skipped when the rows already came in time order. Peak memory stays near one copy of the
/// columns.
class IncidentStoreBuilder {
public:
    /// Room for about `count` incidents (a hint).
    void reserve(size_t count);
    /// Copies `inc` into the columns.
    void append(const Incident& inc) {
        append(inc, {inc.id, inc.title, inc.description, inc.category, inc.subCategory, inc.placeName});
    }
    /// The same with the text fields of `text` instead of those of `inc`: a reader can pass views into its
    /// input and skip one copy.
    void append(const Incident& inc, const IncidentText& text);
    size_t size() const { return m_store.size(); }
    bool empty() const { return m_store.empty(); }
    /// The store, sorted by start time (stable), with categories interned in order of first appearance
    /// after sorting (see IncidentStore::build). Leaves the builder empty.
    IncidentStore build();

private:
    IncidentStore m_store;  // columns in input order; m_category holds indices into m_names (32-bit)
    std::vector<uint32_t> m_categoryIds;
    std::vector<std::string> m_names;
    std::unordered_map<std::string, uint32_t> m_nameIndex;
    std::string m_lastName;  // the most recent category and its id: runs of one category skip the hash
    uint32_t m_lastId = UINT32_MAX;
    size_t m_expected = 0;  // reserve() hint
    bool m_sorted = true;
    PackedTextRows m_text;                                  // becomes the store's shared text
    std::string m_actors, m_adminAreas, m_tags, m_sources;  // packed lists of the row being appended

    uint32_t categoryId(std::string_view name);
};

/// Resets `inc` to a default-constructed Incident while keeping its buffers, so that a reader can reuse one
/// Incident for every row without allocating.
void clearIncident(Incident& inc);

}  // namespace fp
