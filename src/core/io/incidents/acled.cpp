#include "core/io/incidents/acled.h"

#include <algorithm>

namespace fp::incident_io {

namespace {

bool contains(const std::vector<std::string>& lowerHeader, const char* name) {
    return std::find(lowerHeader.begin(), lowerHeader.end(), name) != lowerHeader.end();
}

std::vector<std::string> lowered(const std::vector<std::string>& header) {
    std::vector<std::string> out;
    for (const auto& h : header) out.push_back(lowerAscii(trimmed(h)));
    return out;
}

}  // namespace

bool isAcledHeader(const std::vector<std::string>& header) {
    const auto h = lowered(header);
    const bool located = (contains(h, "latitude") && contains(h, "longitude")) || contains(h, "location");
    return contains(h, "event_date") && located && (contains(h, "event_id_cnty") || contains(h, "data_id"));
}

AcledColumns::AcledColumns(const std::vector<std::string>& header) : m_header(lowered(header)) {
    m_id = find({"event_id_cnty", "data_id", "event_id_no_cnty"});
    m_date = find({"event_date"});
    m_timePrecision = find({"time_precision"});
    m_eventType = find({"event_type"});
    m_subEventType = find({"sub_event_type"});
    m_actor1 = find({"actor1"});
    m_assoc1 = find({"assoc_actor_1", "ally_actor_1"});
    m_actor2 = find({"actor2"});
    m_assoc2 = find({"assoc_actor_2", "ally_actor_2"});
    m_country = find({"country"});
    m_iso = find({"iso"});
    m_admin1 = find({"admin1"});
    m_admin2 = find({"admin2"});
    m_admin3 = find({"admin3"});
    m_location = find({"location"});
    m_lat = find({"latitude"});
    m_lon = find({"longitude"});
    m_geoPrecision = find({"geo_precision"});
    m_source = find({"source"});
    m_notes = find({"notes"});
    m_fatalities = find({"fatalities"});
    m_tags = find({"tags"});
    m_year = find({"year"});
    m_timestamp = find({"timestamp"});
}

std::vector<std::pair<int, std::string>> AcledColumns::dateColumns() const {
    if (m_date < 0) return {};
    return {{m_date, m_header[static_cast<size_t>(m_date)]}};
}

int AcledColumns::find(std::initializer_list<const char*> names) const {
    for (const char* n : names) {
        auto it = std::find(m_header.begin(), m_header.end(), n);
        if (it != m_header.end()) return static_cast<int>(it - m_header.begin());
    }
    return -1;
}

std::string_view AcledColumns::get(const std::vector<std::string>& values, int index) const {
    if (index < 0 || static_cast<size_t>(index) >= values.size()) return {};
    const std::string_view v = trimmed(values[static_cast<size_t>(index)]);
    return isMissingMarker(v) ? std::string_view() : v;  // R writes "NA" for a missing value
}

bool AcledColumns::convert(std::vector<std::string>& values,
                           const std::vector<std::string>& allowedCategories, RowContext& ctx,
                           Incident& out) const {
    for (size_t i = 0; i < values.size() && i < m_header.size(); ++i) checkUtf8(ctx, m_header[i], values[i]);
    // Views into m_header: the names must outlive the row (TimeInputs and messages keep them as views).
    auto col = [&](int index) -> std::string_view {
        return index >= 0 ? std::string_view(m_header[static_cast<size_t>(index)]) : std::string_view();
    };

    TimeInputs times{col(m_date), get(values, m_date), {}, {}};
    times.startReading = findDateReading(m_dates, m_date);
    times.yearText = get(values, m_year);
    if (!readTimes(ctx, times, out)) return false;
    const std::string_view tp = get(values, m_timePrecision);
    if (tp == "2") {
        applyTimePrecision(ctx, col(m_timePrecision), TimePrecision::Week, out);
    } else if (tp == "3") {
        applyTimePrecision(ctx, col(m_timePrecision), TimePrecision::Month, out);
    } else if (!tp.empty() && tp != "1") {
        ctx.warn(ErrorCode::InvalidArgument, col(m_timePrecision),
                 quoted(tp) + " is not an ACLED time precision (1, 2 or 3); 3 (month) assumed, row loaded");
        applyTimePrecision(ctx, col(m_timePrecision), TimePrecision::Month, out);
    }
    const bool geocodable =
        get(values, m_lon).empty() && get(values, m_lat).empty() && !get(values, m_location).empty();
    if (!geocodable &&
        !readLonLat(ctx, col(m_lon), get(values, m_lon), col(m_lat), get(values, m_lat), out.location))
        return false;
    out.locationPrecision = readLocationPrecision(ctx, col(m_geoPrecision), get(values, m_geoPrecision));
    if (geocodable) {
        // No coordinates but a place name: the reader geocodes it in the row's country and admin areas.
        GeocodeQuery query;
        query.name = get(values, m_location);
        query.country = get(values, m_country).empty() ? get(values, m_iso) : get(values, m_country);
        for (int c : {m_admin1, m_admin2, m_admin3})
            if (!get(values, c).empty()) query.admin.emplace_back(get(values, c));
        if (!get(values, m_geoPrecision).empty()) query.sourcePrecision = out.locationPrecision;
        ctx.requestGeocode(std::move(query));
    }

    out.id = get(values, m_id);
    out.category = get(values, m_eventType);
    out.subCategory = get(values, m_subEventType);
    out.placeName = get(values, m_location);
    out.description = get(values, m_notes);
    const std::string_view what = out.subCategory.empty() ? std::string_view(out.category) : out.subCategory;
    out.title = std::string(what);
    if (!out.placeName.empty()) out.title += (out.title.empty() ? "" : " in ") + out.placeName;
    for (int c : {m_actor1, m_assoc1, m_actor2, m_assoc2})
        for (auto& a : splitList(get(values, c))) out.actors.push_back(std::move(a));
    for (int c : {m_country, m_admin1, m_admin2, m_admin3})
        if (!get(values, c).empty()) out.adminAreas.emplace_back(get(values, c));
    out.fatalities = readCount(ctx, col(m_fatalities), get(values, m_fatalities));
    for (auto& s : splitList(get(values, m_source))) out.sources.push_back({std::move(s), {}, std::nullopt});
    out.tags = splitList(get(values, m_tags));
    // `timestamp` is when ACLED last changed the row (Unix seconds), not the event: kept as a tag, which is
    // what telling changed rows between two exports needs.
    if (const std::string_view changed = get(values, m_timestamp); !changed.empty()) {
        DateHints unix;
        unix.numbers = DateHints::Numbers::UnixSeconds;
        if (auto t = parseTime(changed, unix); t)
            out.tags.push_back("updated=" + formatIso(t->time));
        else
            ctx.warn(ErrorCode::InvalidArgument, col(m_timestamp),
                     quoted(changed) + " is not a Unix time; left out, row loaded");
    }
    return checkCategory(ctx, col(m_eventType), allowedCategories, out);
}

std::vector<std::pair<std::string, std::string>> AcledColumns::describe() const {
    auto col = [&](int index) { return index >= 0 ? m_header[static_cast<size_t>(index)] : std::string(); };
    auto join = [&](std::initializer_list<int> cols, const char* sep) {
        std::string out;
        for (int c : cols)
            if (c >= 0) out += (out.empty() ? "" : sep) + col(c);
        return out;
    };
    std::vector<std::pair<std::string, std::string>> out = {
        {"id", col(m_id)},
        {"title", join({m_subEventType, m_location}, " in ")},
        {"description", col(m_notes)},
        {"category", col(m_eventType)},
        {"sub_category", col(m_subEventType)},
        {"actors", join({m_actor1, m_assoc1, m_actor2, m_assoc2}, ", ")},
        {"start", col(m_date)},
        {"time_precision", m_timePrecision >= 0 ? col(m_timePrecision) + " (1 day, 2 week, 3 month)" : ""},
        {"location_precision", col(m_geoPrecision)},
        {"place", col(m_location)},
        {"admin_areas", join({m_country, m_admin1, m_admin2, m_admin3}, ", ")},
        {"fatalities", col(m_fatalities)},
        {"source", col(m_source)},
        {"tags", m_timestamp >= 0
                     ? join({m_tags}, "") + (m_tags >= 0 ? ", " : "") + "updated=" + col(m_timestamp)
                     : col(m_tags)},
        {"lon", col(m_lon)},
        {"lat", col(m_lat)},
    };
    std::erase_if(out, [](const auto& p) { return p.second.empty(); });
    return out;
}

}  // namespace fp::incident_io
