#pragma once

#include <string>

namespace fp {

/// GDAL's raster block cache, unless GDAL_CACHEMAX says otherwise (see initGdal).
inline constexpr long long kGdalCacheBytes = 64LL << 20;

/// Registers GDAL drivers, routes GDAL's messages into fp::Log and caps the raster block cache at
/// kGdalCacheBytes. Idempotent and thread-safe.
void initGdal();

/// The GDAL library's release name at run time, e.g. "3.6.2".
std::string gdalVersion();

/// While alive, collects GDAL error messages raised on this thread (and still logs them), so a loader can
/// quote GDAL's reason in its own Error.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The last failure message GDAL raised, empty if none.
    const std::string& lastError() const { return m_lastError; }
    /// The first failure message, often the root cause (later ones tend to be consequences); empty if none.
    const std::string& firstError() const { return m_firstError; }
    /// How many warnings and failures GDAL raised on this thread while this was alive.
    size_t messageCount() const { return m_messages; }

private:
    size_t m_messages = 0;
    std::string m_lastError;
    std::string m_firstError;
};

}  // namespace fp
