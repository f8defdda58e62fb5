#pragma once

// Internal to core/io/incidents: GDAL's messages captured (passwords removed) and a layer's features read on
// a thread of their own.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

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
    bool start();

    /// The next batch into `batch` (its features replaced), waiting for it; false once everything was read.
    bool next(Batch& batch);

    /// Stops reading (what is queued is dropped) and joins the thread. Idempotent.
    void stop();

private:
    void run();

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

}  // namespace fp::incident_io
