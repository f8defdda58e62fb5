// Incident sources with place names and no coordinates, geocoded on load with the real world gazetteer
// (geodata/places/places.fpgaz).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/proj/geodesic.h"
#include "incident_test_util.h"
#include "places_test_util.h"

namespace fp {
namespace {

const std::string kPlaceNames = test::kIncidentFixtures + "acled_placenames.csv";

double km(LonLat a, LonLat b) {
    return geodesicDistance(a, b) / 1000.0;
}

bool hasTag(const Incident& inc, const std::string& tag) {
    return std::find(inc.tags.begin(), inc.tags.end(), tag) != inc.tags.end();
}

std::string tagValue(const Incident& inc, const std::string& key) {
    for (const auto& t : inc.tags)
        if (t.rfind(key + "=", 0) == 0) return t.substr(key.size() + 1);
    return "";
}

TEST(GeocodeLoad, AcledPlaceNamesLandOnTheRightTowns) {
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(kPlaceNames, {}, report, &info);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe() << "\n" << test::describeAll(report);
    const IncidentStore& s = loaded.value();
    EXPECT_EQ(info.format, "acled");
    EXPECT_TRUE(info.geocoding.gazetteerError.empty()) << info.geocoding.gazetteerError;
    EXPECT_EQ(report.featuresRead, 11u);
    EXPECT_EQ(s.size(), 9u) << test::describeAll(report);
    EXPECT_EQ(report.featuresSkipped, 2u);
    EXPECT_EQ(info.geocoding.geocoded, 8u);
    EXPECT_EQ(info.geocoding.ambiguous, 1u);
    EXPECT_EQ(info.geocoding.unmatched, 1u);

    struct Want {
        const char* id;
        LonLat at;  // GeoNames / OpenStreetMap position of the town
        double withinKm;
        LocationPrecision precision;
    };
    const LonLat strpce{21.0272, 42.2394};
    for (const Want& w : {Want{"XKXG001", strpce, 3.0, LocationPrecision::Near},
                          Want{"XKXG002", strpce, 3.0, LocationPrecision::Near},
                          Want{"XKXG003", strpce, 3.0, LocationPrecision::Near},
                          Want{"XKXG004", strpce, 3.0, LocationPrecision::Near},
                          Want{"XKXG005", {20.8403, 42.9075}, 3.0, LocationPrecision::Exact},
                          Want{"XKXG006", {20.8660, 42.8914}, 4.0, LocationPrecision::Near},
                          Want{"XKXG007", {20.8028, 43.1039}, 3.0, LocationPrecision::Near},
                          Want{"XKXG010", {21.15, 42.37}, 35.0, LocationPrecision::Region}}) {
        const size_t i = test::findId(s, w.id);
        ASSERT_LT(i, s.size()) << w.id << "\n" << test::describeAll(report);
        const Incident inc = s.get(i);
        EXPECT_LT(km(inc.location, w.at), w.withinKm)
            << w.id << " at " << inc.location.lon << "," << inc.location.lat << " tags " << inc.tags.size();
        EXPECT_EQ(inc.locationPrecision, w.precision) << w.id;
        EXPECT_TRUE(hasTag(inc, "geocoded")) << w.id;
        EXPECT_FALSE(tagValue(inc, "geocode:id").empty()) << w.id;
        EXPECT_FALSE(tagValue(inc, "geocode:match").empty()) << w.id;
        EXPECT_FALSE(tagValue(inc, "geocode:candidates").empty()) << w.id;
    }
    // The row with coordinates keeps them and is not marked geocoded.
    const Incident given = s.get(test::findId(s, "XKXG011"));
    EXPECT_DOUBLE_EQ(given.location.lat, 42.9142);
    EXPECT_FALSE(hasTag(given, "geocoded"));

    // Held rows: listed with their candidates, never on the map, each reported with its row number.
    ASSERT_EQ(info.geocoding.pending.size(), 2u);
    const PendingGeocodeRow& ambiguous = info.geocoding.pending[0];
    EXPECT_EQ(ambiguous.row, 8);
    EXPECT_EQ(ambiguous.incident.id, "XKXG008");
    EXPECT_EQ(ambiguous.result.outcome, GeocodeOutcome::Ambiguous);
    EXPECT_GE(ambiguous.result.candidates.size(), 2u);
    const PendingGeocodeRow& unmatched = info.geocoding.pending[1];
    EXPECT_EQ(unmatched.row, 9);
    EXPECT_EQ(unmatched.result.outcome, GeocodeOutcome::Unmatched);
    EXPECT_EQ(test::findId(s, "XKXG008"), s.size());
    EXPECT_EQ(test::findId(s, "XKXG009"), s.size());
    int heldProblems = 0;
    for (const auto& p : report.problems)
        if (p.message.find("held for geocoding review") != std::string::npos) {
            ++heldProblems;
            EXPECT_TRUE(p.row == 8 || p.row == 9) << p.describe();
            EXPECT_EQ(p.field, "location");
        }
    EXPECT_EQ(heldProblems, 2);
    EXPECT_NE(info.geocoding.describe().find("8 rows geocoded"), std::string::npos)
        << info.geocoding.describe();
    // The extent only covers real places (no 0,0 from a held row).
    EXPECT_GT(s.extent().minX, 20.0);
    EXPECT_GT(s.extent().minY, 42.0);
}

/// A generic CSV: a `town` column (detected) or a custom column mapped to `place`, with country/admin1
/// columns as context.
TEST(GeocodeLoad, GenericTablesWithAPlaceColumn) {
    const auto dir = std::filesystem::temp_directory_path() / "fp_geocode_generic";
    std::filesystem::create_directories(dir);
    const std::string detected = (dir / "towns.csv").string();
    std::ofstream(detected) << "date,title,town,country,district,lon,lat\n"
                               "2023-01-02,Shots fired,Štrpce,XK,Ferizaj,,\n"
                               "2023-01-03,Roadblock,Zvečan,Kosovo,Mitrovica,,\n"
                               "2023-01-04,Given,,,,21.1,42.6\n"
                               "2023-01-05,Nowhere,,,,,\n";
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(detected, {}, report, &info);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded->size(), 3u) << test::describeAll(report);
    EXPECT_EQ(test::mapped(info, "place"), "town");
    EXPECT_EQ(test::mapped(info, "country"), "country");
    EXPECT_EQ(test::mapped(info, "admin1"), "district");
    EXPECT_EQ(info.geocoding.geocoded, 2u);
    for (size_t i = 0; i < loaded->size(); ++i) {
        const Incident inc = loaded->get(i);
        if (inc.title == "Shots fired") {
            EXPECT_LT(km(inc.location, {21.0272, 42.2394}), 3.0);
            ASSERT_EQ(inc.adminAreas.size(), 2u);
            EXPECT_EQ(inc.adminAreas[0], "XK");
        }
    }
    // The row with neither coordinates nor a place is still rejected as before, naming its row.
    bool nowhere = false;
    for (const auto& p : report.problems)
        nowhere |= p.row == 4 && p.message.find("no coordinates") != std::string::npos;
    EXPECT_TRUE(nowhere) << test::describeAll(report);

    // No coordinate columns at all, the place under a name nothing detects: mapped by the user.
    const std::string custom = (dir / "custom.csv").string();
    std::ofstream(custom) << "when,title,ort\n2023-01-02,Clash,Leposavić\n2023-01-03,Clash,Xyzzyville\n";
    LoadReport r2;
    IncidentFormatInfo i2;
    auto unmapped = loadIncidents(custom, {}, r2, &i2);
    ASSERT_FALSE(unmapped.ok());
    EXPECT_NE(unmapped.error().message.find("no place-name column"), std::string::npos);
    IncidentLoadOptions options;
    options.fieldMapping = {{"place", "ort"}};
    auto mapped = loadIncidents(custom, options, r2, &i2);
    ASSERT_TRUE(mapped.ok()) << mapped.error().describe();
    ASSERT_EQ(mapped->size(), 1u);
    EXPECT_LT(km(mapped->get(0).location, {20.8028, 43.1039}), 3.0);
    EXPECT_EQ(i2.geocoding.unmatched, 1u);
    ASSERT_EQ(i2.geocoding.pending.size(), 1u);
    EXPECT_EQ(i2.geocoding.pending[0].incident.title, "Clash");
    EXPECT_EQ(i2.geocoding.pending[0].row, 2);
}

TEST(GeocodeLoad, GeoJsonFeaturesWithoutGeometryAndAGivenGazetteer) {
    const auto dir = std::filesystem::temp_directory_path() / "fp_geocode_geojson";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "events.geojson").string();
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":null,"properties":{"start":"2023-01-02","title":"A","place":"Zvečan"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[21.1,42.6]},"properties":{"start":"2023-01-03","title":"B","place":"Gjilan"}},
 {"type":"Feature","geometry":null,"properties":{"start":"2023-01-04","title":"C","place":"Banjska"}}]})";
    IncidentLoadOptions options;
    options.gazetteer = Gazetteer::fromRecords(test::regionRecords(), "test").value();
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(path, options, report, &info);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe() << test::describeAll(report);
    ASSERT_EQ(loaded->size(), 2u) << test::describeAll(report);
    EXPECT_EQ(info.geocoding.geocoded, 1u);
    EXPECT_EQ(info.geocoding.ambiguous, 1u);  // two villages called Banjska in the test gazetteer
    ASSERT_EQ(info.geocoding.pending.size(), 1u);
    EXPECT_EQ(info.geocoding.pending[0].incident.title, "C");
    EXPECT_EQ(info.geocoding.pending[0].incident.placeName, "Banjska");
}

}  // namespace
}  // namespace fp
