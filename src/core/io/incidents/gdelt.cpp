#include "core/io/incidents/gdelt.h"

#include <array>
#include <cstdio>

namespace fp::incident_io {

namespace {

// 0-based positions in the GDELT 2.0 event table (codebook V2.0). Columns up to kActionGeoType - 2 are the
// same in GDELT 1.0; from there on 1.0 sits earlier (see Layout).
enum Column : size_t {
    kGlobalEventId = 0,
    kDay = 1,
    kActor1Name = 6,
    kActor2Name = 16,
    kEventCode = 26,
    kEventRootCode = 28,
    kGoldstein = 30,
    kNumMentions = 31,
    kNumSources = 32,
    kActionGeoType = 51,
    kActionGeoFullName = 52,
    kActionGeoCountryCode = 53,
    kActionGeoLat = 56,
    kActionGeoLong = 57,
    kDateAdded = 59,
    kSourceUrl = 60,
};

const char* columnName(size_t c) {
    switch (c) {
        case kGlobalEventId:
            return "GlobalEventID";
        case kDay:
            return "Day";
        case kActor1Name:
            return "Actor1Name";
        case kActor2Name:
            return "Actor2Name";
        case kEventCode:
            return "EventCode";
        case kEventRootCode:
            return "EventRootCode";
        case kActionGeoType:
            return "ActionGeo_Type";
        case kActionGeoFullName:
            return "ActionGeo_FullName";
        case kActionGeoCountryCode:
            return "ActionGeo_CountryCode";
        case kActionGeoLat:
            return "ActionGeo_Lat";
        case kActionGeoLong:
            return "ActionGeo_Long";
        case kDateAdded:
            return "DATEADDED";
        case kSourceUrl:
            return "SOURCEURL";
        default:
            return "";
    }
}

/// Where a row's geography and trailing columns are: 2.0 has an ADM2Code after each ADM1Code, 1.0 does not.
struct Layout {
    size_t geoType, fullName, countryCode, lat, lon, dateAdded, sourceUrl;  // sourceUrl == 0: none
};

Layout layoutFor(size_t width) {
    if (width == kGdeltColumns)
        return {kActionGeoType, kActionGeoFullName, kActionGeoCountryCode, kActionGeoLat, kActionGeoLong,
                kDateAdded,     kSourceUrl};
    // GDELT 1.0: ActionGeo_Type is column 50 (1-based), DATEADDED 57, SOURCEURL 58 (daily files only).
    return {49, 50, 51, 53, 54, 56, width == kGdelt1DailyColumns ? size_t{57} : size_t{0}};
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// The host of a URL ("https://www.example.org/a/b" -> "www.example.org"), or the text itself.
std::string hostOf(std::string_view url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const size_t begin = scheme + 3;
    const size_t end = url.find_first_of("/?#", begin);
    return std::string(url.substr(begin, end == std::string_view::npos ? url.size() - begin : end - begin));
}

}  // namespace

bool looksLikeGdeltRow(const std::vector<std::string>& fields) {
    return fields.size() > 2 && allDigits(fields[kGlobalEventId]) && fields[kDay].size() == 8 &&
           allDigits(fields[kDay]);
}

std::string cameoRootName(std::string_view code) {
    static constexpr std::array<const char*, 20> kRoots = {"Make public statement",
                                                           "Appeal",
                                                           "Express intent to cooperate",
                                                           "Consult",
                                                           "Engage in diplomatic cooperation",
                                                           "Engage in material cooperation",
                                                           "Provide aid",
                                                           "Yield",
                                                           "Investigate",
                                                           "Demand",
                                                           "Disapprove",
                                                           "Reject",
                                                           "Threaten",
                                                           "Protest",
                                                           "Exhibit force posture",
                                                           "Reduce relations",
                                                           "Coerce",
                                                           "Assault",
                                                           "Fight",
                                                           "Use unconventional mass violence"};
    const std::string_view c = trimmed(code);
    if (!allDigits(c) || c.size() > 2) return {};
    const int n = std::stoi(std::string(c));
    return n >= 1 && n <= 20 ? kRoots[static_cast<size_t>(n - 1)] : std::string();
}

bool convertGdeltRow(std::vector<std::string>& values, const std::vector<std::string>& allowedCategories,
                     RowContext& ctx, Incident& out) {
    for (size_t i = 0; i < values.size(); ++i) {
        if (isAscii(values[i])) continue;  // no column name to build
        const char* name = values.size() == kGdeltColumns || i < kActionGeoType - 2 ? columnName(i) : "";
        checkUtf8(ctx, *name ? name : "column " + std::to_string(i + 1), values[i]);
    }
    auto get = [&](size_t c) { return trimmed(values[c]); };
    const Layout at = layoutFor(values.size());

    if (!readTimes(ctx, {columnName(kDay), get(kDay), {}, {}}, out)) return false;
    const std::string_view geoType = get(at.geoType);
    // Historical GDELT 1.0 rows may say type 0 and still give a place with its coordinates.
    const bool placed = !get(at.fullName).empty() && parseDegrees(get(at.lat)) && parseDegrees(get(at.lon));
    if ((geoType.empty() || geoType == "0") && !placed) {
        return ctx.reject(ErrorCode::InvalidGeometry, columnName(kActionGeoType),
                          "the event has no ActionGeo location (ActionGeo_Type 0); row not loaded");
    }
    if (!readLonLat(ctx, columnName(kActionGeoLong), get(at.lon), columnName(kActionGeoLat), get(at.lat),
                    out.location))
        return false;
    // Country (1) and state/province (2 US, 5 world) matches are centroids of a whole region; city matches
    // (3 US, 4 world) put the event somewhere in or near the city.
    if (geoType == "1" || geoType == "2" || geoType == "5") {
        out.locationPrecision = LocationPrecision::Region;
    } else if (geoType == "3" || geoType == "4") {
        out.locationPrecision = LocationPrecision::Near;
    } else if (geoType.empty() || geoType == "0") {
        ctx.warn(ErrorCode::InvalidArgument, columnName(kActionGeoType),
                 "ActionGeo_Type is " + std::string(geoType.empty() ? "empty" : "0") + " but the place " +
                     quoted(get(at.fullName)) + " has coordinates; region precision assumed, row loaded");
        out.locationPrecision = LocationPrecision::Region;
    } else {
        ctx.warn(ErrorCode::InvalidArgument, columnName(kActionGeoType),
                 quoted(geoType) +
                     " is not a GDELT geographic type (1-5); region precision assumed, "
                     "row loaded");
        out.locationPrecision = LocationPrecision::Region;
    }

    out.id = get(kGlobalEventId);
    const std::string_view root = get(kEventRootCode);
    out.category = cameoRootName(root);
    if (out.category.empty()) {
        ctx.warn(ErrorCode::InvalidArgument, columnName(kEventRootCode),
                 quoted(root) + " is not a CAMEO root code (01-20); category 'CAMEO " + std::string(root) +
                     "' used, row loaded");
        out.category = "CAMEO " + std::string(root);
    }
    out.subCategory = get(kEventCode).empty() ? std::string() : "CAMEO " + std::string(get(kEventCode));
    for (size_t c : {kActor1Name, kActor2Name})
        if (!get(c).empty()) out.actors.emplace_back(get(c));
    out.title = out.category;
    if (!out.actors.empty()) {
        out.title += ": " + out.actors[0];
        if (out.actors.size() > 1) out.title += " / " + out.actors[1];
    }
    out.placeName = get(at.fullName);
    // FullName reads "City, Province, Country": largest last, so reverse it.
    auto parts = splitList(out.placeName, ',');
    out.adminAreas.assign(parts.rbegin(), parts.rend());
    if (out.adminAreas.empty() && !get(at.countryCode).empty())
        out.adminAreas.push_back(fipsCountryName(get(at.countryCode)));

    out.description = "CAMEO event code " + std::string(get(kEventCode)) + ", Goldstein scale " +
                      std::string(get(kGoldstein)) + ", " + std::string(get(kNumMentions)) + " mentions in " +
                      std::string(get(kNumSources)) + " sources";
    IncidentSource src;
    if (at.sourceUrl != 0) src.url = get(at.sourceUrl);
    src.text = src.url.empty() ? "GDELT" : hostOf(src.url);
    if (!get(at.dateAdded).empty()) {
        if (auto added = parseTime(get(at.dateAdded)); added) {
            src.published = added->time;
        } else {
            ctx.warn(ErrorCode::InvalidArgument, columnName(kDateAdded),
                     quoted(get(at.dateAdded)) + " is not a date; left empty, row loaded");
        }
    }
    out.sources.push_back(std::move(src));
    return checkCategory(ctx, columnName(kEventRootCode), allowedCategories, out);
}

std::vector<std::pair<std::string, std::string>> gdeltMapping() {
    // Columns from ActionGeo on sit earlier in GDELT 1.0 (no ADM2Code columns): both positions are named.
    const Layout gdelt1 = layoutFor(kGdelt1DailyColumns), gdelt2 = layoutFor(kGdeltColumns);
    auto col = [&](size_t c) {
        std::string text = std::string(columnName(c)) + " (column " + std::to_string(c + 1);
        const size_t v2[] = {gdelt2.geoType, gdelt2.fullName,  gdelt2.lat,
                             gdelt2.lon,     gdelt2.dateAdded, gdelt2.sourceUrl};
        const size_t v1[] = {gdelt1.geoType, gdelt1.fullName,  gdelt1.lat,
                             gdelt1.lon,     gdelt1.dateAdded, gdelt1.sourceUrl};
        for (size_t i = 0; i < std::size(v2); ++i)
            if (v2[i] == c) text += "; " + std::to_string(v1[i] + 1) + " in GDELT 1.0";
        return text + ")";
    };
    return {
        {"id", col(kGlobalEventId)},
        {"title", "CAMEO root name: Actor1Name / Actor2Name"},
        {"description", "EventCode, GoldsteinScale, NumMentions, NumSources"},
        {"category", col(kEventRootCode) + " as the CAMEO root name"},
        {"sub_category", col(kEventCode)},
        {"actors", col(kActor1Name) + ", " + col(kActor2Name)},
        {"start", col(kDay)},
        {"location_precision", col(kActionGeoType) + " (1, 2, 5 region; 3, 4 near)"},
        {"place", col(kActionGeoFullName)},
        {"admin_areas", col(kActionGeoFullName) + " reversed"},
        {"source", "host of SOURCEURL"},
        {"source_url", col(kSourceUrl)},
        {"source_date", col(kDateAdded)},
        {"lon", col(kActionGeoLong)},
        {"lat", col(kActionGeoLat)},
    };
}

}  // namespace fp::incident_io
