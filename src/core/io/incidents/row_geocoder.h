#pragma once

// Internal to core/io/incidents: locating rows that name a place but carry no coordinates.

#include <memory>
#include <optional>

#include "core/geocode/geocode_review.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_row.h"

namespace fp::incident_io {

/// Geocodes the rows a converter marked (RowContext::requestGeocode) with the gazetteer of the load options,
/// or the default one, loaded on the first such row only. Results go to `summary`; each held row is also a
/// problem in the load report naming row, column and why.
class RowGeocoder {
public:
    RowGeocoder(const IncidentLoadOptions& options, GeocodeSummary& summary, std::string placeColumn)
        : m_options(options), m_summary(summary), m_placeColumn(std::move(placeColumn)) {}

    /// Locates `inc` (true: append it) or holds it for review (false: count it as not loaded). `text`, when
    /// given, holds the row's text fields as views (copied into a held incident).
    bool locate(RowContext& ctx, Incident& inc, const IncidentText* text);

    void setPlaceColumn(std::string column) { m_placeColumn = std::move(column); }
    /// The result of the last locate() call (valid until the next one); null before the first.
    const GeocodeResult* lastResult() const { return m_last; }

private:
    const IncidentLoadOptions& m_options;
    GeocodeSummary& m_summary;
    std::string m_placeColumn;
    std::optional<IncidentGeocoder> m_geocoder;
    GeocodeResult m_noGazetteer;
    const GeocodeResult* m_last = nullptr;
    bool m_tried = false;
};

}  // namespace fp::incident_io
