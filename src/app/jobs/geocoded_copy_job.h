#pragma once

#include <future>
#include <optional>
#include <utility>

#include "core/io/incidents/geocoded_copy.h"
#include "core/project/map_state.h"
#include "ui/commands.h"

namespace fp {

/// A geocoded copy (SaveGeocodedCopy) written on a worker thread, so that a large source (100,000 rows take
/// about 2 s to geocode and write) does not freeze the window. The request is taken from the map state when
/// the copy starts; the worker only reads the source file and the shared, immutable gazetteer.
class GeocodedCopyJob {
public:
    /// Starts the copy `command` asks for (see layerGeocodedCopyRequest). NotFound for a layer that is not
    /// loaded; InvalidArgument while another copy is being written.
    Status start(const MapState& state, const SaveGeocodedCopy& command);
    /// Call once a frame: the command and how it went, on the frame its copy finished (a success is logged
    /// with what the copy holds). Never blocks.
    std::optional<std::pair<SaveGeocodedCopy, Status>> poll();
    bool running() const { return m_write.valid(); }

private:
    SaveGeocodedCopy m_command;
    std::future<Result<GeocodedCopySummary>> m_write;  // its destructor waits: no half-written file is left
};

}  // namespace fp
