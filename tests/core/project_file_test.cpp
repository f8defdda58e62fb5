#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/project/default_scene.h"
#include "core/project/project_file.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;

/// A fresh folder under the temp dir, removed at the end of the test.
class ProjectFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("fp_project_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path(name), std::ios::binary) << text;
        return path(name);
    }
    fs::path m_dir;
};

/// A state with a styled vector layer and a remapped incident source, in LAEA Europe, at a set time.
MapState richState() {
    auto loaded = MapState::create(MapScene{}).value();
    EXPECT_TRUE(loaded.addLayers(kFixtures + "/polygons.geojson").ok());
    IncidentLoadOptions options;
    options.fieldMapping = {{"start", "reported"},
                            {"lon", "pos_e"},
                            {"lat", "pos_n"},
                            {"title", "what"},
                            {"category", "kind_of_event"}};
    EXPECT_TRUE(loaded.addIncidents(kFixtures + "/incidents/unmapped_columns.csv", options).ok());
    // Names and attributions as a project file gives them: the scene the state starts from.
    MapScene scene = loaded.scene();
    LayerStyle& style = scene.layers[0].style;
    style.fill = Color{0.1f, 0.2f, 0.3f, 0.4f};  // not a whole number of bytes: written as numbers
    style.outlineWidthPx = 2.5f;
    style.labelField = "name";
    style.labelUppercase = true;
    style.visible = false;
    scene.layers[0].name = "Areas of interest";
    scene.layers[0].attribution = "Test fixture";
    IncidentLayer& incidents = scene.incidentLayers[0];
    incidents.style.hiddenCategories = {"Protest"};
    incidents.style.markerScale = 1.5f;
    incidents.attribution = "Field notes";
    auto state = MapState::create(std::move(scene)).value();
    EXPECT_TRUE(state.setCrs("EPSG:3035").ok());
    state.resize(1000, 700, 1.f);
    state.frame(GeoBBox::fromCorners(20.0, 42.0, 22.0, 43.5));
    TimeState time;
    time.window = {WindowMode::Moving, 7 * kSecondsPerDay, 0};
    time.cursor = fromCivil({2023, 5, 28, 12, 0, 0});
    time.fadeByAge = true;
    state.setTime(time);
    state.setPlayback({TimeStep{StepUnit::Hour, 6}, 3600.0 * 12, true});
    return state;
}

ExportSettings richExport() {
    ExportSettings e;
    e.widthPx = 3508;
    e.heightPx = 2480;
    e.dpi = 300;
    e.format = ImageFormat::Jpeg;
    e.jpegQuality = 75;
    e.furniture.titleText = "Zvečan, May 2023";
    e.furniture.banner = true;
    e.furniture.bannerText = "UNCLASSIFIED";
    e.furniture.inset = false;
    e.fps = 8;
    return e;
}

TEST_F(ProjectFileTest, GeoPdfExportFormatIsSavedAndLoaded) {
    ExportSettings e = richExport();
    e.format = ImageFormat::GeoPdf;
    const std::string file = path("pdf.flashpoint.json");
    ASSERT_TRUE(saveProject(file, richState(), "PDF", e).ok());
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("\"format\": \"geopdf\""), std::string::npos) << text;
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(loaded->exportSettings.format, ImageFormat::GeoPdf);
}

TEST_F(ProjectFileTest, SaveThenLoadGivesTheSameState) {
    MapState state = richState();
    const std::string file = path("briefing.flashpoint.json");
    ASSERT_TRUE(saveProject(file, state, "Zvečan", richExport()).ok());

    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(loaded->name, "Zvečan");
    EXPECT_EQ(loaded->exportSettings, richExport());
    EXPECT_TRUE(loaded->skipped.empty());
    fitProjectView(loaded->state, loaded->view, 1000, 700, 1.f);

    // The documents compare every saved field; the view only up to rounding through lon/lat.
    ProjectDocument before = projectFromState(state, "Zvečan", richExport());
    ProjectDocument after = projectFromState(loaded->state, loaded->name, loaded->exportSettings);
    EXPECT_NEAR(after.view.center.lon, before.view.center.lon, 1e-7);  // about 1 cm
    EXPECT_NEAR(after.view.center.lat, before.view.center.lat, 1e-7);
    EXPECT_NEAR(after.view.unitsPerPixel, before.view.unitsPerPixel, 1e-7 * before.view.unitsPerPixel);
    after.view = before.view;
    // Sources are compared as files (saved relative, loaded back as paths beside the project).
    for (auto* doc : {&before, &after}) {
        for (auto& l : doc->layers) l.source = fs::weakly_canonical(l.source).string();
        for (auto& i : doc->incidents) i.source = fs::weakly_canonical(i.source).string();
    }
    EXPECT_EQ(after, before);
    // What the scene shows follows from it.
    EXPECT_EQ(loaded->state.scene().crs.authorityCode(), "EPSG:3035");
    EXPECT_EQ(loaded->state.scene().timeWindow(), state.scene().timeWindow());
    EXPECT_TRUE(loaded->state.scene().time.fadeByAge);
    ASSERT_EQ(loaded->state.scene().incidentLayers.size(), 1u);
    EXPECT_EQ(loaded->state.scene().incidentLayers[0].data->size(),
              state.scene().incidentLayers[0].data->size());

    // Saving the loaded project again writes the same text.
    const std::string again = path("again.flashpoint.json");
    ASSERT_TRUE(saveProject(again, loaded->state, loaded->name, loaded->exportSettings).ok());
    auto reread = loadProject(again, MissingSourcePolicy::Fail);
    ASSERT_TRUE(reread.ok()) << reread.error().describe();
    EXPECT_EQ(reread->state.scene().layers[0].style, state.scene().layers[0].style);
}

TEST_F(ProjectFileTest, DocumentSurvivesJsonExactly) {
    ProjectDocument doc = projectFromState(richState(), "Round trip", richExport());
    doc.layers[0].style.labelHalo = Color{1.f, 1.f, 1.f, 0.85f};
    doc.time.window = {WindowMode::Moving, 0, 3};
    const std::string file = path("p.json");
    auto parsed = parseProjectJson(projectToJson(doc, file), file);
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    for (auto& l : doc.layers) l.source = fs::weakly_canonical(l.source).string();
    for (auto& i : doc.incidents) i.source = fs::weakly_canonical(i.source).string();
    for (auto& l : parsed->layers) l.source = fs::weakly_canonical(l.source).string();
    for (auto& i : parsed->incidents) i.source = fs::weakly_canonical(i.source).string();
    EXPECT_EQ(parsed.value(), doc);
    for (auto window :
         {TimeWindowSpec{WindowMode::Cumulative, 0, 0}, TimeWindowSpec{WindowMode::Moving, 90, 0},
          TimeWindowSpec{WindowMode::Moving, 12 * 3600, 0}}) {
        doc.time.window = window;
        EXPECT_EQ(parseProjectJson(projectToJson(doc, file), file)->time.window, window);
    }
}

TEST_F(ProjectFileTest, PathsAreRelativeInsideAndNearTheProjectFolder) {
    const std::string project = path("a/b/p.json");
    EXPECT_EQ(pathRelativeToProject(path("a/b/data/x.shp"), project), "data/x.shp");
    EXPECT_EQ(pathRelativeToProject(path("a/x.shp"), project), "../x.shp");
    EXPECT_EQ(pathRelativeToProject(path("x.shp"), project), "../../x.shp");
    EXPECT_EQ(pathRelativeToProject("/nowhere/else/x.shp", project), "/nowhere/else/x.shp");
    // Sharing only the root is not "near": /tmp/briefings/p.json keeps /work/geodata/x.shp absolute.
    EXPECT_EQ(pathRelativeToProject("/work/geodata/x.shp", "/tmp/briefings/p.json"), "/work/geodata/x.shp");
    EXPECT_EQ(pathRelativeToProject("/tmp/data/x.shp", "/tmp/briefings/p.json"), "../data/x.shp");
    EXPECT_EQ(pathRelativeToProject("PG:dbname=incidents", project), "PG:dbname=incidents");
    EXPECT_EQ(resolveProjectPath("data/x.shp", project), path("a/b/data/x.shp"));
    EXPECT_EQ(resolveProjectPath("../x.shp", project), path("a/x.shp"));
    EXPECT_EQ(resolveProjectPath("/abs/x.shp", project), "/abs/x.shp");
    EXPECT_EQ(resolveProjectPath("PG:host=db", project), "PG:host=db");
}

TEST_F(ProjectFileTest, AProjectMovedWithItsDataStillLoads) {
    fs::create_directories(m_dir / "data");
    fs::copy_file(kFixtures + "/polygons.geojson", m_dir / "data" / "polygons.geojson");
    const std::string text = R"({"format": "flashpoint-project", "version": 1,
        "layers": [{"source": "data/polygons.geojson"}], "view": {"bbox": [20, 42, 22, 43.5]}})";
    write("p.json", text);
    auto loaded = loadProject(path("p.json"), MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded->state.scene().layers.size(), 1u);
    EXPECT_EQ(loaded->name, "p");  // no name: the file's
    EXPECT_EQ(loaded->state.scene().crs.authorityCode(), "EPSG:32634");
}

TEST_F(ProjectFileTest, TruncatedJsonNamesTheFileLineAndColumn) {
    MapState state = richState();
    ASSERT_TRUE(saveProject(path("full.json"), state, "x", {}).ok());
    std::ifstream in(path("full.json"));
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string file = write("cut.json", text.substr(0, text.size() / 2));
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_FALSE(loaded.ok());
    const std::string message = loaded.error().describe();
    EXPECT_NE(message.find(file), std::string::npos) << message;
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_NE(message.find("line"), std::string::npos) << message;
    EXPECT_NE(message.find("column"), std::string::npos) << message;
    for (const std::string empty : {"", "   \n"}) EXPECT_FALSE(parseProjectJson(empty, file).ok());
}

TEST_F(ProjectFileTest, RejectsOtherFormatsAndNewerVersions) {
    auto newer = parseProjectJson(R"({"format": "flashpoint-project", "version": 7})", "p.json");
    ASSERT_FALSE(newer.ok());
    EXPECT_NE(newer.error().describe().find("written by a newer Flashpoint (version 7 > 1)"),
              std::string::npos)
        << newer.error().describe();
    for (const char* bad :
         {R"([1, 2])", R"({"version": 1})", R"({"format": "qgis", "version": 1})",
          R"({"format": "flashpoint-project"})", R"({"format": "flashpoint-project", "version": 0})",
          R"({"format": "flashpoint-project", "version": "1"})"}) {
        auto parsed = parseProjectJson(bad, "p.json");
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().source, "p.json");
    }
}

TEST_F(ProjectFileTest, BadFieldsAreNamed) {
    struct Case {
        const char* body;
        const char* field;
    };
    for (const Case& c :
         {Case{R"("layers": [{"source": "x.shp", "style": {"fill": "red"}}])", "layers[0].style.fill"},
          Case{R"("layers": [{"name": "no source"}])", "layers[0].source"},
          Case{R"("layers": {"source": "x"})", "layers"},
          Case{R"("incidents": [{"source": "x.csv", "style": {"opacity": 2}}])",
               "incidents[0].style.opacity"},
          Case{R"("time": {"window": "fortnight"})", "time.window"},
          Case{R"("time": {"cursor": "yesterday"})", "time.cursor"},
          Case{R"("playback": {"step": "1y"})", "playback.step"},
          Case{R"("view": {"bbox": [22, 42, 20, 43]})", "view.bbox"},
          Case{R"("view": {"center": [21, 42]})", "view.unitsPerPixel"},
          Case{R"("export": {"format": "bmp"})", "export.format"},
          Case{R"("export": {"width": 0})", "export.width"},
          Case{R"("export": {"furniture": {"title": "yes"}})", "export.furniture.title"}}) {
        const std::string text =
            std::string(R"({"format": "flashpoint-project", "version": 1, )") + c.body + "}";
        auto parsed = parseProjectJson(text, "p.json");
        if (std::string(c.field) == "view.unitsPerPixel") {  // a centre without a scale keeps the default
            EXPECT_TRUE(parsed.ok()) << c.body;
            continue;
        }
        ASSERT_FALSE(parsed.ok()) << c.body;
        EXPECT_EQ(parsed.error().field, c.field) << parsed.error().describe();
        EXPECT_EQ(parsed.error().source, "p.json");
    }
}

TEST_F(ProjectFileTest, MissingLayerFailsOrIsSkippedByPolicy) {
    const std::string file = write("p.json", R"({"format": "flashpoint-project", "version": 1, "layers": [
        {"name": "Areas", "source": ")" + kFixtures +
                                                 R"(/polygons.geojson"},
        {"name": "Roads", "source": "gone/roads.shp"}],
        "incidents": [{"name": "Events", "source": "gone/events.csv"}]})");
    auto failed = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_FALSE(failed.ok());
    const std::string message = failed.error().describe();
    EXPECT_NE(message.find(file), std::string::npos) << message;
    EXPECT_NE(message.find("layer 2 'Roads'"), std::string::npos) << message;
    EXPECT_NE(message.find(path("gone/roads.shp")), std::string::npos) << message;

    auto partial = loadProject(file, MissingSourcePolicy::Skip);
    ASSERT_TRUE(partial.ok()) << partial.error().describe();
    EXPECT_EQ(partial->state.scene().layers.size(), 1u);
    EXPECT_TRUE(partial->state.scene().incidentLayers.empty());
    ASSERT_EQ(partial->skipped.size(), 2u);
    EXPECT_NE(partial->skipped[1].describe().find("incident source 1 'Events'"), std::string::npos);

    auto missing = loadProject(path("nope.json"), MissingSourcePolicy::Fail);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST_F(ProjectFileTest, UnknownCrsFails) {
    const std::string file =
        write("p.json", R"({"format": "flashpoint-project", "version": 1, "crs": "EPSG:0"})");
    auto loaded = loadProject(file, MissingSourcePolicy::Skip);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().source, file);
}

TEST_F(ProjectFileTest, SavingIntoAMissingFolderFailsCleanly) {
    MapState state = richState();
    Status s = saveProject(path("no/such/folder/p.json"), state, "x", {});
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().describe().find("no/such/folder"), std::string::npos);
    EXPECT_FALSE(fs::exists(path("no/such/folder")));
}

TEST(ProjectView, AnotherSizeWidensTheSavedExtentNeverStretches) {
    auto state = MapState::create(MapScene{}).value();
    state.resize(1000, 500, 1.f);
    state.frame(GeoBBox::fromCorners(20.0, 42.0, 22.0, 43.5));
    const ProjectView saved = currentProjectView(state);
    const MapBBox before = state.view().visibleExtent();
    for (auto [w, h] : {std::pair{1000, 500}, {500, 500}, {2000, 500}, {1920, 1080}}) {
        fitProjectView(state, saved, w, h, 1.f);
        const MapBBox after = state.view().visibleExtent();
        EXPECT_GE(after.width(), before.width() * (1 - 1e-9)) << w << "x" << h;
        EXPECT_GE(after.height(), before.height() * (1 - 1e-9)) << w << "x" << h;
        // One axis is exactly the saved one: the extent is only widened on the other.
        EXPECT_TRUE(std::abs(after.width() - before.width()) < 1e-6 * before.width() ||
                    std::abs(after.height() - before.height()) < 1e-6 * before.height());
        EXPECT_NEAR(after.centerX(), before.centerX(), 1e-6);
        EXPECT_NEAR(after.centerY(), before.centerY(), 1e-6);
    }
}

TEST(DefaultProject, IsTheShippedProjectFile) {
    auto project = loadDefaultProject();
    ASSERT_TRUE(project.ok()) << project.error().describe();
    EXPECT_EQ(fs::path(project->path).filename(), "kosovo-serbia.flashpoint.json");
    EXPECT_TRUE(project->skipped.empty());
    const MapScene& scene = project->state.scene();
    ASSERT_EQ(scene.layers.size(), 7u);
    EXPECT_EQ(scene.layers.front().name, "Land (region)");
    EXPECT_EQ(scene.layers.back().name, "Kosovo and Serbia");
    // Two layers draw the same file with different styles, from one load.
    EXPECT_EQ(scene.layers[2].data, scene.layers[6].data);
    EXPECT_EQ(scene.crs.authorityCode(), "EPSG:32634");
    ASSERT_EQ(scene.incidentLayers.size(), 1u);
    EXPECT_EQ(scene.incidentLayers[0].name, "Kosovo 2022–23 (seed story)");
    ASSERT_TRUE(project->view.bbox.has_value());
    EXPECT_EQ(*project->view.bbox, defaultFocusBBox());
}

}  // namespace
}  // namespace fp
