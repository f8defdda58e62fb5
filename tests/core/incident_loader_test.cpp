// The Flashpoint schema and generic sources, through GDAL and as delimited text.
#include <gtest/gtest.h>

#include "core/io/incidents/incident_loader.h"
#include "incident_test_util.h"

namespace fp {
namespace {

using test::describeAll;
using test::findId;
using test::mapped;
using test::utc;

const std::string kDir = test::kIncidentFixtures;

/// The native fixture's content, whatever container it came in.
void expectNativeIncidents(const IncidentStore& s, double tolerance) {
    ASSERT_EQ(s.size(), 4u);
    // Sorted by start: the month-precision protest (1 Dec) first, the shooting (25 Dec) last.
    EXPECT_EQ(s.id(0), "FP-002");
    EXPECT_EQ(s.id(1), "FP-001");
    EXPECT_EQ(s.id(2), "FP-003");
    EXPECT_EQ(s.id(3), "FP-004");

    const Incident road = s.get(findId(s, "FP-003"));
    EXPECT_EQ(road.title, "Roadblock on the Jarinje crossing");
    EXPECT_EQ(road.category, "Roadblock");
    EXPECT_EQ(road.start, utc(2022, 12, 10));
    ASSERT_TRUE(road.end.has_value());
    EXPECT_EQ(coveredSpan(road.start, *road.end, road.timePrecision).end, utc(2022, 12, 30));
    EXPECT_EQ(road.timePrecision, TimePrecision::Day);
    EXPECT_EQ(road.locationPrecision, LocationPrecision::Exact);
    EXPECT_NEAR(road.location.lon, 20.7592, tolerance);
    EXPECT_NEAR(road.location.lat, 43.1436, tolerance);
    EXPECT_EQ(road.placeName, "Jarinje");
    EXPECT_EQ(road.adminAreas, (std::vector<std::string>{"Kosovo", "Mitrovica", "Leposavić"}));
    EXPECT_EQ(road.fatalities, 0);
    ASSERT_EQ(road.sources.size(), 1u);
    EXPECT_EQ(road.sources[0].text, "Koha");
    ASSERT_TRUE(road.sources[0].published.has_value());
    EXPECT_EQ(*road.sources[0].published, utc(2022, 12, 11));

    const Incident blast = s.get(findId(s, "FP-001"));
    EXPECT_EQ(blast.start, utc(2022, 12, 8, 21, 40));
    EXPECT_EQ(blast.timePrecision, TimePrecision::Exact);
    EXPECT_EQ(blast.locationPrecision, LocationPrecision::Near);
    EXPECT_EQ(blast.fatalities, -1);  // null: not reported

    const Incident protest = s.get(findId(s, "FP-002"));
    EXPECT_EQ(protest.timePrecision, TimePrecision::Month);
    EXPECT_EQ(protest.locationPrecision, LocationPrecision::Region);

    // "+01:00" in the source: stored in UTC.
    EXPECT_EQ(s.get(findId(s, "FP-004")).start, utc(2022, 12, 25, 1, 10));
    EXPECT_EQ(s.timeRange().begin, utc(2022, 12, 1));
    EXPECT_EQ(s.timeRange().end, utc(2023, 1, 1));
}

TEST(IncidentLoader, NativeGeoJson) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "native.geojson", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    expectNativeIncidents(store.value(), 1e-9);
    EXPECT_EQ(info.format, "flashpoint");
    EXPECT_EQ(info.driver, "GeoJSON");
    EXPECT_EQ(mapped(info, "start"), "start");
    EXPECT_NE(mapped(info, "location").find("point geometry"), std::string::npos);
    // A JSON array of actors is a list too.
    const Incident road = store->get(findId(store.value(), "FP-003"));
    EXPECT_EQ(road.actors, (std::vector<std::string>{"Local residents", "Kosovo Police"}));
    EXPECT_EQ(road.tags, (std::vector<std::string>{"border", "barricade"}));
    EXPECT_EQ(report.featuresRead, 4u);
    EXPECT_EQ(report.featuresLoaded, 4u);
}

TEST(IncidentLoader, NativeFlatGeobufInWebMercatorIsReprojected) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "native_3857.fgb", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    expectNativeIncidents(store.value(), 1e-7);
    EXPECT_EQ(info.driver, "FlatGeobuf");
    EXPECT_NE(info.crs.find("Pseudo-Mercator"), std::string::npos) << info.crs;
    EXPECT_EQ(store->get(findId(store.value(), "FP-003")).actors,
              (std::vector<std::string>{"Local residents", "Kosovo Police"}));
}

// WGS 84 sources are read without a transformation (recognised by the layer's CRS name and EPSG code);
// the CRS said is the one PROJ names, as for any other CRS.
TEST(IncidentLoader, WgsSourcesSayTheirCrsAndKeepTheirPositions) {
    for (const char* file : {"native.geojson", "timestamps.kml", "native_shp.shp"}) {
        LoadReport report;
        IncidentFormatInfo info;
        auto store = loadIncidents(kDir + file, {}, report, &info);
        ASSERT_TRUE(store.ok()) << file << ": " << store.error().describe();
        EXPECT_EQ(info.crs, "WGS 84") << file;
        for (size_t i = 0; i < store->size(); ++i) {
            EXPECT_GT(store->lon()[i], 19.0) << file;  // Kosovo and Serbia, not swapped or projected
            EXPECT_LT(store->lon()[i], 23.0) << file;
            EXPECT_GT(store->lat()[i], 41.0) << file;
            EXPECT_LT(store->lat()[i], 47.0) << file;
        }
    }
}

TEST(IncidentLoader, NativeShapefileWithTruncatedFieldNames) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "native_shp.shp", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    EXPECT_EQ(info.format, "flashpoint");
    EXPECT_EQ(mapped(info, "time_precision"), "time_preci");
    EXPECT_EQ(mapped(info, "location_precision"), "location_p");
    EXPECT_EQ(mapped(info, "description"), "descriptio");
    ASSERT_EQ(store->size(), 4u);
    const Incident protest = store->get(findId(store.value(), "FP-002"));
    EXPECT_EQ(protest.timePrecision, TimePrecision::Month);
    EXPECT_EQ(protest.locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(store->get(findId(store.value(), "FP-003")).adminAreas.back(), "Leposavić");
}

TEST(IncidentLoader, KmlTimeStampAndTimeSpanPlacemarks) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "timestamps.kml", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    EXPECT_EQ(mapped(info, "start"), "begin (else timestamp)");
    EXPECT_EQ(mapped(info, "title"), "Name");
    ASSERT_EQ(store->size(), 2u);
    const Incident roadblock = store->get(0);  // TimeSpan
    EXPECT_EQ(roadblock.title, "Roadblock");
    EXPECT_EQ(roadblock.start, utc(2022, 12, 10));
    ASSERT_TRUE(roadblock.end.has_value());
    EXPECT_EQ(*roadblock.end, utc(2022, 12, 29));
    const Incident protest = store->get(1);  // TimeStamp
    EXPECT_EQ(protest.start, utc(2022, 12, 10, 12, 0));
    EXPECT_EQ(protest.description, "Crowd");
}

TEST(IncidentLoader, GenericCsvWithOtherColumnNamesMultilineValuesAndDateForms) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "generic_lonlat.csv", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    EXPECT_EQ(info.format, "generic-csv");
    EXPECT_EQ(mapped(info, "start"), "Event Date");
    EXPECT_EQ(mapped(info, "title"), "Headline");
    EXPECT_EQ(mapped(info, "category"), "Type");
    EXPECT_EQ(mapped(info, "lon"), "Longitude");
    EXPECT_EQ(mapped(info, "lat"), "Latitude");
    EXPECT_EQ(mapped(info, "fatalities"), "Killed");
    EXPECT_EQ(mapped(info, "description"), "Notes");
    ASSERT_EQ(store->size(), 3u);
    const Incident first = store->get(0);
    EXPECT_EQ(first.title, "Attack on a convoy");
    EXPECT_EQ(first.description, "Convoy hit near \"the bridge\", two dead");
    EXPECT_EQ(first.fatalities, 2);
    const Incident demo = store->get(1);  // "01/03/2023" is day first: 1 March
    EXPECT_EQ(demo.start, utc(2023, 3, 1));
    EXPECT_EQ(demo.description, "Students marched.\nSecond line of the note.");
    EXPECT_EQ(demo.fatalities, -1);
    EXPECT_EQ(store->get(2).start, utc(2023, 3, 2, 8, 15));
    EXPECT_EQ(store->get(2).timePrecision, TimePrecision::Exact);
}

TEST(IncidentLoader, CsvWithWktColumnAndSemicolons) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "generic_wkt.csv", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.driver, "delimited text (';')");
    EXPECT_EQ(mapped(info, "wkt"), "geometry");
    ASSERT_EQ(store->size(), 2u);
    EXPECT_DOUBLE_EQ(store->lon()[0], 20.8);
    EXPECT_DOUBLE_EQ(store->lat()[1], 42.5);
    ASSERT_EQ(report.problems.size(), 1u) << describeAll(report);
    const Error& p = report.problems[0];
    EXPECT_EQ(p.row, 3);
    EXPECT_EQ(p.field, "geometry");
    EXPECT_NE(p.message.find("POLYGON"), std::string::npos) << p.message;
    EXPECT_NE(p.message.find("row not loaded"), std::string::npos) << p.message;
    EXPECT_EQ(report.featuresSkipped, 1u);
}

TEST(IncidentLoader, ExplicitFieldMappingOverridesDetection) {
    LoadReport report;
    IncidentFormatInfo info;
    IncidentLoadOptions options;
    options.fieldMapping = {{"title", "Type"}, {"category", "Headline"}, {"description", ""}};
    auto store = loadIncidents(kDir + "generic_lonlat.csv", options, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(store->get(0).title, "Attack");
    EXPECT_EQ(store->get(0).category, "Attack on a convoy");
    EXPECT_EQ(store->get(0).description, "");
    EXPECT_EQ(mapped(info, "description"), "");

    options.fieldMapping = {{"start", "no such column"}};
    auto bad = loadIncidents(kDir + "generic_lonlat.csv", options, report, &info);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(bad.error().message.find("no such column"), std::string::npos);
    options.fieldMapping = {{"colour", "Type"}};
    EXPECT_FALSE(loadIncidents(kDir + "generic_lonlat.csv", options, report).ok());
}

TEST(IncidentLoader, CategoryListRejectsOtherCategoriesRowByRow) {
    LoadReport report;
    IncidentLoadOptions options;
    options.categories = {"attack", "Protest"};
    auto store = loadIncidents(kDir + "generic_lonlat.csv", options, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(store->size(), 2u);
    ASSERT_EQ(report.problems.size(), 1u) << describeAll(report);
    EXPECT_EQ(report.problems[0].row, 3);
    EXPECT_EQ(report.problems[0].field, "Type");
    EXPECT_NE(report.problems[0].message.find("'Arson'"), std::string::npos);
}

TEST(IncidentLoader, SqlQueryOnAFile) {
    LoadReport report;
    IncidentFormatInfo info;
    IncidentLoadOptions options;
    options.sql = "SELECT * FROM native WHERE category = 'Protest'";
    auto store = loadIncidents(kDir + "native.geojson", options, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(store->size(), 1u);
    EXPECT_EQ(info.layer, "(SQL query)");
    options.sql = "SELECT * FROM nowhere";
    auto bad = loadIncidents(kDir + "native.geojson", options, report, &info);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("SQL"), std::string::npos);
}

TEST(IncidentLoader, BoundaryFilesAreNotIncidentSources) {
    LoadReport report;
    IncidentFormatInfo info;
    auto r = loadIncidents(std::string(FP_FIXTURES_DIR) + "/polygons.geojson", {}, report, &info);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::UnsupportedFormat);
    EXPECT_NE(r.error().message.find("not an incident source"), std::string::npos) << r.error().describe();
    EXPECT_TRUE(info.format.empty());
    auto table = loadIncidents(std::string(FP_FIXTURES_DIR) + "/table_without_geometry.csv", {}, report);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().code, ErrorCode::UnsupportedFormat);
}

TEST(IncidentLoader, CanonicalFieldsAndNames) {
    auto fields = canonicalIncidentFields();
    ASSERT_GE(fields.size(), 18u);
    EXPECT_EQ(fields.front(), "id");
    EXPECT_NE(std::find(fields.begin(), fields.end(), "location_precision"), fields.end());
    EXPECT_EQ(incidentSourceName(kDir + "native.geojson", {}), "native");
    IncidentLoadOptions table;
    table.table = "events";
    EXPECT_EQ(incidentSourceName("PG:dbname=x password=y", table), "events");
}

}  // namespace
}  // namespace fp
