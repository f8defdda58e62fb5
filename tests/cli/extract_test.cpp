// `flashpoint extract`: the whole JSON, the summary, messages and exit codes, and the files -o writes.
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace fp::test {
namespace {

using nlohmann::json;

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

const char* kArticle =
    "ZVECAN, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.\n\n"
    "A senior EU envoy is set to visit Pristina next week.\n";

TEST_F(CliFixture, ExtractJsonHasExactlyTheDocumentedFields) {
    write(path("a.txt"), kArticle);
    const CliRun r = run("extract '" + path("a.txt") + "' --published 2023-01-08 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(r.out);  // keeps the printed key order
    ASSERT_EQ(j.size(), 2u);
    ASSERT_EQ(j["incidents"].size(), 2u);
    const auto& road = j["incidents"][0];
    std::vector<std::string> keys;
    for (auto it = road.begin(); it != road.end(); ++it) keys.push_back(it.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"title", "category", "place", "lat", "lon", "locationPrecision",
                                              "start", "end", "timePrecision", "sentence", "confidence"}));
    EXPECT_EQ(road["title"], "Barricades near Zubin Potok");
    EXPECT_EQ(road["category"], "Roadblock / Protest");
    EXPECT_EQ(road["place"], "Zubin Potok");
    EXPECT_NEAR(road["lat"].get<double>(), 42.9144, 1e-3);
    EXPECT_NEAR(road["lon"].get<double>(), 20.6897, 1e-3);
    EXPECT_EQ(road["locationPrecision"], 2);
    EXPECT_EQ(road["start"], "2023-01-07");
    EXPECT_EQ(road["end"], "2023-01-07");
    EXPECT_EQ(road["timePrecision"], "day");
    EXPECT_EQ(road["sentence"],
              "ZVECAN, Kosovo — Serbs set up barricades near Zubin Potok on Saturday, police said.");
    EXPECT_GT(road["confidence"].get<double>(), 0.0);
    const auto& visit = j["incidents"][1];
    EXPECT_EQ(visit["title"], "Planned diplomatic visit to Pristina");
    EXPECT_EQ(visit["start"], "2023-01-09");
    EXPECT_EQ(visit["end"], "2023-01-15");
    EXPECT_EQ(visit["timePrecision"], "week");
    EXPECT_TRUE(j["unresolved"].is_array());
}

TEST_F(CliFixture, ExtractSummaryListsIncidentsAndWhatStayedUnresolved) {
    write(path("a.txt"), std::string(kArticle) + "NATO troops deployed in Kosovo in 1999.\n");
    const CliRun r = run("extract '" + path("a.txt") + "' --published 2023-01-08");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind(path("a.txt") + " (published 2023-01-08): 2 incidents proposed, 1 unresolved\n", 0),
              0u)
        << r.out;
    EXPECT_TRUE(
        has(r.out,
            " 1. Barricades near Zubin Potok [Roadblock / Protest]\n    2023-01-07 (day); Zubin Potok "
            "(near, 42.91444, 20.68972); confidence "))
        << r.out;
    EXPECT_TRUE(
        has(r.out, "Unresolved:\n  - 'deployed' is background: dated 1999-01-01, long before publication\n"))
        << r.out;
}

TEST_F(CliFixture, ExtractReadsStandardInputAndReportsNoIncidentWithExitZero) {
    write(path("calm.txt"), "The weather in Pristina was mild on Sunday.\n");
    const CliRun r = run("extract - --published 2023-01-08 --json < '" + path("calm.txt") + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "{\n  \"incidents\": [],\n  \"unresolved\": []\n}\n");
}

TEST_F(CliFixture, ExtractReducesHtmlWithoutItsScripts) {
    write(path("p.html"),
          "<html><head><script>var s = 'Shots were fired in Leposavic on Monday';</script></head><body>"
          "<p>Police arrested two men in Zvecan, Kosovo, on Dec.&nbsp;10.</p></body></html>");
    const CliRun r = run("extract '" + path("p.html") + "' --published 2022-12-11 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["incidents"].size(), 1u) << r.out;
    EXPECT_EQ(j["incidents"][0]["title"], "Arrest in Zvečan");
    EXPECT_EQ(j["incidents"][0]["sentence"], "Police arrested two men in Zvecan, Kosovo, on Dec. 10.");
}

TEST_F(CliFixture, ExtractRefusesEmptyBinaryMissingAndFolderInputsWithExitOne) {
    write(path("empty.txt"), "");
    write(path("blob.bin"), std::string("\x7f"
                                        "ELF\0\0\0\x01",
                                        8));
    const struct {
        std::string input, message;
    } cases[] = {
        {path("empty.txt"), path("empty.txt") + ": is empty: there is no text to code incidents from"},
        {path("blob.bin"),
         path("blob.bin") +
             ": is a binary file (it holds NUL bytes), not text; give a .txt, .md or .html article"},
        {path("missing.txt"), path("missing.txt") + ": does not exist"},
        {m_dir.string(), m_dir.string() + ": is a folder, not a text file"},
    };
    for (const auto& c : cases) {
        const CliRun r = run("extract '" + c.input + "' --published 2023-01-08 --json");
        EXPECT_EQ(r.exitCode, 1) << c.input;
        EXPECT_EQ(r.out, "") << c.input;
        EXPECT_EQ(r.err, "flashpoint extract: error: " + c.message + "\n");
    }
}

TEST_F(CliFixture, ExtractBadFlagsExitTwo) {
    write(path("a.txt"), kArticle);
    const CliRun date = run("extract '" + path("a.txt") + "' --published 08.01.2023");
    EXPECT_EQ(date.exitCode, 2);
    EXPECT_EQ(
        date.err,
        "flashpoint extract: error: --published '08.01.2023' is not a date YYYY-MM-DD (e.g. 2023-01-08)\n");
    const CliRun none = run("extract '" + path("a.txt") + "'");
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_TRUE(has(none.err, "--published is required")) << none.err;
    const CliRun out =
        run("extract '" + path("a.txt") + "' --published 2023-01-08 -o '" + path("o.shp") + "'");
    EXPECT_EQ(out.exitCode, 2);
    EXPECT_EQ(out.err, "flashpoint extract: error: --output '" + path("o.shp") +
                           "': give a .gpkg, .csv or .geojson file name\n");
    EXPECT_FALSE(std::filesystem::exists(path("o.shp")));
}

TEST_F(CliFixture, ExtractWritesIncidentsThatInfoAndRenderLoad) {
    write(path("a.txt"), kArticle);
    for (const char* ext : {"gpkg", "csv", "geojson"}) {
        const std::string out = path(std::string("coded.") + ext);
        const CliRun r = run("extract '" + path("a.txt") + "' --published 2023-01-08 -o '" + out + "'");
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(has(r.out, "wrote 2 incidents to " + out + "\n")) << r.out;
        const CliRun info = run("info '" + out + "' --json");
        ASSERT_EQ(info.exitCode, 0) << info.err;
        const json j = json::parse(info.out);
        EXPECT_EQ(j["format"], "flashpoint") << ext << info.out;
        EXPECT_EQ(j["count"], 2) << ext << info.out;
    }
    const CliRun render = run("render --incidents '" + path("coded.gpkg") + "' --at 2023-01-07 -o '" +
                              path("map.png") + "' --size 320x240");
    EXPECT_EQ(render.exitCode, 0) << render.err;
    EXPECT_TRUE(std::filesystem::exists(path("map.png")));
}

TEST_F(CliFixture, ExtractOutputFolderMissingIsExitOneAndNothingWritten) {
    write(path("a.txt"), kArticle);
    const std::string out = path("no/such/folder/x.gpkg");
    const CliRun r = run("extract '" + path("a.txt") + "' --published 2023-01-08 -o '" + out + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "flashpoint extract: error: ")) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace fp::test
