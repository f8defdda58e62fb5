#include "core/io/incidents/ucdp.h"

#include <algorithm>

#include "core/io/incidents/field_mapping.h"

namespace fp::incident_io {

namespace {

std::vector<std::string> lowered(const std::vector<std::string>& header) {
    std::vector<std::string> out;
    for (const auto& h : header) out.push_back(lowerAscii(trimmed(h)));
    return out;
}

bool has(const std::vector<std::string>& h, const char* name) {
    return std::find(h.begin(), h.end(), name) != h.end();
}

/// UCDP date_prec: 1 the day, 2 a range of 2-6 days (date_start..date_end), 3 the week, 4 the month (or a
/// range of 8-30 days), 5 the year (or a longer range).
std::optional<TimePrecision> datePrecision(std::string_view code) {
    if (code == "1" || code == "2") return TimePrecision::Day;
    if (code == "3") return TimePrecision::Week;
    if (code == "4") return TimePrecision::Month;
    if (code == "5") return TimePrecision::Year;
    return std::nullopt;
}

/// UCDP where_prec: 1 the exact place, 2 within 25 km of it, 3 a second-order admin area, 4 a first-order
/// one, 5 a linear feature or region, 6 the country, 7 international waters or airspace.
std::optional<LocationPrecision> wherePrecision(std::string_view code) {
    if (code == "1") return LocationPrecision::Exact;
    if (code == "2") return LocationPrecision::Near;
    if (code.size() == 1 && code[0] >= '3' && code[0] <= '7') return LocationPrecision::Region;
    return std::nullopt;
}

}  // namespace

bool isUcdpHeader(const std::vector<std::string>& header) {
    const auto h = lowered(header);
    const bool located = (has(h, "latitude") && has(h, "longitude")) || has(h, "geom_wkt");
    return has(h, "date_start") && has(h, "best") && (has(h, "type_of_violence") || has(h, "where_prec")) &&
           located;
}

std::string ucdpViolenceName(std::string_view code) {
    if (code == "1") return "State-based conflict";
    if (code == "2") return "Non-state conflict";
    if (code == "3") return "One-sided violence";
    return {};
}

UcdpColumns::UcdpColumns(const std::vector<std::string>& header) : m_header(lowered(header)) {
    m_id = find("id");
    m_year = find("year");
    m_type = find("type_of_violence");
    m_conflict = find("conflict_name");
    m_dyad = find("dyad_name");
    m_sideA = find("side_a");
    m_sideB = find("side_b");
    m_article = find("source_article");
    m_office = find("source_office");
    m_headline = find("source_headline");
    m_wherePrec = find("where_prec");
    m_whereCoordinates = find("where_coordinates");
    m_adm1 = find("adm_1");
    m_adm2 = find("adm_2");
    m_lat = find("latitude");
    m_lon = find("longitude");
    m_wkt = find("geom_wkt");
    m_country = find("country");
    m_datePrec = find("date_prec");
    m_start = find("date_start");
    m_end = find("date_end");
    m_civilians = find("deaths_civilians");
    m_low = find("low");
    m_best = find("best");
    m_high = find("high");
}

int UcdpColumns::find(const char* name) const {
    auto it = std::find(m_header.begin(), m_header.end(), name);
    return it == m_header.end() ? -1 : static_cast<int>(it - m_header.begin());
}

std::string_view UcdpColumns::get(const std::vector<std::string>& values, int index) const {
    if (index < 0 || static_cast<size_t>(index) >= values.size()) return {};
    const std::string_view v = trimmed(values[static_cast<size_t>(index)]);
    return isMissingMarker(v) ? std::string_view() : v;
}

std::vector<std::pair<int, std::string>> UcdpColumns::dateColumns() const {
    std::vector<std::pair<int, std::string>> out;
    for (int c : {m_start, m_end})
        if (c >= 0) out.emplace_back(c, col(c));
    return out;
}

bool UcdpColumns::convert(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                          RowContext& ctx, Incident& out) const {
    for (size_t i = 0; i < values.size() && i < m_header.size(); ++i) checkUtf8(ctx, m_header[i], values[i]);
    TimeInputs times{col(m_start), get(values, m_start), col(m_end), get(values, m_end)};
    times.startReading = findDateReading(m_dates, m_start);
    times.endReading = findDateReading(m_dates, m_end);
    times.yearText = get(values, m_year);
    if (!readTimes(ctx, times, out)) return false;
    if (out.end && *out.end == out.start) out.end.reset();
    if (const std::string_view p = get(values, m_datePrec); !p.empty()) {
        if (auto precision = datePrecision(p))
            applyTimePrecision(ctx, col(m_datePrec), *precision, out);
        else
            ctx.warn(ErrorCode::InvalidArgument, col(m_datePrec),
                     quoted(p) + " is not a UCDP date precision (1-5); the dates' own used, row loaded");
    }

    if (!get(values, m_lon).empty() || !get(values, m_lat).empty() || m_wkt < 0) {
        if (!readLonLat(ctx, col(m_lon), get(values, m_lon), col(m_lat), get(values, m_lat), out.location))
            return false;
    } else if (!readWktPoint(ctx, col(m_wkt), get(values, m_wkt), out.location)) {
        return false;
    }
    out.locationPrecision = LocationPrecision::Exact;
    if (const std::string_view p = get(values, m_wherePrec); !p.empty()) {
        if (auto precision = wherePrecision(p)) {
            out.locationPrecision = *precision;
        } else {
            ctx.warn(ErrorCode::InvalidArgument, col(m_wherePrec),
                     quoted(p) + " is not a UCDP location precision (1-7); region assumed, row loaded");
            out.locationPrecision = LocationPrecision::Region;
        }
    }

    out.id = get(values, m_id);
    const std::string_view type = get(values, m_type);
    out.category = ucdpViolenceName(type);
    if (out.category.empty() && !type.empty()) {
        ctx.warn(ErrorCode::InvalidArgument, col(m_type),
                 quoted(type) + " is not a UCDP type of violence (1-3); kept as the category, row loaded");
        out.category = std::string(type);
    }
    out.subCategory = get(values, m_conflict);
    out.title = get(values, m_dyad).empty() ? out.subCategory : std::string(get(values, m_dyad));
    out.placeName = get(values, m_whereCoordinates);
    for (int c : {m_sideA, m_sideB})
        if (!get(values, c).empty()) out.actors.emplace_back(get(values, c));
    for (int c : {m_country, m_adm1, m_adm2})
        if (!get(values, c).empty()) out.adminAreas.emplace_back(get(values, c));
    out.fatalities = readCount(ctx, col(m_best), get(values, m_best));
    out.description = std::string(get(values, m_headline));
    if (!get(values, m_low).empty() || !get(values, m_high).empty()) {
        out.description += std::string(out.description.empty() ? "" : "\n") + "Deaths: best " +
                           std::string(get(values, m_best)) + ", low " + std::string(get(values, m_low)) +
                           ", high " + std::string(get(values, m_high));
        if (!get(values, m_civilians).empty())
            out.description += ", civilians " + std::string(get(values, m_civilians));
    }
    for (auto& s : splitList(get(values, m_article))) out.sources.push_back({std::move(s), {}, std::nullopt});
    if (out.sources.empty() && !get(values, m_office).empty())
        out.sources.push_back({std::string(get(values, m_office)), {}, std::nullopt});
    return checkCategory(ctx, col(m_type), allowedCategories, out);
}

std::vector<std::pair<std::string, std::string>> UcdpColumns::describe() const {
    std::vector<std::pair<std::string, std::string>> out = {
        {"id", col(m_id)},
        {"title", col(m_dyad)},
        {"description", col(m_headline) + (m_best >= 0 ? " and best/low/high deaths" : "")},
        {"category", m_type >= 0 ? col(m_type) + " (1 state-based, 2 non-state, 3 one-sided)" : ""},
        {"sub_category", col(m_conflict)},
        {"actors", col(m_sideA) + (m_sideB >= 0 ? ", " + col(m_sideB) : "")},
        {"start", col(m_start)},
        {"end", col(m_end)},
        {"time_precision", m_datePrec >= 0 ? col(m_datePrec) + " (1-2 day, 3 week, 4 month, 5 year)" : ""},
        {"location_precision", m_wherePrec >= 0 ? col(m_wherePrec) + " (1 exact, 2 near, 3-7 region)" : ""},
        {"place", col(m_whereCoordinates)},
        {"admin_areas",
         col(m_country) + (m_adm1 >= 0 ? ", " + col(m_adm1) : "") + (m_adm2 >= 0 ? ", " + col(m_adm2) : "")},
        {"fatalities", col(m_best)},
        {"source", col(m_article)},
        {"lon", m_lon >= 0 ? col(m_lon) : ""},
        {"lat", m_lat >= 0 ? col(m_lat) : ""},
        {"wkt", m_wkt >= 0 ? col(m_wkt) + (m_lon >= 0 ? " (when latitude/longitude are empty)" : "") : ""},
    };
    std::erase_if(out, [](const auto& p) { return p.second.empty(); });
    return out;
}

}  // namespace fp::incident_io
