#include <charconv>
#include <fstream>
#include <string_view>

#include "core/places/place_record.h"

namespace fp {

namespace {

constexpr const char* kColumns[] = {"id",          "name",          "asciiname",       "lat",
                                    "lon",         "feature_class", "feature_code",    "country",
                                    "admin1_code", "admin2_code",   "admin1_name",     "admin2_name",
                                    "population",  "source",        "alternate_names", "tagged_names"};
constexpr size_t kColumnCount = sizeof kColumns / sizeof kColumns[0];

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        const size_t end = s.find(sep, start);
        out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

template <class T>
bool parseNumber(std::string_view s, T& out) {
    if (s.empty()) return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Result<std::vector<PlaceRecord>> readPlaceTable(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path, "cannot open the place table");
    std::vector<PlaceRecord> records;
    std::string line;
    int64_t row = 0;
    auto fail = [&](const char* field, const std::string& why) {
        Error e = makeError(ErrorCode::InvalidArgument, path, why);
        e.row = row;
        e.field = field ? field : "";
        return e;
    };
    while (std::getline(in, line)) {
        ++row;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto cols = split(line, '\t');
        if (row == 1) {
            for (size_t i = 0; i < kColumnCount; ++i)
                if (cols.size() != kColumnCount || cols[i] != kColumns[i])
                    return fail(nullptr, "header must be the " + std::to_string(kColumnCount) +
                                             " columns id, name, asciiname, ... tagged_names");
            continue;
        }
        if (line.empty()) continue;
        if (cols.size() != kColumnCount)
            return fail(nullptr,
                        std::to_string(cols.size()) + " columns, expected " + std::to_string(kColumnCount));
        PlaceRecord r;
        if (!parseNumber(cols[0], r.id)) return fail("id", "not an unsigned 32-bit number");
        if (!parseNumber(cols[3], r.position.lat) || r.position.lat < -90 || r.position.lat > 90)
            return fail("lat", "not a latitude in degrees");
        if (!parseNumber(cols[4], r.position.lon) || r.position.lon < -180 || r.position.lon > 180)
            return fail("lon", "not a longitude in degrees");
        if (cols[5].size() != 1) return fail("feature_class", "must be one letter");
        r.featureClass = cols[5][0];
        r.featureCode = cols[6];
        if (cols[7].size() != 2) return fail("country", "must be a two-letter ISO 3166-1 code");
        r.countryCode = cols[7];
        r.admin1Code = cols[8];
        r.admin2Code = cols[9];
        r.admin1Name = cols[10];
        r.admin2Name = cols[11];
        if (!cols[12].empty() && !parseNumber(cols[12], r.population))
            return fail("population", "not a count");
        if (cols[13] == "geonames")
            r.source = PlaceSource::GeoNames;
        else if (cols[13] == "staged")
            r.source = PlaceSource::StagedPoint;
        else if (cols[13] == "boundary")
            r.source = PlaceSource::BoundaryLayer;
        else
            return fail("source", "must be geonames, staged or boundary");
        if (cols[1].empty()) return fail("name", "empty");
        r.names.push_back({std::string(cols[1]), "", NameKind::Primary});
        if (!cols[2].empty()) r.names.push_back({std::string(cols[2]), "", NameKind::Ascii});
        if (!cols[14].empty())
            for (std::string_view alt : split(cols[14], '|'))
                if (!alt.empty()) r.names.push_back({std::string(alt), "", NameKind::Alternate});
        if (!cols[15].empty())
            for (std::string_view tagged : split(cols[15], '|')) {
                const size_t eq = tagged.find('=');
                if (eq == 0 || eq == std::string_view::npos || eq + 1 == tagged.size())
                    return fail("tagged_names", "entries must be lang=name");
                r.names.push_back({std::string(tagged.substr(eq + 1)), std::string(tagged.substr(0, eq)),
                                   NameKind::Alternate});
            }
        records.push_back(std::move(r));
    }
    if (row == 0) return makeError(ErrorCode::EmptyLayer, path, "the place table is empty");
    return records;
}

}  // namespace fp
