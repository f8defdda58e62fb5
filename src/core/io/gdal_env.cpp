#include "core/io/gdal_env.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

#include "core/proj/crs.h"
#include "core/util/log.h"

namespace fp {

namespace {

thread_local GdalErrorCapture* t_capture = nullptr;

void logGdalMessage(CPLErr errClass, CPLErrorNum, const char* message) {
    std::string text = std::string("GDAL: ") + (message ? message : "");
    switch (errClass) {
        case CE_Failure:
        case CE_Fatal:
            logWarning(std::move(text));
            break;
        case CE_Warning:
            logWarning(std::move(text));
            break;
        default:
            logDebug(std::move(text));
            break;
    }
}

void CPL_STDCALL globalHandler(CPLErr errClass, CPLErrorNum errNo, const char* message) {
    if (t_capture && (errClass == CE_Failure || errClass == CE_Fatal)) {
        // A capturing loader turns this into its own error; logging it too would say it twice.
        return;
    }
    logGdalMessage(errClass, errNo, message);
}

}  // namespace

void initGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(globalHandler);
        // A shapefile without .shx is an error the user must see, not something to rebuild silently.
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
        // GDAL's raster block cache defaults to 5 % of the RAM (1.2 GB on a 24 GB machine): a 16384 x 16384
        // export streamed through GeoTIFF would fill it. Exports read and write each block once, so a small
        // cache costs nothing; GDAL_CACHEMAX in the environment still wins.
        if (!CPLGetConfigOption("GDAL_CACHEMAX", nullptr)) GDALSetCacheMax64(kGdalCacheBytes);
        installProjLogHandler();
    });
}

std::string gdalVersion() {
    return GDALVersionInfo("RELEASE_NAME");
}

GdalErrorCapture::GdalErrorCapture() {
    initGdal();
    t_capture = this;
    CPLPushErrorHandlerEx(
        [](CPLErr errClass, CPLErrorNum errNo, const char* message) {
            if (t_capture && errClass != CE_None && errClass != CE_Debug) ++t_capture->m_messages;
            if (t_capture && (errClass == CE_Failure || errClass == CE_Fatal) && message) {
                t_capture->m_lastError = message;
                if (t_capture->m_firstError.empty()) t_capture->m_firstError = message;
            }
            globalHandler(errClass, errNo, message);
        },
        nullptr);
}

GdalErrorCapture::~GdalErrorCapture() {
    CPLPopErrorHandler();
    t_capture = nullptr;
}

}  // namespace fp
