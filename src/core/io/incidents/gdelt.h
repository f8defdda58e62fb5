#pragma once

// Internal to core/io/incidents: GDELT event exports (tab-separated, no header): 2.0 (61 columns) and 1.0 (58
// columns daily, 57 historical), also mixed in one file. The mapping is documented in docs/INCIDENTS.md.

#include <string>
#include <utility>
#include <vector>

#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

/// Columns of GDELT 2.0 event exports; GDELT 1.0 daily files have 58 and its historical backfiles 57 (no
/// SOURCEURL). 1.0 lacks the three ADM2Code columns, so its geography columns sit earlier.
constexpr size_t kGdeltColumns = 61;
constexpr size_t kGdelt1DailyColumns = 58;
constexpr size_t kGdelt1HistoricalColumns = 57;
/// True when `n` is the width of a GDELT event row (57, 58 or 61).
inline bool isGdeltWidth(size_t n) {
    return n == kGdeltColumns || n == kGdelt1DailyColumns || n == kGdelt1HistoricalColumns;
}
/// The credit GDELT asks for.
inline constexpr const char* kGdeltAttribution = "GDELT Project (gdeltproject.org)";

/// True when the fields look like a GDELT event row: a numeric GlobalEventID then a YYYYMMDD Day. The column
/// count is checked separately, so that GDELT 1.0 files (57 or 58 columns) can be named in the error.
bool looksLikeGdeltRow(const std::vector<std::string>& fields);

/// The country a FIPS 10-4 code names, as GDELT writes them ("RI" -> "Serbia", "KV" -> "Kosovo", "RS" ->
/// "Russia"; not ISO 3166: ISO's RS is Serbia); "FIPS XX" for a code not in the table.
std::string fipsCountryName(std::string_view code);

/// Name of a CAMEO root code ("14" -> "Protest"); empty for an unknown code.
std::string cameoRootName(std::string_view code);

/// Converts one GDELT row (61, 58 or 57 fields, see isGdeltWidth); false when it was rejected (reported in
/// `ctx`).
bool convertGdeltRow(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                     RowContext& ctx, Incident& out);

/// canonical field -> GDELT column, for IncidentFormatInfo.
std::vector<std::pair<std::string, std::string>> gdeltMapping();

}  // namespace fp::incident_io
