#pragma once

// Internal to core/io/incidents: ACLED (Armed Conflict Location & Event Data) CSV exports, current and older
// column layouts. The mapping is documented in docs/INCIDENTS.md.

#include <string>
#include <utility>
#include <vector>

#include "core/io/incidents/date_columns.h"
#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

/// The credit ACLED's terms of use ask for.
inline constexpr const char* kAcledAttribution =
    "ACLED (Armed Conflict Location & Event Data Project), acleddata.com";

/// True when `header` is an ACLED export's: event_date, latitude and longitude (or location, for rows to
/// geocode) plus event_id_cnty or data_id (any case).
bool isAcledHeader(const std::vector<std::string>& header);

/// Column positions of one ACLED file and the conversion of its rows.
class AcledColumns {
public:
    explicit AcledColumns(const std::vector<std::string>& header);

    /// Converts one row; false when it was rejected (reported in `ctx`).
    bool convert(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                 RowContext& ctx, Incident& out) const;
    /// canonical field -> ACLED column(s), for IncidentFormatInfo.
    std::vector<std::pair<std::string, std::string>> describe() const;
    /// (index, name) of the date column (`event_date`), for DatePlanner.
    std::vector<std::pair<int, std::string>> dateColumns() const;
    /// Index of the `year` column, -1 when there is none.
    int yearColumn() const { return m_year; }
    /// How event_date is written, from DatePlanner::finish.
    void setDates(std::vector<DateReading> dates) { m_dates = std::move(dates); }
    const std::vector<DateReading>& dates() const { return m_dates; }
    /// Name of the place column ("location"), empty when there is none.
    std::string placeColumn() const {
        return m_location >= 0 ? m_header[static_cast<size_t>(m_location)] : "";
    }

private:
    /// Index of the first of `names` present in the header, -1 if none.
    int find(std::initializer_list<const char*> names) const;
    std::string_view get(const std::vector<std::string>& values, int index) const;

    std::vector<std::string> m_header;  // lower case
    std::vector<DateReading> m_dates;
    int m_id, m_date, m_timePrecision, m_eventType, m_subEventType, m_actor1, m_assoc1, m_actor2, m_assoc2;
    int m_country, m_iso, m_admin1, m_admin2, m_admin3, m_location, m_lat, m_lon, m_geoPrecision, m_source,
        m_notes, m_fatalities, m_tags, m_year, m_timestamp;
};

}  // namespace fp::incident_io
