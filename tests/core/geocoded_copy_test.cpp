// Writing a copy of an incident source with the coordinates geocoding found
// (core/io/incidents/geocoded_copy.h), read back with GDAL, with the real world gazetteer
// (geodata/places/places.fpgaz).
#include "core/io/incidents/geocoded_copy.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/io/gdal_env.h"
#include "incident_test_util.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kPlaceNames = test::kIncidentFixtures + "acled_placenames.csv";

/// A table read back with GDAL: column names and each row's values (and point, if any).
struct Table {
    std::vector<std::string> columns;
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::optional<LonLat>> points;
    int epsg = 0;
    std::string error;

    const std::string& at(size_t row, const std::string& column) const { return rows.at(row).at(column); }
};

Table readWithGdal(const std::string& path) {
    initGdal();
    Table t;
    const char* csvOptions[] = {"AUTODETECT_TYPE=NO", "KEEP_SOURCE_COLUMNS=NO", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, nullptr, csvOptions, nullptr));
    if (!ds || ds->GetLayerCount() != 1) {
        t.error = "GDAL cannot open " + path;
        return t;
    }
    OGRLayer* layer = ds->GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        t.columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    if (const OGRSpatialReference* srs = layer->GetSpatialRef())
        if (const char* code = srs->GetAuthorityCode(nullptr)) t.epsg = std::atoi(code);
    for (auto& f : *layer) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row[t.columns[static_cast<size_t>(i)]] =
                f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : std::string();
        t.rows.push_back(std::move(row));
        const OGRGeometry* g = f->GetGeometryRef();
        if (g && wkbFlatten(g->getGeometryType()) == wkbPoint)
            t.points.push_back(LonLat{g->toPoint()->getX(), g->toPoint()->getY()});
        else
            t.points.push_back(std::nullopt);
    }
    return t;
}

class GeocodedCopy : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp-geocoded-copy-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    std::vector<std::string> files() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(m_dir)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

    /// The choice that places held row `row` of the fixture at its first candidate.
    static GeocodeChoice candidateChoice(int64_t row) {
        LoadReport report;
        IncidentFormatInfo info;
        EXPECT_TRUE(loadIncidents(kPlaceNames, {}, report, &info).ok());
        for (const auto& p : info.geocoding.pending)
            if (p.row == row) return choiceForCandidate(p, 0);
        ADD_FAILURE() << "row " << row << " is not held";
        return {};
    }

    fs::path m_dir;
};

void expectNear(const Table& t, size_t row, LonLat want, double tol, const std::string& lonCol,
                const std::string& latCol) {
    SCOPED_TRACE("row " + std::to_string(row + 1));
    EXPECT_NEAR(std::stod(t.at(row, lonCol)), want.lon, tol);
    EXPECT_NEAR(std::stod(t.at(row, latCol)), want.lat, tol);
}

TEST_F(GeocodedCopy, CsvKeepsEveryRowAndColumnAndAddsWhereEachRowIs) {
    GeocodedCopyRequest req;
    req.source = kPlaceNames;
    req.output = path("out.csv");
    const GeocodeChoice sremska = candidateChoice(8);  // "Mitrovica" without context: ambiguous
    req.choices = {sremska};
    auto written = writeGeocodedCopy(req);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    const GeocodedCopySummary& s = written.value();
    EXPECT_EQ(s.rows, 11u);
    EXPECT_EQ(s.original, 1u);
    EXPECT_EQ(s.geocoded, 8u);
    EXPECT_EQ(s.byChoice, 1u);
    EXPECT_EQ(s.ambiguous, 0u);
    EXPECT_EQ(s.unmatched, 1u);
    EXPECT_EQ(s.describe(),
              "11 rows: 1 with their own coordinates, 8 geocoded, 1 resolved by choices, 0 ambiguous and 1 "
              "unmatched left without coordinates");

    const Table in = readWithGdal(kPlaceNames);
    const Table out = readWithGdal(req.output);
    ASSERT_TRUE(out.error.empty()) << out.error;
    ASSERT_EQ(out.rows.size(), in.rows.size());
    // The source's columns first, in order; ACLED's own latitude/longitude/geo_precision hold the positions.
    ASSERT_GE(out.columns.size(), in.columns.size() + 2);
    for (size_t c = 0; c < in.columns.size(); ++c) EXPECT_EQ(out.columns[c], in.columns[c]);
    EXPECT_EQ(out.columns[in.columns.size()], "geocode_status");
    EXPECT_EQ(out.columns[in.columns.size() + 1], "geocode_match");
    for (size_t r = 0; r < in.rows.size(); ++r) {
        const bool located =
            out.at(r, "geocode_status") == "matched" || out.at(r, "geocode_status").rfind("user_", 0) == 0;
        for (const auto& c : in.columns) {
            if (located && (c == "latitude" || c == "longitude" || c == "geo_precision")) continue;
            EXPECT_EQ(out.at(r, c), in.at(r, c)) << "row " << r + 1 << " column " << c;
        }
    }
    const LonLat strpce{21.0272, 42.2394};
    for (size_t r : {0u, 1u, 2u, 3u}) {
        EXPECT_EQ(out.at(r, "geocode_status"), "matched");
        expectNear(out, r, strpce, 0.03, "longitude", "latitude");
        EXPECT_EQ(out.at(r, "geo_precision"), "2");
        EXPECT_NE(out.at(r, "geocode_match").find("Štrpce"), std::string::npos) << out.at(r, "geocode_match");
    }
    EXPECT_EQ(out.at(4, "geo_precision"), "1");  // the source said exact; a town match keeps it
    EXPECT_EQ(out.at(7, "geocode_status"), "user_candidate");
    expectNear(out, 7, sremska.position, 1e-5, "longitude", "latitude");
    EXPECT_NE(out.at(7, "geocode_match").find(sremska.placeName), std::string::npos);
    EXPECT_EQ(out.at(8, "geocode_status"), "unmatched");
    EXPECT_EQ(out.at(8, "latitude"), "");
    EXPECT_EQ(out.at(8, "longitude"), "");
    EXPECT_NE(out.at(8, "geocode_match"), "");
    EXPECT_EQ(out.at(9, "geo_precision"), "3");  // "Ferizaj District": an admin area
    EXPECT_EQ(out.at(10, "geocode_status"), "original");
    EXPECT_EQ(out.at(10, "latitude"), "42.9142");
    EXPECT_EQ(out.at(10, "longitude"), "20.6890");
}

TEST_F(GeocodedCopy, UndecidedRowsKeepEmptyCoordinatesAndSayWhy) {
    GeocodedCopyRequest req;
    req.source = kPlaceNames;
    req.output = path("out.csv");
    auto written = writeGeocodedCopy(req);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    EXPECT_EQ(written.value().ambiguous, 1u);
    EXPECT_EQ(written.value().unmatched, 1u);
    const Table out = readWithGdal(req.output);
    ASSERT_EQ(out.rows.size(), 11u);
    EXPECT_EQ(out.at(7, "geocode_status"), "ambiguous");
    EXPECT_EQ(out.at(7, "latitude"), "");
    EXPECT_EQ(out.at(7, "longitude"), "");
    EXPECT_EQ(out.at(7, "geo_precision"), "");
    EXPECT_EQ(out.at(8, "geocode_status"), "unmatched");
}

TEST_F(GeocodedCopy, GeoPackageHasPointsInWgs84AndNullGeometryForHeldRows) {
    GeocodedCopyRequest req;
    req.source = kPlaceNames;
    req.output = path("out.gpkg");
    // Row 9 ("Xyzzyville") has no candidates: a map point is the only way to place it.
    LoadReport report;
    IncidentFormatInfo info;
    ASSERT_TRUE(loadIncidents(kPlaceNames, {}, report, &info).ok());
    GeocodeChoice mapPoint;
    for (const auto& p : info.geocoding.pending)
        if (p.row == 9) mapPoint = choiceForMapPoint(p, {20.5, 42.5});
    GeocodeChoice skip8;
    for (const auto& p : info.geocoding.pending)
        if (p.row == 8) {
            skip8 = choiceForMapPoint(p, {0, 0});
            skip8.kind = GeocodeChoice::Kind::Skip;
        }
    req.choices = {skip8, mapPoint};
    auto written = writeGeocodedCopy(req);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    EXPECT_EQ(written.value().skipped, 1u);
    EXPECT_EQ(written.value().byChoice, 1u);

    const Table in = readWithGdal(kPlaceNames);
    const Table out = readWithGdal(req.output);
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(out.epsg, 4326);
    ASSERT_EQ(out.rows.size(), 11u);
    for (size_t r = 0; r < 11; ++r)
        for (const auto& c : {"event_id_cnty", "event_date", "location", "notes", "admin1"})
            EXPECT_EQ(out.at(r, c), in.at(r, c));
    for (size_t r : {0u, 1u, 2u, 3u}) {
        ASSERT_TRUE(out.points[r].has_value()) << r;
        EXPECT_NEAR(out.points[r]->lat, 42.24, 0.03);
        EXPECT_NEAR(out.points[r]->lon, 21.03, 0.03);
    }
    EXPECT_FALSE(out.points[7].has_value());
    EXPECT_EQ(out.at(7, "geocode_status"), "skipped");
    ASSERT_TRUE(out.points[8].has_value());
    EXPECT_NEAR(out.points[8]->lon, 20.5, 1e-9);
    EXPECT_EQ(out.at(8, "geocode_status"), "user_map");
    ASSERT_TRUE(out.points[10].has_value());
    EXPECT_NEAR(out.points[10]->lat, 42.9142, 1e-9);
    EXPECT_EQ(out.at(10, "geocode_status"), "original");
}

TEST_F(GeocodedCopy, CyrillicNamesCommasQuotesAndLineBreaksSurviveAndTheCopyLoadsWithoutGeocoding) {
    const std::string src = path("named.csv");
    std::ofstream(src) << "date,location,notes,country\n"
                          "2023-01-05,Штрпце,\"Protest, with a comma\",XK\n"
                          "2023-01-06,Zvečan,\"He said \"\"no\"\"\",Kosovo\n"
                          "2023-01-07,Лепосавић,\"two\nlines\",\n"
                          "2023-01-08,Xyzzyville,plain,XK\n";
    GeocodedCopyRequest req;
    req.source = src;
    req.output = path("named-geocoded.csv");
    auto written = writeGeocodedCopy(req);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    EXPECT_EQ(written.value().geocoded, 3u);
    EXPECT_EQ(written.value().unmatched, 1u);

    const Table in = readWithGdal(src);
    const Table out = readWithGdal(req.output);
    ASSERT_EQ(out.rows.size(), 4u);
    EXPECT_EQ(out.columns,
              (std::vector<std::string>{"date", "location", "notes", "country", "lon", "lat",
                                        "location_precision", "geocode_status", "geocode_match"}));
    for (size_t r = 0; r < 4; ++r)
        for (const auto& c : in.columns) EXPECT_EQ(out.at(r, c), in.at(r, c));
    EXPECT_EQ(out.at(0, "location"), "Штрпце");
    EXPECT_EQ(out.at(0, "notes"), "Protest, with a comma");
    EXPECT_EQ(out.at(1, "notes"), "He said \"no\"");
    EXPECT_EQ(out.at(2, "notes"), "two\nlines");
    expectNear(out, 0, {21.03, 42.24}, 0.03, "lon", "lat");
    EXPECT_EQ(out.at(0, "location_precision"), "near");
    EXPECT_EQ(out.at(3, "lon"), "");
    EXPECT_EQ(out.at(3, "location_precision"), "");

    // Loaded again, the located rows come from their coordinates: nothing is geocoded, only the unmatched
    // row is looked up (and held) again.
    LoadReport report;
    IncidentFormatInfo info;
    auto again = loadIncidents(req.output, {}, report, &info);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_EQ(again.value().size(), 3u);
    EXPECT_EQ(info.geocoding.geocoded, 0u);
    EXPECT_EQ(info.geocoding.unmatched, 1u);
    for (size_t k = 0; k < again.value().size(); ++k)
        EXPECT_EQ(again.value().locationPrecision()[k], static_cast<uint8_t>(LocationPrecision::Near));
}

TEST_F(GeocodedCopy, AGeoJsonSourceKeepsItsOwnPointsAndGainsTheGeocodedOnes) {
    const std::string src = path("events.geojson");
    std::ofstream(src) << R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [20.689, 42.9142]},
  "properties": {"date": "2023-02-01", "place": "Zubin Potok", "note": "own point, kept"}},
 {"type": "Feature", "geometry": null,
  "properties": {"date": "2023-02-02", "place": "Штрпце", "note": "Cyrillic, with, commas"}},
 {"type": "Feature", "geometry": null,
  "properties": {"date": "2023-02-03", "place": "Xyzzyville", "country": "XK", "note": "nobody knows"}},
 {"type": "Feature", "geometry": null,
  "properties": {"date": "not a date", "place": "Zvečan", "note": "rejected by the loader"}}]})";
    for (const char* name : {"events.csv", "events.gpkg"}) {
        SCOPED_TRACE(name);
        GeocodedCopyRequest req;
        req.source = src;
        req.output = path(name);
        auto written = writeGeocodedCopy(req);
        ASSERT_TRUE(written.ok()) << written.error().describe();
        EXPECT_EQ(written.value().original, 1u);
        EXPECT_EQ(written.value().geocoded, 1u);
        EXPECT_EQ(written.value().unmatched, 1u);
        EXPECT_EQ(written.value().notLoaded, 1u);
        const Table out = readWithGdal(req.output);
        ASSERT_EQ(out.rows.size(), 4u);
        const std::vector<std::string> statuses = {"original", "matched", "unmatched", "not_loaded"};
        for (size_t r = 0; r < 4; ++r) EXPECT_EQ(out.at(r, "geocode_status"), statuses[r]);
        EXPECT_EQ(out.at(1, "place"), "Штрпце");
        EXPECT_EQ(out.at(1, "note"), "Cyrillic, with, commas");
        EXPECT_EQ(out.at(3, "date"), "not a date");
        if (std::string(name) == "events.csv") {
            expectNear(out, 0, {20.689, 42.9142}, 1e-6, "lon", "lat");  // the feature's own point
            expectNear(out, 1, {21.03, 42.24}, 0.03, "lon", "lat");
            EXPECT_EQ(out.at(2, "lon"), "");
            EXPECT_EQ(out.at(3, "lon"), "");
        } else {
            ASSERT_TRUE(out.points[0] && out.points[1]);
            EXPECT_NEAR(out.points[0]->lon, 20.689, 1e-9);
            EXPECT_NEAR(out.points[1]->lat, 42.24, 0.03);
            EXPECT_FALSE(out.points[2]);
            EXPECT_FALSE(out.points[3]);
        }
    }
}

TEST_F(GeocodedCopy, RefusesToReplaceAFileOrTheSourceWithoutPermission) {
    const std::string existing = path("out.csv");
    std::ofstream(existing) << "keep me\n";
    GeocodedCopyRequest req;
    req.source = kPlaceNames;
    req.output = existing;
    auto refused = writeGeocodedCopy(req);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().describe().find(existing), std::string::npos);
    EXPECT_NE(refused.error().message.find("already exists"), std::string::npos);
    std::ifstream keep(existing);
    std::string line;
    std::getline(keep, line);
    EXPECT_EQ(line, "keep me");
    req.replaceExisting = true;
    ASSERT_TRUE(writeGeocodedCopy(req).ok());
    EXPECT_EQ(readWithGdal(existing).rows.size(), 11u);

    // The source itself: refused even with replaceExisting, written with both permissions.
    const std::string src = path("source.csv");
    fs::copy_file(kPlaceNames, src);
    req.source = src;
    req.output = (m_dir / "." / "source.csv").string();  // another spelling of the same file
    auto onSource = writeGeocodedCopy(req);
    ASSERT_FALSE(onSource.ok());
    EXPECT_NE(onSource.error().message.find("is the source itself"), std::string::npos);
    EXPECT_EQ(fs::file_size(src), fs::file_size(kPlaceNames));
    req.allowSourceOverwrite = true;
    auto overwritten = writeGeocodedCopy(req);
    ASSERT_TRUE(overwritten.ok()) << overwritten.error().describe();
    EXPECT_EQ(readWithGdal(src).rows.size(), 11u);
    EXPECT_EQ(readWithGdal(src).at(0, "geocode_status"), "matched");
}

TEST_F(GeocodedCopy, BadRequestsNameTheFile) {
    GeocodedCopyRequest req;
    req.source = kPlaceNames;
    req.output = path("out.xlsx");
    auto bad = writeGeocodedCopy(req);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().describe().find("out.xlsx"), std::string::npos);
    EXPECT_NE(bad.error().message.find(".csv or .gpkg"), std::string::npos);

    req.output = path("missing/out.csv");
    bad = writeGeocodedCopy(req);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().describe().find("does not exist"), std::string::npos);

    req.source = path("gone.csv");
    req.output = path("out.gpkg");
    bad = writeGeocodedCopy(req);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::NotFound);
    EXPECT_NE(bad.error().describe().find("gone.csv"), std::string::npos);
    EXPECT_TRUE(files().empty());

    req.source = "PG:dbname=x password=secret";
    bad = writeGeocodedCopy(req);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().describe().find("secret"), std::string::npos);
}

TEST_F(GeocodedCopy, ASourceChangedSinceLoadingIsRefusedAndLeavesNoTemporaryFile) {
    for (const char* name : {"out.gpkg", "out.csv"}) {
        SCOPED_TRACE(name);
        GeocodedCopyRequest req;
        req.source = kPlaceNames;
        req.output = path(name);
        req.expectedRows = 12;  // 11 rows were read: one more than now
        auto refused = writeGeocodedCopy(req);
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().message.find("changed since it was loaded"), std::string::npos);
        EXPECT_TRUE(files().empty()) << files().front();

        req.expectedRows = 11;
        GeocodeChoice stale = candidateChoice(8);
        stale.name = "Mitrovica (as it was)";
        req.choices = {stale};
        req.requireChoicesMatch = true;
        refused = writeGeocodedCopy(req);
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().message.find("no longer match"), std::string::npos);
        EXPECT_TRUE(files().empty()) << files().front();

        req.requireChoicesMatch = false;
        auto written = writeGeocodedCopy(req);
        ASSERT_TRUE(written.ok()) << written.error().describe();
        EXPECT_EQ(written.value().staleChoices, 1u);
        EXPECT_EQ(files(), std::vector<std::string>{name});
        fs::remove(path(name));
    }
}

TEST_F(GeocodedCopy, WritingOverItsSourceAgainAfterMoreReviewUpdatesTheSameColumns) {
    const std::string src = path("acled.csv");
    fs::copy_file(kPlaceNames, src);
    GeocodedCopyRequest req;
    req.source = src;
    req.output = src;
    req.replaceExisting = req.allowSourceOverwrite = true;
    ASSERT_TRUE(writeGeocodedCopy(req).ok());
    const Table first = readWithGdal(src);

    // Later the ambiguous row is resolved (keyed by the same file, row and name) and the copy saved again.
    LoadReport report;
    IncidentFormatInfo info;
    ASSERT_TRUE(loadIncidents(src, {}, report, &info).ok());
    ASSERT_EQ(info.geocoding.geocoded, 0u);  // the first write placed them
    const PendingGeocodeRow* row8 = nullptr;
    for (const auto& p : info.geocoding.pending)
        if (p.row == 8) row8 = &p;
    ASSERT_NE(row8, nullptr);
    req.choices = {choiceForMapPoint(*row8, {20.87, 42.89})};
    auto again = writeGeocodedCopy(req);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_EQ(again.value().original, 9u);
    EXPECT_EQ(again.value().byChoice, 1u);
    const Table second = readWithGdal(src);
    EXPECT_EQ(second.columns, first.columns);  // no geocode_status_2
    ASSERT_EQ(second.rows.size(), 11u);
    EXPECT_EQ(second.at(0, "geocode_status"), "matched");  // as the first copy found it
    EXPECT_EQ(second.at(0, "geocode_match"), first.at(0, "geocode_match"));
    EXPECT_EQ(second.at(10, "geocode_status"), "original");
    EXPECT_EQ(second.at(7, "geocode_status"), "user_map");
    EXPECT_EQ(second.at(7, "latitude"), "42.89");
    EXPECT_EQ(second.at(8, "geocode_status"), "unmatched");
}

TEST(GeocodedCopyPath, DefaultsNextToTheSource) {
    EXPECT_EQ(defaultGeocodedCopyPath("/data/acled.csv", "gpkg"), "/data/acled-geocoded.gpkg");
    EXPECT_EQ(defaultGeocodedCopyPath("/data/acled.csv", ".csv"), "/data/acled-geocoded.csv");
}

}  // namespace
}  // namespace fp
