// The place-label setting (shown or not, script) is saved with a project and comes back; older files without
// it keep the default.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/project/project_file.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kMinimal = R"({"format": "flashpoint-project", "version": 1)";

TEST(ProjectPlaceLabels, AbsentKeyKeepsTheDefault) {
    auto doc = parseProjectJson(kMinimal + "}", "old.json");
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    EXPECT_EQ(doc->placeLabels, PlaceLabelStyle{});
    EXPECT_TRUE(doc->placeLabels.visible);
    EXPECT_EQ(doc->placeLabels.script, PlaceLabelScript::Local);
    // Only "visible" given: the script stays local; null is the same as absent.
    doc = parseProjectJson(kMinimal + R"(, "placeLabels": {"visible": false}})", "p.json");
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    EXPECT_FALSE(doc->placeLabels.visible);
    EXPECT_EQ(doc->placeLabels.script, PlaceLabelScript::Local);
    doc = parseProjectJson(kMinimal + R"(, "placeLabels": null})", "p.json");
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    EXPECT_EQ(doc->placeLabels, PlaceLabelStyle{});
}

TEST(ProjectPlaceLabels, EveryScriptSurvivesJson) {
    for (bool visible : {true, false})
        for (PlaceLabelScript script :
             {PlaceLabelScript::Local, PlaceLabelScript::Latin, PlaceLabelScript::English}) {
            ProjectDocument doc;
            doc.placeLabels.visible = visible;
            doc.placeLabels.script = script;
            const std::string text = projectToJson(doc, "/tmp/p.json");
            const auto j = nlohmann::json::parse(text);
            EXPECT_EQ(j["placeLabels"]["script"], placeLabelScriptName(script));
            auto back = parseProjectJson(text, "/tmp/p.json");
            ASSERT_TRUE(back.ok()) << back.error().describe();
            EXPECT_EQ(back->placeLabels, doc.placeLabels) << text;
        }
}

TEST(ProjectPlaceLabels, BadValuesAreNamed) {
    auto doc = parseProjectJson(kMinimal + R"(, "placeLabels": {"script": "klingon"}})", "p.json");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().field, "placeLabels.script");
    EXPECT_NE(doc.error().message.find("'klingon' is not local, latin or english"), std::string::npos)
        << doc.error().describe();
    doc = parseProjectJson(kMinimal + R"(, "placeLabels": {"visible": "yes"}})", "p.json");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().field, "placeLabels.visible");
    doc = parseProjectJson(kMinimal + R"(, "placeLabels": "latin"})", "p.json");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().field, "placeLabels");
}

TEST(ProjectPlaceLabels, SavedFromTheMapAndLoadedIntoIt) {
    const fs::path dir = fs::temp_directory_path() / ("fp_project_places_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string file = (dir / "places.flashpoint.json").string();
    MapState state = MapState::create(MapScene{}).value();
    PlaceLabelStyle places = state.scene().placeLabels;
    places.script = PlaceLabelScript::English;
    places.visible = false;
    state.setPlaceLabels(places);
    ASSERT_TRUE(saveProject(file, state, "Places", ExportSettings{}).ok());
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_FALSE(loaded->state.scene().placeLabels.visible);
    EXPECT_EQ(loaded->state.scene().placeLabels.script, PlaceLabelScript::English);
    EXPECT_EQ(projectFromState(loaded->state, "Places", ExportSettings{}).placeLabels,
              state.scene().placeLabels);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace fp
