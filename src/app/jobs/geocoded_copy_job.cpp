#include "app/jobs/geocoded_copy_job.h"

#include "core/project/layer_geocoded_copy.h"
#include "core/util/log.h"

namespace fp {

Status GeocodedCopyJob::start(const MapState& state, const SaveGeocodedCopy& command) {
    if (running())
        return makeError(ErrorCode::InvalidArgument, command.outputPath,
                         "another geocoded copy is still being written; try again when it is done");
    auto req = layerGeocodedCopyRequest(state, command.layerId);
    if (!req) return req.error();
    req.value().output = command.outputPath;
    req.value().replaceExisting = command.replaceExisting || command.overwriteSource;
    req.value().allowSourceOverwrite = command.overwriteSource;
    m_command = command;
    m_write = std::async(std::launch::async,
                         [request = std::move(req).value()] { return writeGeocodedCopy(request); });
    return {};
}

std::optional<std::pair<SaveGeocodedCopy, Status>> GeocodedCopyJob::poll() {
    if (!running() || m_write.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    auto written = m_write.get();
    if (!written) return std::make_pair(m_command, Status(written.error()));
    logInfo("Saved geocoded copy " + written.value().output + ": " + written.value().describe());
    return std::make_pair(m_command, Status());
}

}  // namespace fp
