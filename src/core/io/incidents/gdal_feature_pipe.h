#pragma once

// Internal to core/io/incidents: GDAL's messages captured (passwords removed) and a layer's features read on
// a thread of their own.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <cstdint>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace fp::incident_io {

/// `text` on one line: GDAL passes on libpq's multi-line, tab-indented messages as they are.
std::string oneLine(std::string_view text);

/// While alive, takes every GDAL message raised on this thread, removes passwords from it, logs warnings and
/// keeps failures (which the reader quotes in its own errors) instead of letting them reach the log raw.
class ScrubbingGdalCapture {
public:
    ScrubbingGdalCapture();
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
    static void CPL_STDCALL handle(CPLErr cls, CPLErrorNum, const char* message);
    std::string m_lastError;
    std::vector<std::string> m_failures;
};

/// A feature's geometry as the converter needs it: a plain point by its coordinates (read while the feature
/// lives), any other geometry as itself.
struct FeatureShape {
    enum class Kind : uint8_t { None, Point, Other };  // None: no geometry, or an empty one
    Kind kind = Kind::None;
    double x = 0, y = 0;                 // Kind::Point
    const OGRGeometry* other = nullptr;  // Kind::Other
    int64_t fid = -1;                    // the feature's id (OGRNullFID: none), for writing edits back
};

/// The shape of `f`'s geometry. A geometry other than a point is taken out of the feature into `keep` when
/// it is given (so the feature can be freed), else it stays in the feature.
FeatureShape shapeOf(OGRFeature& f, OGRGeometryUniquePtr* keep);

/// Reads a layer's features on a thread of its own and hands them over in batches through a small bounded
/// queue, so that GDAL's decoding, and turning each field into text (appendFeatureTexts), overlap the
/// conversion on the calling thread. While the pipe runs, only its thread touches the layer (GDAL datasets
/// are not thread-safe). Each feature is freed as soon as its texts and shape are taken, on the thread that
/// allocated it: GDAL's many small allocations then come back from malloc's per-thread cache. GDAL failures
/// raised on the reader thread are captured there and travel with the batch read when they were raised. The
/// destructor stops and joins the thread.
class FeaturePipe {
public:
    static constexpr size_t kBatchSize = 2048;
    static constexpr size_t kQueuedBatches = 3;

    struct Batch {
        std::vector<FeatureShape> shapes;              // one per feature
        std::vector<OGRGeometryUniquePtr> geometries;  // those the shapes of Kind::Other point to
        std::vector<std::string> failures;  // scrubbed GDAL failures raised while reading these features
        /// Per feature, its fields as appendFeatureTexts gives them: feature i's at [i * columns, (i + 1) *
        /// columns).
        std::string chars;
        std::vector<size_t> ends;
        std::vector<std::string_view> views;
        std::vector<uint8_t> badUtf8;
        size_t size() const { return shapes.size(); }
    };

    /// `types`: of every field of the layer, in order (see featureTexts).
    FeaturePipe(OGRLayer& layer, std::vector<OGRFieldType> types)
        : m_layer(layer), m_types(std::move(types)) {}
    ~FeaturePipe() { stop(); }
    FeaturePipe(const FeaturePipe&) = delete;
    FeaturePipe& operator=(const FeaturePipe&) = delete;

    /// Starts the reader thread; false (and nothing read) when no thread could be started.
    bool start();

    /// The next batch into `batch` (its features replaced), waiting for it; false once everything was read.
    bool next(Batch& batch);

    /// Stops reading (what is queued is dropped) and joins the thread. Idempotent.
    void stop();

private:
    void run();

    /// Reads up to kBatchSize features into `batch` with their texts; false when the layer has no more.
    bool fill(Batch& batch, ScrubbingGdalCapture& capture);

    OGRLayer& m_layer;
    std::vector<OGRFieldType> m_types;
    std::mutex m_mutex;
    std::condition_variable m_changed;  // the queue, m_done or m_stopping changed
    std::deque<Batch> m_queue;
    // Converted batches, to be reused on the reader thread (and their odd geometries freed there: malloc is
    // much slower when one thread frees what another allocates).
    std::vector<Batch> m_spent;
    bool m_done = false;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace fp::incident_io
