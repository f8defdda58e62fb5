// `flashpoint info`: incident sources, boundary files, failures and usage errors, as text and as JSON.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
const std::string kIncidents = kFixtures + "/incidents/";

struct InfoRun {
    int exitCode = -1;
    std::string out;  ///< stdout only
    std::string err;  ///< stderr only
};

/// Runs `flashpoint info ARGS` (already shell-quoted where needed) and keeps stdout and stderr apart.
InfoRun runInfo(const std::string& args) {
    const fs::path errFile = fs::temp_directory_path() / ("fp-info-" + std::to_string(::getpid()) + ".err");
    const std::string cmd =
        "env -u DISPLAY '" + std::string(FP_BINARY) + "' info " + args + " 2>'" + errFile.string() + "'";
    InfoRun r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(errFile);
    std::stringstream ss;
    ss << err.rdbuf();
    r.err = ss.str();
    fs::remove(errFile);
    return r;
}

bool has(const std::string& text, const std::string& fragment) {
    return text.find(fragment) != std::string::npos;
}

json parse(const InfoRun& r) {
    try {
        return json::parse(r.out);
    } catch (const json::exception& e) {
        ADD_FAILURE() << "stdout is not JSON (" << e.what() << "):\n" << r.out << "\nstderr:\n" << r.err;
        return json::object();
    }
}

TEST(InfoCli, AcledAsTextShowsFormatMappingCountRangeAndExtent) {
    InfoRun r = runInfo(kIncidents + "acled_new.csv");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "format:      acled")) << r.out;
    EXPECT_TRUE(has(r.out, "start <- event_date")) << r.out;
    EXPECT_TRUE(has(r.out, "incidents:   3 (3 rows read, 0 not loaded)")) << r.out;
    EXPECT_TRUE(has(r.out, "time range:  2022-12-01T00:00:00Z to 2023-01-01T00:00:00Z")) << r.out;
    EXPECT_TRUE(has(r.out, "extent:      20.689000, 42.891400 to 20.865600, 43.102800")) << r.out;
    EXPECT_TRUE(has(r.out, "attribution: ACLED")) << r.out;
    EXPECT_TRUE(has(r.out, "problems:    none")) << r.out;
}

TEST(InfoCli, RowProblemsAreListedEveryOneAndStillExitZero) {
    InfoRun r = runInfo(kIncidents + "bad_coords.csv");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "incidents:   1 (5 rows read, 4 not loaded)")) << r.out;
    EXPECT_TRUE(has(r.out, "problems (4):")) << r.out;
    for (const char* line :
         {"row 1: field 'lon': line 2: longitude 200.5 is outside -180..180; row not loaded",
          "row 2: field 'lat': line 3: latitude -95 is outside -90..90",
          "row 3: field 'lon': line 4: 'abc' is not a number", "row 4: field 'lon': line 5: no coordinates"})
        EXPECT_TRUE(has(r.out, line)) << line << "\n" << r.out;
}

TEST(InfoCli, GdeltAsJson) {
    InfoRun r = runInfo(kIncidents + "gdelt_20221212.export.CSV --json");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    json j = parse(r);
    EXPECT_EQ(j.value("kind", ""), "incidents");
    EXPECT_EQ(j.value("format", ""), "gdelt");
    EXPECT_EQ(j.value("count", 0), 3);
    EXPECT_EQ(j.value("rowsRead", 0), 4);
    EXPECT_EQ(j.value("rowsSkipped", 0), 1);
    EXPECT_EQ(j["timeRange"].value("begin", ""), "2022-12-09T00:00:00Z");
    EXPECT_EQ(j["timeRange"].value("end", ""), "2022-12-12T00:00:00Z");
    EXPECT_NEAR(j["extent"].value("minLon", 0.0), 20.8656, 1e-9);
    EXPECT_NEAR(j["extent"].value("maxLat", 0.0), 42.8914, 1e-9);
    ASSERT_TRUE(j["problems"].is_array());
    ASSERT_EQ(j["problems"].size(), 1u);
    EXPECT_EQ(j["problems"][0].value("row", 0), 3);
    EXPECT_EQ(j["problems"][0].value("field", ""), "ActionGeo_Type");
    EXPECT_EQ(j["problems"][0].value("code", ""), "invalid-geometry");
    EXPECT_TRUE(has(j["fieldMapping"].value("start", ""), "Day")) << j.dump();
    EXPECT_GE(j["categories"].size(), 3u);
}

TEST(InfoCli, NativeGeoJsonAsJsonNamesItsFieldMapping) {
    InfoRun r = runInfo(kIncidents + "native.geojson --json");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    json j = parse(r);
    EXPECT_EQ(j.value("format", ""), "flashpoint");
    EXPECT_EQ(j.value("driver", ""), "GeoJSON");
    EXPECT_EQ(j["fieldMapping"].value("start", ""), "start");
    EXPECT_EQ(j["fieldMapping"].value("time_precision", ""), "time_precision");
    EXPECT_TRUE(has(j["fieldMapping"].value("location", ""), "point geometry"));
    EXPECT_EQ(j.value("count", 0), 4);
}

TEST(InfoCli, BoundaryFilesAreDescribedAsVectorLayers) {
    InfoRun text = runInfo(kFixtures + "/polygons.geojson");
    ASSERT_EQ(text.exitCode, 0) << text.out << text.err;
    EXPECT_TRUE(has(text.out, "kind:        vector layers (not incidents: no date column")) << text.out;
    EXPECT_TRUE(has(text.out, "features:  3")) << text.out;
    EXPECT_TRUE(has(text.out, "crs:       WGS 84")) << text.out;

    InfoRun r = runInfo(kFixtures + "/polygons.geojson --json");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    json j = parse(r);
    EXPECT_EQ(j.value("kind", ""), "vector");
    ASSERT_EQ(j["layers"].size(), 1u);
    EXPECT_EQ(j["layers"][0].value("features", 0), 3);
    EXPECT_EQ(j["layers"][0].value("driver", ""), "GeoJSON");
    EXPECT_NE(std::find(j["layers"][0]["geometry"].begin(), j["layers"][0]["geometry"].end(), "polygon"),
              j["layers"][0]["geometry"].end());
    EXPECT_NEAR(j["layers"][0]["extent"].value("maxLat", 0.0), 43.4, 1e-9);
}

TEST(InfoCli, WholeFileFailuresExitOne) {
    struct Case {
        std::string args;
        const char* fragment;
    };
    for (const Case& c :
         {Case{kIncidents + "missing.csv", "file not found"}, Case{kIncidents + "empty.csv", "is empty"},
          Case{kFixtures + "/notes.txt", "not a vector data format"},
          Case{kFixtures + "/table_without_geometry.csv", "plain table"},
          Case{kIncidents + "native.geojson --table nowhere", "has no layer named 'nowhere'"}}) {
        InfoRun r = runInfo(c.args);
        EXPECT_EQ(r.exitCode, 1) << c.args << "\n" << r.out << r.err;
        EXPECT_TRUE(has(r.err, c.fragment)) << c.args << "\n" << r.err;
        EXPECT_TRUE(has(r.err, "flashpoint: error:")) << r.err;
    }
    InfoRun j = runInfo(kIncidents + "missing.csv --json");
    EXPECT_EQ(j.exitCode, 1);
    json parsed = parse(j);
    EXPECT_EQ(parsed["error"].value("code", ""), "not-found");
}

TEST(InfoCli, AReasonBothReadersGiveIsSaidOnce) {
    // A file without an extension that GDAL cannot read: the incident loader and the vector loader fail for
    // the same reason, said once; a text file fails each for its own reason, and both are said.
    const fs::path dir = fs::temp_directory_path() / ("fp-info-once-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string licence = (dir / "LICENSE").string();
    std::ofstream(licence) << "Copyright 2024\nPermission is hereby granted, free of charge.\n";
    InfoRun r = runInfo("'" + licence + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "flashpoint: error: " + licence + ": not a vector data format GDAL can read\n");
    fs::remove_all(dir);

    InfoRun notes = runInfo(kFixtures + "/notes.txt");
    EXPECT_EQ(notes.exitCode, 1);
    EXPECT_TRUE(has(notes.err, "no date column")) << notes.err;
    EXPECT_TRUE(has(notes.err, "flashpoint: error: as vector layers: " + kFixtures +
                                   "/notes.txt: not a vector data format GDAL can read\n"))
        << notes.err;
}

TEST(InfoCli, DateFormatsArePerColumnAndCanBeChosen) {
    InfoRun text = runInfo(kIncidents + "acled_excel_dmonyy.csv");
    ASSERT_EQ(text.exitCode, 0) << text.out << text.err;
    EXPECT_TRUE(has(text.out,
                    "dates:       event_date: dd-Mon-yy or d-Mon-yy, day first, century from the year "
                    "column, years 1999\u20132020\n"))
        << text.out;

    InfoRun chosen = runInfo(kIncidents + "month_first.csv --date-format dd/mm/yyyy --json");
    ASSERT_EQ(chosen.exitCode, 0) << chosen.out << chosen.err;
    json j = parse(chosen);
    EXPECT_EQ(j["dateFormats"].value("date", ""), "dd/mm/yyyy, as chosen, year 2023");
    EXPECT_EQ(j.value("count", 0), 1);
    ASSERT_EQ(j["problems"].size(), 1u);
    EXPECT_EQ(
        j["problems"][0].value("message", ""),
        "line 2: '12/31/2022': no such month (31); the column's dates are dd/mm/yyyy (as chosen); row not "
        "loaded");

    InfoRun bad = runInfo(kIncidents + "month_first.csv --date-format sometimes");
    EXPECT_EQ(bad.exitCode, 2) << bad.out << bad.err;
    EXPECT_TRUE(has(bad.err, "'sometimes' is not a date format")) << bad.err;
}

TEST(InfoCli, EncodingIsSaidAndCanBeChosen) {
    const fs::path path =
        fs::temp_directory_path() / ("fp-info-cp1252-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path, std::ios::binary) << "date,lon,lat,title\n2022-12-10,21.16,42.66,Zve\xE8"
                                             "an\n";
    InfoRun guessed = runInfo(path.string());
    EXPECT_EQ(guessed.exitCode, 0) << guessed.err;
    EXPECT_TRUE(has(guessed.out, "encoding:    WINDOWS-1252\n")) << guessed.out;
    EXPECT_TRUE(has(guessed.out, "is not valid UTF-8: read as Windows-1252")) << guessed.out;
    InfoRun chosen = runInfo(path.string() + " --encoding ISO-8859-2 --json");
    EXPECT_EQ(chosen.exitCode, 0) << chosen.err;
    EXPECT_EQ(parse(chosen).value("encoding", ""), "ISO-8859-2");
    InfoRun unknown = runInfo(path.string() + " --encoding KLINGON");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(has(unknown.err, "unknown encoding 'KLINGON'")) << unknown.err;
    fs::remove(path);
}

TEST(InfoCli, AnEmptyLayerIsZeroIncidents) {
    InfoRun r = runInfo(kFixtures + "/empty.geojson");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "incidents:   0 (0 rows read, 0 not loaded)")) << r.out;
    // Nothing was read to tell the CRS by: said, not left blank.
    EXPECT_TRUE(has(r.out, "\ncrs:         (unknown: nothing was read)\n")) << r.out;
}

TEST(InfoCli, UsageErrorsExitTwo) {
    for (const std::string& args : {std::string(""), "--frobnicate " + kIncidents + "native.geojson",
                                    kIncidents + "native.geojson --table a --sql 'SELECT 1'"}) {
        InfoRun r = runInfo(args);
        EXPECT_EQ(r.exitCode, 2) << "'" << args << "'\n" << r.out << r.err;
    }
    InfoRun help = runInfo("--help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(has(help.out, "--json")) << help.out;
}

TEST(InfoCli, DatabasePasswordNeverAppears) {
    InfoRun r =
        runInfo("'PG:host=127.0.0.1 port=1 dbname=ops user=analyst password=hunter2' --table incidents");
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "dbname=ops")) << r.err;
    EXPECT_FALSE(has(r.out + r.err, "hunter2")) << r.out << r.err;
    InfoRun j = runInfo("'PG:host=127.0.0.1 port=1 dbname=ops password=hunter2' --json --sql 'SELECT 1'");
    EXPECT_EQ(j.exitCode, 1);
    EXPECT_FALSE(has(j.out + j.err, "hunter2")) << j.out << j.err;
}

}  // namespace
}  // namespace fp
