#pragma once

#include <string>
#include <vector>

#include "core/model/incident.h"
#include "core/util/result.h"

namespace fp {

/// Columns incident files are written with, in order (the Flashpoint schema of docs/INCIDENTS.md).
const std::vector<std::string>& incidentFileColumns();

/// The values of `inc` as incident files hold them, one per incidentFileColumns() entry: ISO dates at the
/// incident's time precision, lists joined with "; ", location precision 1/2/3, degrees with 6 decimals.
std::vector<std::string> incidentFileValues(const Incident& inc);

/// Writes incidents in the Flashpoint schema so that loadIncidents reads them back unchanged: ".csv"
/// (UTF-8, RFC 4180, lon/lat columns), ".gpkg" (one point layer `layerName`, EPSG:4326) or ".geojson"
/// (a FeatureCollection of points), chosen by the extension (any case). Atomic: a temporary file in the
/// same folder renamed at the end, removed on failure. Fails with InvalidArgument for another extension,
/// and with the writer's Error (naming the path) when the folder is missing or not writable.
Status writeIncidentFile(const std::string& path, const std::vector<Incident>& incidents,
                         const std::string& layerName = "incidents");

}  // namespace fp
