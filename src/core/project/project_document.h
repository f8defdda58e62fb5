#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/export/export_settings.h"
#include "core/geo/types.h"
#include "core/geocode/geocode_review.h"
#include "core/model/color.h"
#include "core/model/incident_source.h"
#include "core/model/layer_style.h"
#include "core/model/map_scene.h"
#include "core/time/playback.h"
#include "core/time/time_window.h"
#include "core/util/result.h"

namespace fp {

/// The `format` value every project file carries.
inline constexpr const char* kProjectFormatName = "flashpoint-project";
/// The project format version this build writes; it reads this version and older ones.
inline constexpr int kProjectFormatVersion = 1;

/// One vector layer of a project: where its data comes from and how it is drawn.
struct ProjectLayer {
    std::string
        source;  ///< file path (resolved: absolute or relative to the working folder), or a GDAL source
    std::string layer;  ///< layer inside the source; empty: every layer of the source
    std::string name;   ///< shown in the layers panel; empty: the data's display name
    LayerStyle style;
    std::string attribution;
    friend bool operator==(const ProjectLayer&, const ProjectLayer&) = default;
};

/// One incident source of a project.
struct ProjectIncidents {
    std::string source;  ///< file path (resolved as for layers) or "PG:..." without a password
    IncidentLoadOptions options;
    std::string name;  ///< empty: incidentSourceName(source, options)
    IncidentStyle style;
    std::string attribution;  ///< empty: the credit the format implies (ACLED, GDELT), if any
    friend bool operator==(const ProjectIncidents&, const ProjectIncidents&) = default;
};

/// What part of the map a project shows. Either a lon/lat box framed with a 4 % margin at whatever size the
/// map is drawn, or a centre and a scale saved from a viewport of `widthPx` x `heightPx`: at another size
/// the same extent is fitted, widened on one axis (never stretched).
struct ProjectView {
    std::optional<GeoBBox> bbox;  ///< when set, the rest is unused
    LonLat center;
    double unitsPerPixel = 1000.0;  ///< map CRS units per physical pixel of the saved viewport
    int widthPx = 800;
    int heightPx = 600;
    friend bool operator==(const ProjectView&, const ProjectView&) = default;
};

/// A project file's content, independent of any loaded data. Paths are resolved (see parseProjectJson).
struct ProjectDocument {
    std::string name;
    std::vector<ProjectLayer> layers;  ///< drawing order: first at the bottom
    std::vector<ProjectIncidents> incidents;
    std::string crs = "EPSG:32634";  ///< as Crs::fromUserInput reads it
    Color background = Color::rgb(214, 228, 238);
    ProjectView view;
    TimeState time{TimeWindowSpec{WindowMode::All, 0, 0}, TimePoint{}};
    PlaybackSettings playback;
    ExportSettings exportSettings;
    /// Gazetteer place labels: shown or not, and in which script (the layers panel's "Places" row).
    PlaceLabelStyle placeLabels;
    /// Decisions on incident rows held for geocoding review, applied when their sources load again.
    std::vector<GeocodeChoice> geocodeChoices;
    friend bool operator==(const ProjectDocument&, const ProjectDocument&) = default;
};

/// Parses the JSON text of a project file (docs/PROJECT.md). `projectPath` names the file in messages and
/// its folder resolves relative source paths. Errors (InvalidArgument naming `projectPath`): text that is
/// not JSON or is cut short (with nlohmann's line and column), a `format` other than kProjectFormatName, a
/// `version` newer than kProjectFormatVersion ("written by a newer Flashpoint"), a field of the wrong type
/// or out of range (naming the field, e.g. layers[2].style.fill). Unknown fields are ignored.
Result<ProjectDocument> parseProjectJson(const std::string& text, const std::string& projectPath);

/// The JSON text of `doc` (pretty-printed, ends with a newline). Source paths inside the folder of
/// `projectPath` or up to two levels above it are written relative to it, others absolute; PG: and GDAL
/// virtual sources (/vsi..., URLs) unchanged.
std::string projectToJson(const ProjectDocument& doc, const std::string& projectPath);

/// `path` as a project file at `projectPath` writes it (see projectToJson).
std::string pathRelativeToProject(const std::string& path, const std::string& projectPath);
/// A path read from the project file at `projectPath`, resolved against its folder when relative.
std::string resolveProjectPath(const std::string& path, const std::string& projectPath);

}  // namespace fp
