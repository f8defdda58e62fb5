#include "core/io/incidents/field_mapping.h"

#include <ogr_geometry.h>

#include <memory>
#include <unordered_map>

namespace fp::incident_io {

namespace {

constexpr std::array<const char*, kFieldCount> kNames = {"id",
                                                         "title",
                                                         "description",
                                                         "category",
                                                         "sub_category",
                                                         "actors",
                                                         "start",
                                                         "end",
                                                         "time_precision",
                                                         "location_precision",
                                                         "place",
                                                         "admin_areas",
                                                         "fatalities",
                                                         "injured",
                                                         "source",
                                                         "source_url",
                                                         "source_date",
                                                         "tags",
                                                         "created",
                                                         "modified",
                                                         "coded_by",
                                                         "sentence",
                                                         "country",
                                                         "admin1",
                                                         "admin2",
                                                         "admin3",
                                                         "lon",
                                                         "lat",
                                                         "wkt"};

/// Column names recognised per field, best first; the canonical name is always tried first. Shapefile forms
/// (10 characters) of the canonical names are included so that the native schema survives a .shp round trip.
const std::array<std::vector<const char*>, kFieldCount>& candidates() {
    static const std::array<std::vector<const char*>, kFieldCount> kCandidates = {{
        {"event_id", "incident_id", "uid", "uuid", "event_id_cnty", "globaleventid"},
        {"name", "event", "headline", "event_name", "subject"},
        {"notes", "desc", "details", "summary", "text", "comment", "comments", "descriptio"},
        {"type", "event_type", "category_name", "kind", "class"},
        {"subcategory", "sub_event_type", "subtype", "sub_type", "sub_catego"},
        {"actor", "parties", "actor_names"},
        {"date", "event_date", "start_date", "start_time", "datetime", "date_time", "time", "event_time",
         "begin", "begin_date", "when", "date_start", "timestamp", "start_dat"},
        {"end_date", "end_time", "date_end", "finish", "until", "end_dat"},
        {"time_preci", "date_precision"},
        {"location_p", "geo_precision", "loc_precision"},
        {"location", "place_name", "placename", "locality", "city", "town", "village", "settlement", "site"},
        {"admin_area", "admin", "admin_names"},
        {"deaths", "killed", "dead", "fatality", "fatalitie"},
        {"wounded", "injuries"},
        {"sources", "source_name", "publisher"},
        {"url", "link", "source_link", "source_ur"},
        {"published", "publication_date", "published_date", "source_dat"},
        {"keywords", "labels"},
        {"created_at", "coded_at"},
        {"modified_at", "updated_at"},
        {"edited_by", "coder"},
        {"evidence", "quote"},
        {"country_name", "country_code", "iso", "iso2", "iso3", "iso_a2", "iso_a3", "cntry_name"},
        {"adm1", "admin_1", "admin1_name", "adm1_name", "province", "district", "state", "region_name"},
        {"adm2", "admin_2", "admin2_name", "adm2_name", "municipality", "county", "opstina"},
        {"adm3", "admin_3", "admin3_name", "adm3_name", "commune"},
        {"lng", "long", "longitude", "x", "xcoord", "x_coord", "lon_dd", "longitude_dd"},
        {"latitude", "y", "ycoord", "y_coord", "lat_dd", "latitude_dd"},
        {"geom", "geometry", "the_geom", "wkt_geom", "shape"},
    }};
    return kCandidates;
}

/// Lower case, with spaces, hyphens and colons as underscores: "Event Date", "event-date" and "event:date"
/// all give "event_date".
std::string normalise(std::string_view name) {
    std::string out = lowerAscii(trimmed(name));
    for (char& c : out)
        if (c == ' ' || c == '-' || c == ':') c = '_';
    return out;
}

/// A namespaced name without its namespace ("incident:date:start" -> "date_start", as OpenStreetMap-style
/// tags write them); empty when the name has no colon.
std::string withoutNamespace(std::string_view name) {
    const size_t colon = name.find(':');
    return colon == std::string_view::npos ? std::string() : normalise(name.substr(colon + 1));
}

/// A table's columns by name (normalised, and without its namespace), each name's columns in column order.
/// Some 230 names are looked up per table: a look-up reads only the columns of that name (a scan of every
/// column per name cost a 61-column file 28,000 string comparisons).
class ColumnNames {
public:
    /// Views into `normalised` and `local`, which must outlive this.
    ColumnNames(const std::vector<std::string>& normalised, const std::vector<std::string>& local) {
        for (size_t i = 0; i < normalised.size(); ++i) {
            m_byName[normalised[i]].push_back(static_cast<int>(i));
            if (!local[i].empty()) m_byLocalName[local[i]].push_back(static_cast<int>(i));
        }
    }
    /// The first column not `used` whose normalised name is `want`, else the first whose name without its
    /// namespace is; -1 when there is none.
    int find(std::string_view want, const std::vector<bool>& used) const {
        const int col = firstUnused(m_byName, want, used);
        return col >= 0 ? col : firstUnused(m_byLocalName, want, used);
    }

private:
    using Index = std::unordered_map<std::string_view, std::vector<int>>;
    static int firstUnused(const Index& index, std::string_view want, const std::vector<bool>& used) {
        if (auto it = index.find(want); it != index.end())
            for (int i : it->second)
                if (!used[static_cast<size_t>(i)]) return i;
        return -1;
    }
    Index m_byName, m_byLocalName;
};

template <class Values>
std::string_view valueOf(const ColumnMapping& m, const Values& values, Field f) {
    const int i = m.index(f);
    return i >= 0 && static_cast<size_t>(i) < values.size() ? std::string_view(values[static_cast<size_t>(i)])
                                                            : std::string_view();
}

}  // namespace

const char* fieldName(Field f) {
    return kNames[static_cast<size_t>(f)];
}

std::optional<Field> fieldFromName(std::string_view name) {
    const std::string n = normalise(name);
    for (size_t i = 0; i < kFieldCount; ++i)
        if (n == kNames[i]) return static_cast<Field>(i);
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> ColumnMapping::describe() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0; i < kFieldCount; ++i) {
        if (column[i] < 0) continue;
        std::string source = columns[static_cast<size_t>(column[i])];
        if (static_cast<Field>(i) == Field::Start)
            for (int alt : startAlternatives) source += " (else " + columns[static_cast<size_t>(alt)] + ")";
        out.emplace_back(kNames[i], std::move(source));
    }
    return out;
}

std::vector<std::pair<int, std::string>> ColumnMapping::dateColumns() const {
    std::vector<std::pair<int, std::string>> out;
    auto add = [&](int c) {
        if (c >= 0) out.emplace_back(c, columns[static_cast<size_t>(c)]);
    };
    add(index(Field::Start));
    for (int alt : startAlternatives) add(alt);
    add(index(Field::End));
    return out;
}

Result<ColumnMapping> mapColumns(const std::vector<std::string>& columns,
                                 const std::map<std::string, std::string>& overrides,
                                 const std::string& source) {
    ColumnMapping m;
    m.columns = columns;
    std::vector<std::string> normalised, local;
    for (const auto& c : columns) {
        normalised.push_back(normalise(c));
        local.push_back(withoutNamespace(c));
    }
    std::vector<bool> used(columns.size(), false);
    const ColumnNames names(normalised, local);
    auto find = [&](std::string_view want) { return names.find(want, used); };

    // Explicit choices first, so that detection does not take their columns.
    std::array<bool, kFieldCount> fixed{};
    for (const auto& [fieldText, columnText] : overrides) {
        auto f = fieldFromName(fieldText);
        if (!f) {
            return makeError(ErrorCode::InvalidArgument, source,
                             "field mapping names an unknown field '" + fieldText + "'");
        }
        const size_t fi = static_cast<size_t>(*f);
        fixed[fi] = true;
        if (columnText.empty()) continue;
        int col = -1;
        for (size_t i = 0; i < columns.size() && col < 0; ++i)
            if (columns[i] == columnText) col = static_cast<int>(i);
        for (size_t i = 0; i < columns.size() && col < 0; ++i)
            if (normalised[i] == normalise(columnText)) col = static_cast<int>(i);
        if (col < 0) {
            return makeError(
                ErrorCode::InvalidArgument, source,
                "field mapping: " + fieldText + " -> '" + columnText + "', but there is no such column");
        }
        m.column[fi] = col;
        used[static_cast<size_t>(col)] = true;
    }
    // Canonical names in one pass before any alias, so that e.g. "location" (an alias of place) cannot take
    // a column another field owns by its exact name.
    for (size_t fi = 0; fi < kFieldCount; ++fi) {
        if (fixed[fi]) continue;
        if (int col = find(kNames[fi]); col >= 0) {
            m.column[fi] = col;
            used[static_cast<size_t>(col)] = true;
        }
    }
    for (size_t fi = 0; fi < kFieldCount; ++fi) {
        if (fixed[fi] || m.column[fi] >= 0) continue;
        for (const char* alias : candidates()[fi]) {
            if (int col = find(alias); col >= 0) {
                m.column[fi] = col;
                used[static_cast<size_t>(col)] = true;
                break;
            }
        }
    }
    for (size_t i = 0; i < normalised.size() && m.yearColumn < 0; ++i)
        if (normalised[i] == "year") m.yearColumn = static_cast<int>(i);
    if (!fixed[static_cast<size_t>(Field::Start)] && m.has(Field::Start)) {
        for (const char* alias : candidates()[static_cast<size_t>(Field::Start)])
            if (int col = find(alias); col >= 0) m.startAlternatives.push_back(col);
    }
    return m;
}

bool isFlashpointSchema(const std::vector<std::string>& columns) {
    bool start = false, precision = false;
    for (const auto& c : columns) {
        const std::string n = normalise(c);
        start = start || n == "start";
        precision = precision || n == "time_precision" || n == "location_precision" || n == "time_preci" ||
                    n == "location_p";
    }
    return start && precision;
}

std::string startColumnNames() {
    std::string out = "start";
    for (const char* c : candidates()[static_cast<size_t>(Field::Start)]) out += std::string(", ") + c;
    return out;
}

bool readWktPoint(RowContext& ctx, std::string_view field, std::string_view wkt, LonLat& out) {
    std::string text(trimmed(wkt));
    if (text.empty()) return ctx.reject(ErrorCode::InvalidGeometry, field, "no geometry; row not loaded");
    const std::string upper = lowerAscii(text);
    if (upper.rfind("srid=", 0) == 0) {
        const size_t semi = text.find(';');
        const std::string srid = semi == std::string::npos ? "" : upper.substr(5, semi - 5);
        if (srid != "4326") {
            return ctx.reject(ErrorCode::InvalidGeometry, field,
                              "geometry is in SRID " + srid +
                                  "; only WGS 84 lon/lat (4326) is read from text "
                                  "columns; row not loaded");
        }
        text = text.substr(semi + 1);
    }
    OGRGeometry* raw = nullptr;
    const OGRErr err = OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &raw);
    std::unique_ptr<OGRGeometry> g(raw);
    if (err != OGRERR_NONE || !g) {
        return ctx.reject(
            ErrorCode::InvalidGeometry, field,
            quoted(text.substr(0, 60)) + " is not WKT (expected e.g. POINT (21.16 42.66)); row not loaded");
    }
    if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
        return ctx.reject(ErrorCode::InvalidGeometry, field,
                          std::string("geometry is a ") + g->getGeometryName() +
                              "; an incident needs a POINT; row not loaded");
    }
    if (g->IsEmpty()) return ctx.reject(ErrorCode::InvalidGeometry, field, "POINT EMPTY; row not loaded");
    out = {g->toPoint()->getX(), g->toPoint()->getY()};
    return checkLonLat(ctx, field, out, "");
}

namespace {

/// convertMappedRow once every value is known to be UTF-8; `values` holds std::string or std::string_view.
template <class Values>
bool convertCheckedRow(const ColumnMapping& m, const Values& values, const LonLat* geometry,
                       const std::vector<std::string>& allowedCategories, RowContext& ctx, Incident& out,
                       IncidentText* text) {
    // Each field's text once, not at every look below.
    std::array<std::string_view, kFieldCount> texts;
    for (size_t f = 0; f < kFieldCount; ++f) texts[f] = trimmed(valueOf(m, values, static_cast<Field>(f)));
    auto get = [&](Field f) { return texts[static_cast<size_t>(f)]; };
    auto name = [&](Field f) -> const std::string& { return m.columnName(f); };

    std::string_view startName = name(Field::Start);
    std::string_view startText = get(Field::Start);
    int startColumn = m.index(Field::Start);
    for (size_t k = 0; startText.empty() && k < m.startAlternatives.size(); ++k) {
        const auto col = static_cast<size_t>(m.startAlternatives[k]);
        if (col < values.size() && !trimmed(std::string_view(values[col])).empty()) {
            startName = m.columns[col];
            startText = trimmed(std::string_view(values[col]));
            startColumn = static_cast<int>(col);
        }
    }
    TimeInputs times{startName, startText, name(Field::End), get(Field::End)};
    times.startReading = findDateReading(m.dates, startColumn);
    times.endReading = findDateReading(m.dates, m.index(Field::End));
    if (m.yearColumn >= 0 && static_cast<size_t>(m.yearColumn) < values.size())
        times.yearText = std::string_view(values[static_cast<size_t>(m.yearColumn)]);
    if (!readTimes(ctx, times, out)) return false;
    if (!get(Field::TimePrecision).empty()) {
        auto p = parseTimePrecision(get(Field::TimePrecision));
        if (p) {
            applyTimePrecision(ctx, name(Field::TimePrecision), p.value(), out);
        } else {
            ctx.warn(ErrorCode::InvalidArgument, name(Field::TimePrecision),
                     quoted(get(Field::TimePrecision)) +
                         " is not a time precision (exact/day/week/month/year); the date's own precision '" +
                         timePrecisionName(out.timePrecision) + "' used, row loaded");
        }
    }

    // A row with no coordinate at all but a place name is located by the reader's geocoder.
    const bool geocodable = !geometry && get(Field::Lon).empty() && get(Field::Lat).empty() &&
                            get(Field::Wkt).empty() && !get(Field::Place).empty();
    if (geometry) {
        out.location = *geometry;
    } else if (m.has(Field::Lon) && m.has(Field::Lat) && !geocodable &&
               (!get(Field::Lon).empty() || !get(Field::Lat).empty() || !m.has(Field::Wkt))) {
        if (!readLonLat(ctx, name(Field::Lon), get(Field::Lon), name(Field::Lat), get(Field::Lat),
                        out.location))
            return false;
    } else if (m.has(Field::Wkt) && (!get(Field::Wkt).empty() || !geocodable)) {
        if (!readWktPoint(ctx, name(Field::Wkt), get(Field::Wkt), out.location)) return false;
    } else if (geocodable) {
        GeocodeQuery query;
        query.name = get(Field::Place);
        query.country = get(Field::Country);
        for (Field f : {Field::Admin1, Field::Admin2, Field::Admin3})
            if (!get(f).empty()) query.admin.emplace_back(get(f));
        ctx.requestGeocode(std::move(query));
    } else {
        return ctx.reject(ErrorCode::InvalidGeometry, "",
                          "no location (no geometry, no coordinates and no place name); row not loaded");
    }
    if (m.has(Field::LocationPrecision)) {
        out.locationPrecision =
            readLocationPrecision(ctx, name(Field::LocationPrecision), get(Field::LocationPrecision));
        if (ctx.needsGeocode() && !get(Field::LocationPrecision).empty())
            ctx.geocodeQuery().sourcePrecision = out.locationPrecision;
    }

    if (text) {
        *text = {get(Field::Id),       get(Field::Title),       get(Field::Description),
                 get(Field::Category), get(Field::SubCategory), get(Field::Place)};
    } else {
        out.id = get(Field::Id);
        out.title = get(Field::Title);
        out.description = get(Field::Description);
        out.category = get(Field::Category);
        out.subCategory = get(Field::SubCategory);
        out.placeName = get(Field::Place);
    }
    out.actors = splitList(get(Field::Actors));
    out.adminAreas.clear();
    for (Field f : {Field::Country, Field::Admin1, Field::Admin2, Field::Admin3})
        if (!get(f).empty()) out.adminAreas.emplace_back(get(f));
    for (auto& a : splitList(get(Field::AdminAreas))) out.adminAreas.push_back(std::move(a));
    out.tags = splitList(get(Field::Tags));
    out.provenance = {std::string(get(Field::Created)), std::string(get(Field::Modified)),
                      std::string(get(Field::CodedBy)), std::string(get(Field::Sentence))};
    if (m.has(Field::Fatalities))
        out.fatalities = readCount(ctx, name(Field::Fatalities), get(Field::Fatalities));
    if (m.has(Field::Injured)) out.injured = readCount(ctx, name(Field::Injured), get(Field::Injured));

    IncidentSource src;
    src.text = get(Field::Source);
    src.url = get(Field::SourceUrl);
    if (!get(Field::SourceDate).empty()) {
        auto published = parseTime(get(Field::SourceDate));
        if (published) {
            src.published = published->time;
        } else {
            ctx.warn(ErrorCode::InvalidArgument, name(Field::SourceDate),
                     quoted(get(Field::SourceDate)) + ": " + published.error().message +
                         "; source date left empty, row loaded");
        }
    }
    if (!src.text.empty() || !src.url.empty() || src.published) out.sources.push_back(std::move(src));
    return checkCategory(ctx, name(Field::Category), allowedCategories,
                         text ? text->category : std::string_view(out.category));
}

}  // namespace

bool convertMappedRow(const ColumnMapping& m, std::vector<std::string>& values, const LonLat* geometry,
                      const std::vector<std::string>& allowedCategories, RowContext& ctx, Incident& out) {
    for (size_t i = 0; i < values.size() && i < m.columns.size(); ++i)
        checkUtf8(ctx, m.columns[i], values[i]);
    return convertCheckedRow(m, values, geometry, allowedCategories, ctx, out, nullptr);
}

bool convertMappedRow(const ColumnMapping& m, const std::vector<std::string_view>& values,
                      const LonLat* geometry, const std::vector<std::string>& allowedCategories,
                      RowContext& ctx, Incident& out, IncidentText& text) {
    return convertCheckedRow(m, values, geometry, allowedCategories, ctx, out, &text);
}

}  // namespace fp::incident_io
