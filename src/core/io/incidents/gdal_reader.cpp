#include <cpl_error.h>
#include <cpl_string.h>

#include <cmath>
#include <optional>
#include <utility>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/acled.h"
#include "core/io/incidents/feature_point.h"
#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/gdal_date_survey.h"
#include "core/io/incidents/gdal_feature_pipe.h"
#include "core/io/incidents/gdal_field_text.h"
#include "core/io/incidents/readers.h"
#include "core/io/incidents/row_geocoder.h"
#include "core/io/source_check.h"
#include "core/proj/crs.h"
#include "core/util/log.h"

namespace fp::incident_io {

namespace {

/// Below this many features (or when the count is unknown) the layer is read on the calling thread: the
/// reader thread does not pay for itself.
constexpr GIntBig kPipeMinFeatures = 4096;

/// A layer from ExecuteSQL must go back to its dataset.
struct SqlLayer {
    GDALDataset* dataset = nullptr;
    OGRLayer* layer = nullptr;
    SqlLayer() = default;
    SqlLayer(const SqlLayer&) = delete;
    SqlLayer& operator=(const SqlLayer&) = delete;
    ~SqlLayer() {
        if (dataset && layer) dataset->ReleaseResultSet(layer);
    }
};

/// How a layer will be read, or why it is not incidents.
struct LayerPlan {
    ColumnMapping mapping;
    std::vector<OGRFieldType> types;    // of every column
    std::optional<AcledColumns> acled;  // an ACLED table (e.g. an .xlsx export): its own columns locate rows
    bool useGeometry = false;
    std::string whyNot;  // empty when the layer holds incidents
};

Result<LayerPlan> planLayer(OGRLayer& layer, const IncidentLoadOptions& options, const std::string& where) {
    std::vector<std::string> columns;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    LayerPlan plan;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        plan.types.push_back(defn->GetFieldDefn(i)->GetType());
    }
    auto mapping = mapColumns(columns, options.fieldMapping, where);
    if (!mapping) return mapping.error();
    plan.mapping = std::move(mapping).value();
    if (options.fieldMapping.empty() && isAcledHeader(columns)) {
        plan.acled.emplace(columns);
        return plan;
    }
    // Lines and areas locate their incident at a point on them (see feature_point.h).
    plan.useGeometry = layer.GetGeomType() != wkbNone;
    if (!plan.mapping.has(Field::Start)) {
        plan.whyNot = "no date column (looked for " + startColumnNames() + ")";
    } else if (!plan.useGeometry && !plan.mapping.canLocate()) {
        plan.whyNot = "no geometry, no coordinate columns and no place-name column";
    }
    return plan;
}

/// The layer to read and how, or why the source holds none.
struct ChosenLayer {
    OGRLayer* layer = nullptr;
    std::optional<LayerPlan> plan;
    std::string whyNot;
};

Result<gdal::DatasetPtr> openSource(const std::string& source, const std::string& shownSource,
                                    const ScrubbingGdalCapture& capture) {
    gdal::DatasetPtr ds(
        GDALDataset::Open(gdalDatabaseName(source).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (ds) return ds;
    const std::string& reason = capture.lastError();
    if (isDatabaseSource(source)) {
        return makeError(
            ErrorCode::IoError, shownSource,
            "cannot open the database: " + (reason.empty() ? std::string("no reason given") : reason));
    }
    return makeError(ErrorCode::UnsupportedFormat, shownSource, unreadableVectorReason(source, reason));
}

/// The first layer of `ds` that holds incidents; further ones are reported as not read.
Result<ChosenLayer> firstIncidentLayer(GDALDataset& ds, const IncidentLoadOptions& options,
                                       const std::string& shownSource, bool database, LoadReport& report) {
    ChosenLayer chosen;
    std::vector<std::string> others;
    const int layerCount = ds.GetLayerCount();
    for (int i = 0; i < layerCount; ++i) {
        OGRLayer* candidate = ds.GetLayer(i);
        auto plan = planLayer(*candidate, options, shownSource);
        if (!plan) return plan.error();
        if (plan->whyNot.empty() && chosen.layer) {
            others.emplace_back(candidate->GetName());
        } else if (plan->whyNot.empty()) {
            chosen.layer = candidate;
            chosen.plan = std::move(plan).value();
        } else if (chosen.whyNot.empty()) {
            chosen.whyNot = layerCount > 1
                                ? std::string("layer ") + candidate->GetName() + ": " + plan->whyNot
                                : plan->whyNot;
        }
    }
    if (!chosen.layer && layerCount == 0) chosen.whyNot = "it holds no layers";
    if (!others.empty()) {
        std::string list;
        for (const auto& name : others) list += (list.empty() ? "'" : ", '") + name + "'";
        report.add(makeError(ErrorCode::InvalidArgument, shownSource,
                             "also holds incident " + std::string(database ? "tables " : "layers ") + list +
                                 ", not read: choose one with --table"));
    }
    return chosen;
}

/// The result of options.sql, the layer options.table names, or else the first layer holding incidents.
Result<ChosenLayer> chooseLayer(GDALDataset& ds, SqlLayer& sqlLayer, const IncidentLoadOptions& options,
                                const std::string& shownSource, const ScrubbingGdalCapture& capture,
                                LoadReport& report, IncidentFormatInfo& info) {
    const bool database = isDatabaseSource(shownSource);
    ChosenLayer chosen;
    if (!options.sql.empty()) {
        chosen.layer = ds.ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
        if (!chosen.layer) {
            const std::string& reason = capture.lastError();
            return makeError(ErrorCode::InvalidArgument, shownSource,
                             "the SQL query failed: " + (reason.empty() ? std::string("no result") : reason));
        }
        sqlLayer.dataset = &ds;
        sqlLayer.layer = chosen.layer;
        info.layer = "(SQL query)";
    } else if (!options.table.empty()) {
        chosen.layer = ds.GetLayerByName(options.table.c_str());
        if (!chosen.layer) {
            return makeError(
                ErrorCode::NotFound, shownSource,
                "has no " + std::string(database ? "table" : "layer") + " named '" + options.table + "'");
        }
    } else {
        return firstIncidentLayer(ds, options, shownSource, database, report);
    }
    auto plan = planLayer(*chosen.layer, options, shownSource);
    if (!plan) return plan.error();
    chosen.whyNot = plan->whyNot;
    chosen.plan = std::move(plan).value();
    return chosen;
}

/// The source's format and field mapping as `plan` reads it.
void describeFormat(const LayerPlan& plan, IncidentFormatInfo& info) {
    info.columns = plan.mapping.columns;
    info.format = isFlashpointSchema(plan.mapping.columns) ? "flashpoint" : info.driver;
    info.fieldMapping = plan.mapping.describe();
    if (plan.acled) {
        info.format = "acled";
        info.fieldMapping = plan.acled->describe();
        info.attribution = kAcledAttribution;
    }
}

/// Turns a layer's points into WGS 84 lon/lat.
struct PointReader {
    std::optional<Transformer> toGeo;
    bool identity = false;  // the layer is in WGS 84 lon/lat already
    std::string column;     // the geometry column, for messages

    LonLat lonLat(double x, double y) const {
        if (!identity) {
            const MapXY xy = toGeo->forward(x, y);
            return {xy.x, xy.y};
        }
        // As Transformer::forward marks points it cannot transform.
        if (!std::isfinite(x) || !std::isfinite(y)) return {HUGE_VAL, HUGE_VAL};
        return {x, y};
    }
    LonLat lonLat(const OGRPoint& p) const { return lonLat(p.getX(), p.getY()); }
};

/// The layer's CRS as PROJ reads it; WGS 84 (said in the report) when it has none.
Result<Crs> layerCrs(OGRLayer& layer, const std::string& shownSource, LoadReport& report,
                     IncidentFormatInfo& info) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (!srs) {
        info.crs = "WGS 84 (assumed: no CRS in the source)";
        report.add(makeError(ErrorCode::InvalidCrs, shownSource,
                             "no CRS: coordinates are read as EPSG:4326 (WGS 84 lon/lat)"));
        return Crs::wgs84();
    }
    // WGS 84 by name and EPSG code (every GeoJSON and KML layer) is that CRS: no round trip through WKT into
    // a new PROJ context, which opened PROJ's database on every load.
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    const char* name = srs->GetName();
    if (authority && code && name && std::string(authority) + ":" + code == Crs::wgs84().authorityCode() &&
        name == Crs::wgs84().name()) {
        info.crs = Crs::wgs84().name();
        return Crs::wgs84();
    }
    char* wkt = nullptr;
    const char* wktOptions[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, wktOptions);
    auto crs = Crs::fromUserInput(wkt ? wkt : "");
    CPLFree(wkt);
    if (!crs) return makeError(ErrorCode::InvalidCrs, shownSource, "its CRS is not understood by PROJ");
    info.crs = crs->name();
    return crs;
}

Result<PointReader> pointReader(OGRLayer& layer, const LayerPlan& plan, const std::string& shownSource,
                                LoadReport& report, IncidentFormatInfo& info) {
    PointReader reader;
    reader.column = layer.GetGeometryColumn();
    if (reader.column.empty()) reader.column = "geometry";
    if (!plan.useGeometry) {
        info.crs = "WGS 84 (lon/lat assumed for coordinate columns)";
        return reader;
    }
    info.fieldMapping.emplace_back("location", "point geometry (" + reader.column + ")");
    auto crs = layerCrs(layer, shownSource, report, info);
    if (!crs) return crs.error();
    // PROJ's operation between EPSG:4326 and itself is a no-op: no call per point, and none made (each
    // opens PROJ's database and searches it for operations, for every GeoJSON or KML file).
    reader.identity = crs->authorityCode() == Crs::wgs84().authorityCode();
    if (reader.identity) return reader;
    auto transformer = Transformer::create(crs.value(), Crs::wgs84());
    if (!transformer)
        return makeError(ErrorCode::InvalidCrs, shownSource, "no transformation from its CRS to WGS 84");
    reader.toGeo.emplace(std::move(transformer).value());
    return reader;
}

/// Converts a layer's features one at a time into rows of the store (or problems in the report) and shows
/// each to the observer, when there is one.
class FeatureConverter {
public:
    FeatureConverter(const LayerPlan& plan, const PointReader& points, const IncidentLoadOptions& options,
                     const std::string& shownSource, LoadReport& report, IncidentFormatInfo& info,
                     IncidentStoreBuilder& out, const IncidentRowObserver* observer);
    /// Converts a feature of shape `shape` whose fields appendFeatureTexts gave as `views` and `badUtf8`.
    void convert(const FeatureShape& shape, const std::string_view* views, const uint8_t* badUtf8);
    /// The same, turning the fields of `feature` into text here.
    void convert(OGRFeature& feature);

private:
    void readValues(const std::string_view* views, const uint8_t* badUtf8);
    /// Reads the feature's point (m_geometry when it is usable); false when the row is rejected.
    bool readGeometry(const FeatureShape& shape);
    /// Converts and places the row; true when it went to the store.
    bool storeRow(bool& looked);
    void notify(IncidentRowView::Outcome outcome, bool looked);

    const LayerPlan& m_plan;
    const PointReader& m_points;
    const IncidentLoadOptions& m_options;
    LoadReport& m_report;
    IncidentFormatInfo& m_info;
    IncidentStoreBuilder& m_out;
    const IncidentRowObserver* m_observer;
    int64_t m_fid = -1;  // of the feature being converted
    RowContext m_ctx;
    RowGeocoder m_geocoder;
    // Without ACLED's conversion values are read as views: into the feature (text) or into m_values.
    bool m_byView;
    std::vector<std::string> m_values;
    std::vector<std::string_view> m_views;
    // For convert(feature): its fields' texts (see appendFeatureTexts).
    std::string m_chars;
    std::vector<size_t> m_ends;
    std::vector<std::string_view> m_fieldViews;
    std::vector<uint8_t> m_badUtf8;
    Incident m_incident;  // reused for every row
    IncidentText m_text;
    LonLat m_point;
    const LonLat* m_geometry = nullptr;
    OGRPoint m_onFeature;                               // the point standing for a line or area feature
    std::optional<std::pair<LonLat, LonLat>> m_spread;  // corners of such a feature's extent
    int64_t m_row = 0;
};

FeatureConverter::FeatureConverter(const LayerPlan& plan, const PointReader& points,
                                   const IncidentLoadOptions& options, const std::string& shownSource,
                                   LoadReport& report, IncidentFormatInfo& info, IncidentStoreBuilder& out,
                                   const IncidentRowObserver* observer)
    : m_plan(plan),
      m_points(points),
      m_options(options),
      m_report(report),
      m_info(info),
      m_out(out),
      m_observer(observer),
      m_ctx(report, shownSource),
      m_geocoder(options, info.geocoding,
                 plan.acled ? plan.acled->placeColumn() : plan.mapping.columnName(Field::Place)),
      m_byView(!plan.acled),
      m_values(plan.mapping.columns.size()),
      m_views(plan.mapping.columns.size()) {}

void FeatureConverter::readValues(const std::string_view* views, const uint8_t* badUtf8) {
    const ColumnMapping& mapping = m_plan.mapping;
    for (size_t k = 0; k < m_values.size(); ++k) {
        // Text stays where appendFeatureTexts left it unless it needs repairing
        // or ACLED's conversion needs it as a string.
        std::string_view text = views[k];
        if (badUtf8[k] || !m_byView) {
            m_values[k].assign(text);
            if (badUtf8[k]) checkUtf8(m_ctx, mapping.columns[k], m_values[k]);
            text = m_values[k];
        }
        m_views[k] = text;
    }
}

bool FeatureConverter::readGeometry(const FeatureShape& shape) {
    const ColumnMapping& mapping = m_plan.mapping;
    const OGRGeometry* g = shape.other;
    bool located = false;
    m_spread.reset();
    if (shape.kind == FeatureShape::Kind::Point) {
        m_point = m_points.lonLat(shape.x, shape.y);
        located = true;
    } else if (g) {
        if (pointOnFeature(*g, m_onFeature)) {
            m_point = m_points.lonLat(m_onFeature);
            located = true;
            if (!isSinglePoint(*g)) {
                OGREnvelope e;
                g->getEnvelope(&e);
                m_spread = std::pair{m_points.lonLat(e.MinX, e.MinY), m_points.lonLat(e.MaxX, e.MaxY)};
            }
        } else {
            m_ctx.reject(ErrorCode::InvalidGeometry, m_points.column,
                         std::string("geometry is a ") + g->getGeometryName() +
                             " of several points; an incident needs one place; row not loaded");
        }
    } else if (!mapping.hasCoordinates() &&
               (!mapping.has(Field::Place) ||
                trimmed(m_views[static_cast<size_t>(mapping.index(Field::Place))]).empty())) {
        m_ctx.reject(ErrorCode::InvalidGeometry, m_points.column,
                     "feature has no geometry (and no place name to geocode); row not loaded");
    }
    if (located && checkLonLat(m_ctx, m_points.column, m_point, "the point's")) m_geometry = &m_point;
    return !m_ctx.rejected();
}

bool FeatureConverter::storeRow(bool& looked) {
    clearIncident(m_incident);
    const bool converted = m_plan.acled
                               ? m_plan.acled->convert(m_values, m_options.categories, m_ctx, m_incident)
                               : convertMappedRow(m_plan.mapping, m_views, m_geometry, m_options.categories,
                                                  m_ctx, m_incident, m_text);
    // A line or area feature: its size is how uncertain the point standing for it is.
    if (converted && m_spread && !m_plan.acled && !m_plan.mapping.has(Field::LocationPrecision))
        m_incident.locationPrecision =
            std::max(m_incident.locationPrecision, precisionForExtent(m_spread->first, m_spread->second));
    looked = converted && m_ctx.needsGeocode();
    if (!converted || (looked && !m_geocoder.locate(m_ctx, m_incident, m_plan.acled ? nullptr : &m_text)))
        return false;
    if (m_plan.acled)
        m_out.append(m_incident);
    else
        m_out.append(m_incident, m_text);  // views into the read text, copied before it is reused
    return true;
}

void FeatureConverter::convert(OGRFeature& feature) {
    m_chars.clear();
    m_ends.clear();
    m_badUtf8.clear();
    appendFeatureTexts(feature, m_plan.types, m_chars, m_ends, m_badUtf8);
    textViews(m_chars, m_ends, m_fieldViews);
    convert(shapeOf(feature, nullptr), m_fieldViews.data(), m_badUtf8.data());
}

void FeatureConverter::convert(const FeatureShape& shape, const std::string_view* views,
                               const uint8_t* badUtf8) {
    using Outcome = IncidentRowView::Outcome;
    ++m_row;
    m_fid = shape.fid;
    ++m_report.featuresRead;
    m_ctx.begin(m_row);
    readValues(views, badUtf8);
    m_geometry = nullptr;
    if (m_plan.useGeometry && !readGeometry(shape)) {
        ++m_report.featuresSkipped;
        if (m_observer) notify(Outcome::NotLoaded, false);
        return;
    }
    bool looked = false;
    const bool stored = storeRow(looked);
    ++(stored ? m_report.featuresLoaded : m_report.featuresSkipped);
    if (m_observer) notify(stored ? Outcome::Loaded : looked ? Outcome::Held : Outcome::NotLoaded, looked);
}

void FeatureConverter::notify(IncidentRowView::Outcome outcome, bool looked) {
    if (!m_byView) m_views.assign(m_values.begin(), m_values.end());  // ACLED's conversion repaired m_values
    IncidentRowView v;
    v.row = m_row;
    v.fid = m_fid;
    v.values = &m_views;
    v.geometry = m_geometry;
    v.outcome = outcome;
    if (outcome == IncidentRowView::Outcome::Loaded) v.incident = &m_incident;
    if (looked) v.geocode = m_geocoder.lastResult();
    if (outcome == IncidentRowView::Outcome::Held) v.held = &m_info.geocoding.pending.back();
    (*m_observer)(v);
}

/// Reads every feature of `layer` into `converter`, on a thread of its own when there are enough of them.
void readFeatures(OGRLayer& layer, const std::vector<OGRFieldType>& types, GIntBig count,
                  FeatureConverter& converter, ScrubbingGdalCapture& capture) {
    if (count >= kPipeMinFeatures) {
        FeaturePipe pipe(layer, types);
        if (pipe.start()) {
            FeaturePipe::Batch batch;
            while (pipe.next(batch)) {
                for (auto& failure : batch.failures) capture.addFailure(std::move(failure));
                for (size_t i = 0, at = 0; i < batch.size(); ++i, at += types.size())
                    converter.convert(batch.shapes[i], &batch.views[at], &batch.badUtf8[at]);
            }
            return;
        }
    }
    layer.ResetReading();
    for (auto& feature : layer) converter.convert(*feature);
}

/// The date columns' formats, inferred from their values (or as the options say), into `plan`.
Status planDates(OGRLayer& layer, LayerPlan& plan, const IncidentLoadOptions& options,
                 const std::string& shownSource, IncidentFormatInfo& info) {
    auto dates = planGdalDates(layer, plan.acled ? plan.acled->dateColumns() : plan.mapping.dateColumns(),
                               plan.acled ? plan.acled->yearColumn() : plan.mapping.yearColumn, options,
                               shownSource, info);
    if (!dates) return dates.error();
    if (plan.acled)
        plan.acled->setDates(std::move(dates).value());
    else
        plan.mapping.dates = std::move(dates).value();
    return {};
}

}  // namespace

Status readGdalIncidents(const std::string& source, const std::string& shownSource,
                         const IncidentLoadOptions& options, LoadReport& report, IncidentFormatInfo& info,
                         IncidentStoreBuilder& out, const IncidentRowObserver* observer) {
    ScrubbingGdalCapture capture;
    auto opened = openSource(source, shownSource, capture);
    if (!opened) return opened.error();
    GDALDataset& ds = *opened.value();
    info.driver = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
    SqlLayer sqlLayer;  // released before the dataset closes
    auto chosen = chooseLayer(ds, sqlLayer, options, shownSource, capture, report, info);
    if (!chosen) return chosen.error();
    OGRLayer* layer = chosen->layer;
    if (layer && info.layer.empty()) info.layer = layer->GetName();
    if (!layer || !chosen->plan->whyNot.empty()) {
        // What was recognised, for a field-mapping dialog to start from.
        if (chosen->plan) {
            if (info.columns.empty()) info.columns = chosen->plan->mapping.columns;
            info.fieldMapping = chosen->plan->mapping.describe();
        }
        // An empty layer (a FeatureCollection without features) has no columns to judge: it has no rows.
        OGRLayer* only = layer ? layer : ds.GetLayerCount() == 1 ? ds.GetLayer(0) : nullptr;
        if (only && only->GetFeatureCount(TRUE) == 0) {
            info.layer = only->GetName();
            info.format = info.driver;
            return makeError(ErrorCode::EmptyLayer, shownSource,
                             "has no incidents: the layer has no features");
        }
        return makeError(ErrorCode::UnsupportedFormat, shownSource,
                         "is not an incident source: " + chosen->whyNot);
    }
    if (auto dated = planDates(*layer, *chosen->plan, options, shownSource, info); !dated)
        return dated.error();
    const LayerPlan& plan = *chosen->plan;
    describeFormat(plan, info);
    auto points = pointReader(*layer, plan, shownSource, report, info);
    if (!points) return points.error();

    // A cheap count (GeoPackage, FlatGeobuf, Shapefile keep one) sizes the columns once.
    const GIntBig count = layer->TestCapability(OLCFastFeatureCount) ? layer->GetFeatureCount(FALSE) : -1;
    if (count > 0) out.reserve(static_cast<size_t>(count));
    FeatureConverter converter(plan, points.value(), options, shownSource, report, info, out, observer);
    readFeatures(*layer, plan.types, count, converter, capture);
    for (auto& failure : capture.takeFailures())
        report.add(makeError(ErrorCode::IoError, shownSource, "GDAL reported: " + failure));
    info.dateFormats = describeDates(plan.acled ? plan.acled->dates() : plan.mapping.dates);
    return {};
}

}  // namespace fp::incident_io
