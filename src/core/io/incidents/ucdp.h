#pragma once

// Internal to core/io/incidents: UCDP GED (Uppsala Conflict Data Program, Georeferenced Event Dataset) CSV
// files, GED 19.1 and later. The mapping is documented in docs/INCIDENTS.md.

#include <string>
#include <utility>
#include <vector>

#include "core/io/incidents/date_columns.h"
#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

/// The credit UCDP's terms ask for.
inline constexpr const char* kUcdpAttribution =
    "UCDP GED (Uppsala Conflict Data Program; Sundberg & Melander 2013, Davies et al.), ucdp.uu.se";

/// True when `header` is a UCDP GED table's: date_start, best, type_of_violence or where_prec, and
/// latitude/longitude or geom_wkt (any case).
bool isUcdpHeader(const std::vector<std::string>& header);

/// The category a UCDP type_of_violence code names ("1" -> "State-based conflict"); empty when unknown.
std::string ucdpViolenceName(std::string_view code);

/// Column positions of one UCDP GED file and the conversion of its rows.
class UcdpColumns {
public:
    explicit UcdpColumns(const std::vector<std::string>& header);

    /// Converts one row; false when it was rejected (reported in `ctx`).
    bool convert(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                 RowContext& ctx, Incident& out) const;
    /// canonical field -> UCDP column(s), for IncidentFormatInfo.
    std::vector<std::pair<std::string, std::string>> describe() const;
    /// (index, name) of date_start and date_end, for DatePlanner.
    std::vector<std::pair<int, std::string>> dateColumns() const;
    int yearColumn() const { return m_year; }
    void setDates(std::vector<DateReading> dates) { m_dates = std::move(dates); }
    const std::vector<DateReading>& dates() const { return m_dates; }

private:
    int find(const char* name) const;
    std::string_view get(const std::vector<std::string>& values, int index) const;
    /// The name of column `index` (empty for -1), a reference into m_header: TimeInputs and row messages keep
    /// views of it, which a copy returned by value would leave dangling.
    const std::string& col(int index) const {
        static const std::string kNone;
        return index >= 0 ? m_header[static_cast<size_t>(index)] : kNone;
    }

    std::vector<std::string> m_header;  // lower case
    std::vector<DateReading> m_dates;
    int m_id, m_year, m_type, m_conflict, m_dyad, m_sideA, m_sideB, m_article, m_office, m_headline;
    int m_wherePrec, m_whereCoordinates, m_adm1, m_adm2, m_lat, m_lon, m_wkt, m_country, m_datePrec;
    int m_start, m_end, m_civilians, m_low, m_best, m_high;
};

}  // namespace fp::incident_io
