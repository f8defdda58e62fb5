#include <cpl_error.h>
#include <cpl_string.h>

#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/acled.h"
#include "core/io/incidents/field_mapping.h"
#include "core/io/incidents/gdal_field_text.h"
#include "core/io/incidents/readers.h"
#include "core/io/incidents/row_geocoder.h"
#include "core/proj/crs.h"
#include "core/util/log.h"

namespace fp::incident_io {

namespace {

/// `text` on one line: GDAL passes on libpq's multi-line, tab-indented messages as they are.
std::string oneLine(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// While alive, takes every GDAL message raised on this thread, removes passwords from it, logs warnings and
/// keeps failures (which the reader quotes in its own errors) instead of letting them reach the log raw.
class ScrubbingGdalCapture {
public:
    ScrubbingGdalCapture() {
        initGdal();
        CPLPushErrorHandlerEx(&ScrubbingGdalCapture::handle, this);
    }
    ~ScrubbingGdalCapture() { CPLPopErrorHandler(); }
    ScrubbingGdalCapture(const ScrubbingGdalCapture&) = delete;
    ScrubbingGdalCapture& operator=(const ScrubbingGdalCapture&) = delete;

    const std::string& lastError() const { return m_lastError; }
    /// Failures raised since the last call (e.g. while reading features), oldest first.
    std::vector<std::string> takeFailures() { return std::exchange(m_failures, {}); }
    /// Keeps a (scrubbed) failure raised on another thread as if it had been raised on this one.
    void addFailure(std::string text) {
        m_lastError = text;
        if (m_failures.size() < 100) m_failures.push_back(std::move(text));
    }

private:
    static void CPL_STDCALL handle(CPLErr cls, CPLErrorNum, const char* message) {
        auto* self = static_cast<ScrubbingGdalCapture*>(CPLGetErrorHandlerUserData());
        std::string text = scrubSecrets(oneLine(message ? message : ""));
        if (cls == CE_Failure || cls == CE_Fatal) {
            self->addFailure(std::move(text));
        } else if (cls == CE_Warning) {
            logWarning("GDAL: " + text);
        } else {
            logDebug("GDAL: " + text);
        }
    }
    std::string m_lastError;
    std::vector<std::string> m_failures;
};

/// Reads a layer's features on a thread of its own and hands them over in batches through a small bounded
/// queue, so that GDAL's decoding overlaps the conversion on the calling thread. While the pipe runs, only
/// its thread touches the layer (GDAL datasets are not thread-safe); features are plain objects the
/// consumer may read and free. GDAL failures raised on the reader thread are captured there and travel with
/// the batch read when they were raised. The destructor stops and joins the thread.
class FeaturePipe {
public:
    static constexpr size_t kBatchSize = 512;
    static constexpr size_t kQueuedBatches = 3;

    struct Batch {
        std::vector<OGRFeatureUniquePtr> features;
        std::vector<std::string> failures;  // scrubbed GDAL failures raised while reading these features
    };

    explicit FeaturePipe(OGRLayer& layer) : m_layer(layer) {}
    ~FeaturePipe() { stop(); }
    FeaturePipe(const FeaturePipe&) = delete;
    FeaturePipe& operator=(const FeaturePipe&) = delete;

    /// Starts the reader thread; false (and nothing read) when no thread could be started.
    bool start() {
        try {
            m_thread = std::thread([this] { run(); });
        } catch (const std::system_error&) {
            return false;
        }
        return true;
    }

    /// The next batch into `batch` (its features replaced), waiting for it; false once everything was read.
    bool next(Batch& batch) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
        if (m_queue.empty()) return false;
        // The features of the batch before go back to be freed on the reader thread, which allocated them.
        if (!batch.features.empty()) m_spent.push_back(std::move(batch.features));
        batch = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        m_changed.notify_all();
        return true;
    }

    /// Stops reading (what is queued is dropped) and joins the thread. Idempotent.
    void stop() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable()) m_thread.join();
        m_queue.clear();
        m_spent.clear();
    }

private:
    void run() {
        ScrubbingGdalCapture capture;  // GDAL's error handlers are per thread
        m_layer.ResetReading();
        Batch batch;
        batch.features.reserve(kBatchSize);
        for (;;) {
            OGRFeature* feature = m_layer.GetNextFeature();
            if (feature) batch.features.emplace_back(feature);
            if (feature && batch.features.size() < kBatchSize) continue;
            batch.failures = capture.takeFailures();
            const bool more = feature != nullptr;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_queue.size() < kQueuedBatches || m_stopping; });
                if (m_stopping) return;
                if (!batch.features.empty() || !batch.failures.empty()) m_queue.push_back(std::move(batch));
                m_done = !more;
            }
            m_changed.notify_all();
            if (!more) return;
            batch = {};
            {
                std::lock_guard lock(m_mutex);
                if (!m_spent.empty()) {
                    batch.features = std::move(m_spent.back());
                    m_spent.pop_back();
                }
            }
            batch.features.clear();  // frees the spent features here, where GDAL allocated them
            batch.features.reserve(kBatchSize);
        }
    }

    OGRLayer& m_layer;
    std::mutex m_mutex;
    std::condition_variable m_changed;  // the queue, m_done or m_stopping changed
    std::deque<Batch> m_queue;
    // Converted features, to be freed on the reader thread: malloc is much slower when one thread frees what
    // another allocates.
    std::vector<std::vector<OGRFeatureUniquePtr>> m_spent;
    bool m_done = false;
    bool m_stopping = false;
    std::thread m_thread;
};

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

bool isPointLike(OGRwkbGeometryType type) {
    const auto flat = wkbFlatten(type);
    return flat == wkbPoint || flat == wkbMultiPoint || flat == wkbUnknown || flat == wkbGeometryCollection;
}

/// How a layer will be read, or why it is not incidents.
struct LayerPlan {
    ColumnMapping mapping;
    std::optional<AcledColumns> acled;  // an ACLED table (e.g. an .xlsx export): its own columns locate rows
    bool useGeometry = false;
    std::string whyNot;  // empty when the layer holds incidents
};

Result<LayerPlan> planLayer(OGRLayer& layer, const IncidentLoadOptions& options, const std::string& where) {
    std::vector<std::string> columns;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    auto mapping = mapColumns(columns, options.fieldMapping, where);
    if (!mapping) return mapping.error();
    LayerPlan plan;
    plan.mapping = std::move(mapping).value();
    if (options.fieldMapping.empty() && isAcledHeader(columns)) {
        plan.acled.emplace(columns);
        return plan;
    }
    const OGRwkbGeometryType type = layer.GetGeomType();
    plan.useGeometry = type != wkbNone && isPointLike(type);
    if (!plan.mapping.has(Field::Start)) {
        plan.whyNot = "no date column (looked for " + startColumnNames() + ")";
    } else if (!plan.useGeometry && !plan.mapping.canLocate()) {
        plan.whyNot = type == wkbNone ? "no geometry, no coordinate columns and no place-name column"
                                      : std::string("its geometries are ") + OGRGeometryTypeToName(type) +
                                            ", not points, and it has no coordinate or place-name columns";
    }
    return plan;
}

}  // namespace

Status readGdalIncidents(const std::string& source, const std::string& shownSource,
                         const IncidentLoadOptions& options, LoadReport& report, IncidentFormatInfo& info,
                         IncidentStoreBuilder& out, const IncidentRowObserver* observer) {
    const bool database = isDatabaseSource(source);
    ScrubbingGdalCapture capture;
    gdal::DatasetPtr ds(
        GDALDataset::Open(gdalDatabaseName(source).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        if (database) {
            return makeError(
                ErrorCode::IoError, shownSource,
                "cannot open the database: " +
                    (capture.lastError().empty() ? std::string("no reason given") : capture.lastError()));
        }
        std::string why = "not a vector data format GDAL can read";
        if (!capture.lastError().empty()) why += " (" + capture.lastError() + ")";
        return makeError(ErrorCode::UnsupportedFormat, shownSource, why);
    }
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";

    SqlLayer sqlLayer;
    OGRLayer* layer = nullptr;
    std::optional<LayerPlan> plan;
    if (!options.sql.empty()) {
        layer = ds->ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
        if (!layer) {
            return makeError(
                ErrorCode::InvalidArgument, shownSource,
                "the SQL query failed: " +
                    (capture.lastError().empty() ? std::string("no result") : capture.lastError()));
        }
        sqlLayer.dataset = ds.get();
        sqlLayer.layer = layer;
        info.layer = "(SQL query)";
    } else if (!options.table.empty()) {
        layer = ds->GetLayerByName(options.table.c_str());
        if (!layer) {
            return makeError(
                ErrorCode::NotFound, shownSource,
                "has no " + std::string(database ? "table" : "layer") + " named '" + options.table + "'");
        }
    }
    std::string whyNot;
    if (layer) {
        auto p = planLayer(*layer, options, shownSource);
        if (!p) return p.error();
        plan = std::move(p).value();
        whyNot = plan->whyNot;
    } else {
        std::vector<std::string> others;  // further incident layers, which are not read
        for (int i = 0; i < ds->GetLayerCount(); ++i) {
            OGRLayer* candidate = ds->GetLayer(i);
            auto p = planLayer(*candidate, options, shownSource);
            if (!p) return p.error();
            if (p->whyNot.empty() && layer) {
                others.emplace_back(candidate->GetName());
            } else if (p->whyNot.empty()) {
                layer = candidate;
                plan = std::move(p).value();
            } else if (whyNot.empty()) {
                whyNot = ds->GetLayerCount() > 1
                             ? std::string("layer ") + candidate->GetName() + ": " + p->whyNot
                             : p->whyNot;
            }
        }
        if (!layer && ds->GetLayerCount() == 0) whyNot = "it holds no layers";
        std::string list;
        for (const auto& o : others) list += (list.empty() ? "'" : ", '") + o + "'";
        if (!others.empty()) {
            report.add(makeError(ErrorCode::InvalidArgument, shownSource,
                                 "also holds incident " + std::string(database ? "tables " : "layers ") +
                                     list + ", not read: choose one with --table"));
        }
    }
    if (layer && info.layer.empty()) info.layer = layer->GetName();
    if (!layer || !plan->whyNot.empty()) {
        // What was recognised, for a field-mapping dialog to start from.
        if (plan) {
            if (info.columns.empty()) info.columns = plan->mapping.columns;
            info.fieldMapping = plan->mapping.describe();
        }
        return makeError(ErrorCode::UnsupportedFormat, shownSource, "is not an incident source: " + whyNot);
    }

    const ColumnMapping& mapping = plan->mapping;
    info.columns = mapping.columns;
    info.format = isFlashpointSchema(mapping.columns) ? "flashpoint" : info.driver;
    info.fieldMapping = mapping.describe();
    if (plan->acled) {
        info.format = "acled";
        info.fieldMapping = plan->acled->describe();
        info.attribution = kAcledAttribution;
    }

    std::optional<Transformer> toGeo;
    bool identity = false;  // the layer is in WGS 84 lon/lat already
    std::string geometryColumn = layer->GetGeometryColumn();
    if (geometryColumn.empty()) geometryColumn = "geometry";
    if (plan->useGeometry) {
        info.fieldMapping.emplace_back("location", "point geometry (" + geometryColumn + ")");
        Crs sourceCrs = Crs::wgs84();
        if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
            char* wkt = nullptr;
            const char* wktOptions[] = {"FORMAT=WKT2_2019", nullptr};
            srs->exportToWkt(&wkt, wktOptions);
            auto crs = Crs::fromUserInput(wkt ? wkt : "");
            CPLFree(wkt);
            if (!crs)
                return makeError(ErrorCode::InvalidCrs, shownSource, "its CRS is not understood by PROJ");
            sourceCrs = crs.value();
            info.crs = sourceCrs.name();
        } else {
            info.crs = "WGS 84 (assumed: no CRS in the source)";
            report.add(makeError(ErrorCode::InvalidCrs, shownSource,
                                 "no CRS: coordinates are read as EPSG:4326 (WGS 84 lon/lat)"));
        }
        auto t = Transformer::create(sourceCrs, Crs::wgs84());
        if (!t)
            return makeError(ErrorCode::InvalidCrs, shownSource, "no transformation from its CRS to WGS 84");
        toGeo.emplace(std::move(t).value());
        // PROJ's operation between EPSG:4326 and itself is a no-op: skip a call per point.
        identity =
            !sourceCrs.authorityCode().empty() && sourceCrs.authorityCode() == Crs::wgs84().authorityCode();
    } else {
        info.crs = "WGS 84 (lon/lat assumed for coordinate columns)";
    }

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int fieldCount = defn->GetFieldCount();
    std::vector<OGRFieldType> types;
    for (int i = 0; i < fieldCount; ++i) types.push_back(defn->GetFieldDefn(i)->GetType());

    // A cheap count (GeoPackage, FlatGeobuf, Shapefile keep one) sizes the columns once.
    const GIntBig count = layer->TestCapability(OLCFastFeatureCount) ? layer->GetFeatureCount(FALSE) : -1;
    if (count > 0) out.reserve(static_cast<size_t>(count));
    Incident inc;  // reused for every row
    IncidentText text;
    RowContext ctx(report, shownSource);
    RowGeocoder geocoder(options, info.geocoding,
                         plan->acled ? plan->acled->placeColumn() : mapping.columnName(Field::Place));
    std::vector<std::string> values(static_cast<size_t>(fieldCount));
    // Without ACLED's conversion, values are read as views: into the feature (text) or into `values`.
    const bool byView = !plan->acled;
    std::vector<std::string_view> views(static_cast<size_t>(fieldCount));
    int64_t row = 0;
    LonLat point;
    const LonLat* geometry = nullptr;
    auto notify = [&](IncidentRowView::Outcome outcome, bool looked) {
        if (!byView) views.assign(values.begin(), values.end());  // ACLED's conversion repaired `values`
        IncidentRowView v;
        v.row = row;
        v.values = &views;
        v.geometry = geometry;
        v.outcome = outcome;
        if (outcome == IncidentRowView::Outcome::Loaded) v.incident = &inc;
        if (looked) v.geocode = geocoder.lastResult();
        if (outcome == IncidentRowView::Outcome::Held) v.held = &info.geocoding.pending.back();
        (*observer)(v);
    };
    auto convertFeature = [&](OGRFeature* feature) {
        ++row;
        ++report.featuresRead;
        ctx.begin(row);
        for (int i = 0; i < fieldCount; ++i) {
            const auto k = static_cast<size_t>(i);
            std::string& v = values[k];
            if (byView && types[k] == OFTString) {
                // Text stays in the feature's own buffer unless it needs repairing.
                std::string_view text;
                if (feature->IsFieldSetAndNotNull(i)) text = feature->GetFieldAsString(i);
                if (!isAscii(text) && !isValidUtf8(text)) {
                    v.assign(text);
                    checkUtf8(ctx, mapping.columns[k], v);
                    text = v;
                }
                views[k] = text;
                continue;
            }
            // Numbers and dates come out as ASCII; text is checked (and repaired) here, once.
            if (fieldText(v, *feature, i, types[k])) checkUtf8(ctx, mapping.columns[k], v);
            views[k] = v;
        }
        geometry = nullptr;
        if (plan->useGeometry) {
            const OGRGeometry* g = feature->GetGeometryRef();
            const OGRPoint* p = nullptr;
            if (g && !g->IsEmpty()) {
                const auto type = wkbFlatten(g->getGeometryType());
                if (type == wkbPoint) {
                    p = g->toPoint();
                } else if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
                    p = g->toMultiPoint()->getGeometryRef(0);
                } else {
                    ctx.reject(ErrorCode::InvalidGeometry, geometryColumn,
                               std::string("geometry is a ") + g->getGeometryName() +
                                   "; an incident needs a single point; row not loaded");
                }
            } else if (!mapping.hasCoordinates() &&
                       (!mapping.has(Field::Place) ||
                        trimmed(views[static_cast<size_t>(mapping.index(Field::Place))]).empty())) {
                ctx.reject(ErrorCode::InvalidGeometry, geometryColumn,
                           "feature has no geometry (and no place name to geocode); row not loaded");
            }
            if (p) {
                if (identity) {
                    point = {p->getX(), p->getY()};
                    // As Transformer::forward marks points it cannot transform.
                    if (!std::isfinite(point.lon) || !std::isfinite(point.lat)) point = {HUGE_VAL, HUGE_VAL};
                } else {
                    const MapXY xy = toGeo->forward(p->getX(), p->getY());
                    point = {xy.x, xy.y};
                }
                if (checkLonLat(ctx, geometryColumn, point, "the point's")) geometry = &point;
            }
            if (ctx.rejected()) {
                ++report.featuresSkipped;
                if (observer) notify(IncidentRowView::Outcome::NotLoaded, false);
                return;
            }
        }
        clearIncident(inc);
        const bool converted =
            plan->acled ? plan->acled->convert(values, options.categories, ctx, inc)
                        : convertMappedRow(mapping, views, geometry, options.categories, ctx, inc, text);
        const bool looked = converted && ctx.needsGeocode();
        const bool located =
            converted && (!looked || geocoder.locate(ctx, inc, plan->acled ? nullptr : &text));
        if (located) {
            if (plan->acled)
                out.append(inc);
            else
                out.append(inc, text);  // views into this feature, copied before the next one
            ++report.featuresLoaded;
        } else {
            ++report.featuresSkipped;
        }
        if (observer) {
            using O = IncidentRowView::Outcome;
            notify(located ? O::Loaded : looked ? O::Held : O::NotLoaded, looked);
        }
    };
    bool piped = false;
    if (count >= kPipeMinFeatures) {
        FeaturePipe pipe(*layer);
        piped = pipe.start();
        FeaturePipe::Batch batch;
        while (piped && pipe.next(batch)) {
            for (auto& failure : batch.failures) capture.addFailure(std::move(failure));
            for (auto& feature : batch.features) convertFeature(feature.get());
        }
    }
    if (!piped) {
        layer->ResetReading();
        for (auto& feature : *layer) convertFeature(feature.get());
    }
    for (auto& failure : capture.takeFailures())
        report.add(makeError(ErrorCode::IoError, shownSource, "GDAL reported: " + failure));
    return {};
}

}  // namespace fp::incident_io
