// `flashpoint geocode-file`: a copy of an incident source with coordinates for its place names.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_harness.h"
#include "core/project/project_file.h"

namespace fp {
namespace {

const std::string kPlaceNames = std::string(FP_FIXTURES_DIR) + "/incidents/acled_placenames.csv";

using GeocodeFile = test::CliFixture;

using test::has;

/// Data lines of a CSV written by geocode-file (no value in the fixture spans lines).
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(line);
    }
    return out;
}

TEST_F(GeocodeFile, WritesACsvCopyWithAProjectsChoicesAndPrintsASummary) {
    const std::string project = path("p.flashpoint.json");
    std::ofstream(project) << R"({"format": "flashpoint-project", "version": 1, "geocodeChoices": [
        {"source": ")" << kPlaceNames
                           << R"(", "row": 8, "name": "Mitrovica", "kind": "map", "lon": 20.87, "lat": 42.89,
         "precision": 2}]})";
    const std::string out = path("briefing.csv");
    const test::CliRun r =
        run("geocode-file '" + kPlaceNames + "' -o '" + out + "' --project '" + project + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(
        has(r.out,
            "11 rows: 1 with their own coordinates, 8 geocoded, 1 resolved by choices, 0 ambiguous and "
            "1 unmatched left without coordinates"))
        << r.out;
    EXPECT_TRUE(has(r.out, out)) << r.out;
    const auto rows = lines(test::slurp(out));
    ASSERT_EQ(rows.size(), 12u);
    EXPECT_TRUE(has(rows[0], "event_id_cnty,event_date,")) << rows[0];
    EXPECT_TRUE(has(rows[0], ",geocode_status,geocode_match")) << rows[0];
    EXPECT_TRUE(has(rows[1], "XKXG001,2022-12-10,")) << rows[1];
    EXPECT_TRUE(has(rows[1], ",matched,")) << rows[1];
    EXPECT_TRUE(has(rows[8], ",42.89,20.87,2,")) << rows[8];  // latitude, longitude, geo_precision
    EXPECT_TRUE(has(rows[8], ",user_map,")) << rows[8];
    EXPECT_TRUE(has(rows[9], ",,,,Unknown,")) << rows[9];  // no coordinates invented
    EXPECT_TRUE(has(rows[9], ",unmatched,")) << rows[9];
}

TEST_F(GeocodeFile, AppliesTheChoiceAProjectSavedByTheAppHolds) {
    // As in the GUI: load the source, pick Sremska Mitrovica for the ambiguous row 8, save the project (it
    // stores the choice with a path relative to the project file).
    std::filesystem::create_directories(path("data"));
    const std::string input = path("data/acled.csv");
    std::filesystem::copy_file(kPlaceNames, input);
    auto state = MapState::create(MapScene{});
    ASSERT_TRUE(state.ok());
    auto layer = state.value().addIncidents(input);
    ASSERT_TRUE(layer.ok()) << layer.error().describe();
    const auto& reviews = state.value().geocodeReviews().layers();
    ASSERT_EQ(reviews.size(), 1u);
    const PendingGeocodeRow* row8 = nullptr;
    for (const auto& p : reviews[0].summary.pending)
        if (p.row == 8) row8 = &p;
    ASSERT_NE(row8, nullptr);
    size_t sremska = row8->result.candidates.size();
    for (size_t i = 0; i < row8->result.candidates.size(); ++i)
        if (row8->result.candidates[i].name == "Sremska Mitrovica") sremska = i;
    ASSERT_LT(sremska, row8->result.candidates.size());
    const GeocodeChoice choice = choiceForCandidate(*row8, sremska);
    ASSERT_TRUE(state.value().resolveGeocode(layer.value(), choice).ok());
    const std::string project = path("briefing.flashpoint.json");
    ASSERT_TRUE(saveProject(project, state.value(), "briefing", {}).ok());
    EXPECT_TRUE(has(test::slurp(project), "\"data/acled.csv\"")) << test::slurp(project);

    const std::string out = path("out.csv");
    const test::CliRun r = run("geocode-file '" + input + "' -o '" + out + "' --project '" + project + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "1 resolved by choices, 0 ambiguous and 1 unmatched")) << r.out;
    const auto rows = lines(test::slurp(out));
    ASSERT_EQ(rows.size(), 12u);
    EXPECT_TRUE(has(rows[8], ",user_candidate,Sremska Mitrovica")) << rows[8];
    EXPECT_TRUE(has(rows[8], ",44.97")) << rows[8];  // Sremska Mitrovica lies at 44.98 N
}

TEST_F(GeocodeFile, ReadsTheSourceAsTheProjectOrMapSays) {
    // "ort" is no place-name column the loader knows: only a field mapping makes the rows geocodable.
    const std::string input = path("orte.csv");
    std::ofstream(input) << "datum,ort,note\n2023-03-01,Zvečan,\"a, b\"\n2023-03-02,Штрпце,c\n";
    const test::CliRun plain = run("geocode-file '" + input + "' -o '" + path("a.csv") + "'");
    EXPECT_EQ(plain.exitCode, 1);
    EXPECT_TRUE(has(plain.err, "orte.csv")) << plain.err;
    EXPECT_FALSE(std::filesystem::exists(path("a.csv")));

    const test::CliRun mapped =
        run("geocode-file '" + input + "' -o '" + path("b.csv") + "' --map start=datum --map place=ort");
    ASSERT_EQ(mapped.exitCode, 0) << mapped.err;
    EXPECT_TRUE(has(mapped.out, "2 rows: 2 geocoded")) << mapped.out;

    const std::string project = path("p.flashpoint.json");
    std::ofstream(project) << R"({"format": "flashpoint-project", "version": 1, "incidents": [
        {"source": "orte.csv", "fieldMapping": {"start": "datum", "place": "ort"}}]})";
    const test::CliRun fromProject =
        run("geocode-file '" + input + "' -o '" + path("c.csv") + "' --project '" + project + "'");
    ASSERT_EQ(fromProject.exitCode, 0) << fromProject.err;
    EXPECT_EQ(test::slurp(path("c.csv")), test::slurp(path("b.csv")));
    const auto rows = lines(test::slurp(path("c.csv")));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], "datum,ort,note,lon,lat,location_precision,geocode_status,geocode_match");
    EXPECT_TRUE(has(rows[1], "2023-03-01,Zvečan,\"a, b\",20.8")) << rows[1];
    EXPECT_TRUE(has(rows[2], "2023-03-02,Штрпце,c,21.0")) << rows[2];
}

TEST_F(GeocodeFile, NeedsForceToReplaceAFileOrTheInputItself) {
    const std::string out = path("out.gpkg");
    ASSERT_EQ(run("geocode-file '" + kPlaceNames + "' -o '" + out + "'").exitCode, 0);
    const auto firstSize = std::filesystem::file_size(out);
    const test::CliRun again = run("geocode-file '" + kPlaceNames + "' -o '" + out + "'");
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(has(again.err, out + ": already exists")) << again.err;
    EXPECT_TRUE(has(again.err, "--force")) << again.err;
    const test::CliRun forced = run("geocode-file '" + kPlaceNames + "' -o '" + out + "' --force");
    EXPECT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_EQ(std::filesystem::file_size(out), firstSize);

    const std::string input = path("input.csv");
    std::filesystem::copy_file(kPlaceNames, input);
    const test::CliRun onInput = run("geocode-file '" + input + "' -o '" + input + "'");
    EXPECT_EQ(onInput.exitCode, 1);
    EXPECT_TRUE(has(onInput.err, "is the source itself")) << onInput.err;
    EXPECT_EQ(test::slurp(input), test::slurp(kPlaceNames));
    const test::CliRun forcedInput = run("geocode-file '" + input + "' -o '" + input + "' --force");
    EXPECT_EQ(forcedInput.exitCode, 0) << forcedInput.err;
    EXPECT_TRUE(has(test::slurp(input), ",geocode_status,geocode_match"));
}

TEST_F(GeocodeFile, BadExtensionMissingInputAndBadMapFail) {
    const test::CliRun ext = run("geocode-file '" + kPlaceNames + "' -o '" + path("out.shp") + "'");
    EXPECT_EQ(ext.exitCode, 1);
    EXPECT_TRUE(has(ext.err, "out.shp: unknown extension '.shp'")) << ext.err;

    const test::CliRun missing = run("geocode-file '" + path("nope.csv") + "' -o '" + path("out.csv") + "'");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(has(missing.err, "nope.csv: file not found")) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(path("out.csv")));

    const test::CliRun map =
        run("geocode-file '" + kPlaceNames + "' -o '" + path("out.csv") + "' --map town");
    EXPECT_EQ(map.exitCode, 2);
    EXPECT_TRUE(has(map.err, "--map 'town' is not FIELD=COLUMN")) << map.err;
    const test::CliRun field =
        run("geocode-file '" + kPlaceNames + "' -o '" + path("out.csv") + "' --map village=location");
    EXPECT_EQ(field.exitCode, 2);
    EXPECT_TRUE(has(field.err, "'village' is not an incident field")) << field.err;

    EXPECT_EQ(run("geocode-file '" + kPlaceNames + "'").exitCode, 2);  // no -o
}

TEST_F(GeocodeFile, TheCopyLoadsWithoutGeocoding) {
    const std::string out = path("copy.csv");
    ASSERT_EQ(run("geocode-file '" + kPlaceNames + "' -o '" + out + "'").exitCode, 0);
    const test::CliRun info = run("info '" + out + "'");
    ASSERT_EQ(info.exitCode, 0) << info.err;
    EXPECT_TRUE(has(info.out, "incidents:   9 (11 rows read, 2 not loaded)")) << info.out;
    EXPECT_TRUE(has(info.out, "geocoding:   0 geocoded, 1 ambiguous, 1 unmatched")) << info.out;
}

}  // namespace
}  // namespace fp
