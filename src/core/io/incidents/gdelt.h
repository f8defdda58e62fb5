#pragma once

// Internal to core/io/incidents: GDELT 2.0 event exports (tab-separated, no header, 61 columns). The mapping
// is documented in docs/INCIDENTS.md.

#include <string>
#include <utility>
#include <vector>

#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

constexpr size_t kGdeltColumns = 61;
/// The credit GDELT asks for.
inline constexpr const char* kGdeltAttribution = "GDELT Project (gdeltproject.org)";

/// True when the fields look like a GDELT event row: a numeric GlobalEventID then a YYYYMMDD Day. The column
/// count is checked separately, so that GDELT 1.0 files (57 or 58 columns) can be named in the error.
bool looksLikeGdeltRow(const std::vector<std::string>& fields);

/// Name of a CAMEO root code ("14" -> "Protest"); empty for an unknown code.
std::string cameoRootName(std::string_view code);

/// Converts one GDELT 2.0 row (61 fields); false when it was rejected (reported in `ctx`).
bool convertGdeltRow(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                     RowContext& ctx, Incident& out);

/// canonical field -> GDELT column, for IncidentFormatInfo.
std::vector<std::pair<std::string, std::string>> gdeltMapping();

}  // namespace fp::incident_io
