#include "core/io/incidents/row_geocoder.h"

namespace fp::incident_io {

bool RowGeocoder::locate(RowContext& ctx, Incident& inc, const IncidentText* text) {
    GeocodeQuery& query = ctx.geocodeQuery();
    if (!m_tried) {
        m_tried = true;
        auto gazetteer = m_options.gazetteer ? Result<std::shared_ptr<const Gazetteer>>(m_options.gazetteer)
                                             : defaultGazetteer();
        if (gazetteer)
            m_geocoder.emplace(gazetteer.value());
        else
            m_summary.gazetteerError = gazetteer.error().describe();
    }
    const GeocodeResult* result = &m_noGazetteer;
    if (m_geocoder) {
        result = &m_geocoder->geocode(query);
        m_summary.distinctQueries = m_geocoder->distinctQueries();
    } else {
        m_noGazetteer.reason = "no gazetteer to look the name up in (" + m_summary.gazetteerError + ")";
    }
    m_last = result;
    if (result->outcome == GeocodeOutcome::Matched) {
        applyGeocode(result->candidates.front(), *result, query.sourcePrecision, inc);
        ++m_summary.geocoded;
        return true;
    }
    (result->outcome == GeocodeOutcome::Ambiguous ? m_summary.ambiguous : m_summary.unmatched)++;
    ctx.warn(ErrorCode::NotFound, m_placeColumn,
             "place " + quoted(query.name) + " " + geocodeOutcomeName(result->outcome) + ": " +
                 result->reason + "; row held for geocoding review, not on the map");
    PendingGeocodeRow row{ctx.source(), ctx.row(), inc, query, *result};
    if (text) {
        row.incident.id = text->id;
        row.incident.title = text->title;
        row.incident.description = text->description;
        row.incident.category = text->category;
        row.incident.subCategory = text->subCategory;
        row.incident.placeName = text->placeName;
    }
    m_summary.pending.push_back(std::move(row));
    return false;
}

}  // namespace fp::incident_io
