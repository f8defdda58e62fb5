// The GUI's recovery copy of an unsaved project: written on a change of layers (and once a minute for other
// changes), offered after a crash, restored equal, removed once the project is saved.
#include "app/session/recovery_keeper.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/cli/version_text.h"
#include "app/session/session.h"
#include "app/session/settings.h"
#include "core/project/default_scene.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
const std::string kPolygons = kFixtures + "/polygons.geojson";
const std::string kIncidents = kFixtures + "/incidents/generic_lonlat.csv";
// A pid no process has (above pid_max): the copy of a window that is gone.
constexpr long kGonePid = 999999999;

class RecoveryTest : public ::testing::Test {
protected:
    RecoveryTest()
        : dir(fs::temp_directory_path() / ("fp-recovery-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          session(std::move(MapState::create(MapScene{})).value()) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        session.resize(1000, 700, 1.f);
    }
    ~RecoveryTest() override { fs::remove_all(dir); }
    std::string copyPath() const { return recoveryPathFor(dir.string(), kGonePid); }
    static std::string slurp(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }

    fs::path dir;
    Session session;
};

TEST_F(RecoveryTest, WrittenWhenLayersChangeAndAtMostOnceAMinuteForOtherChanges) {
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_FALSE(fs::exists(copyPath())) << "nothing unsaved, nothing to keep";
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    ASSERT_TRUE(keeper.update(session, 1.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    ASSERT_TRUE(fs::exists(copyPath())) << "a layer added is written at once";
    EXPECT_NE(slurp(copyPath()).find("polygons.geojson"), std::string::npos);

    const uint64_t layer = session.state().scene().layers.back().id;
    LayerStyle style = session.state().scene().layers.back().style;
    style.fill = Color::rgb(200, 10, 10);
    ASSERT_TRUE(session.apply(SetLayerStyle{layer, style}).ok());
    const std::string before = slurp(copyPath());
    ASSERT_TRUE(keeper.update(session, 30.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(slurp(copyPath()), before) << "a style change waits for the minute";
    ASSERT_TRUE(keeper.update(session, 61.5).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_NE(slurp(copyPath()), before) << "written once the minute is up";

    ASSERT_TRUE(session.apply(AddIncidents{kIncidents}).ok());
    const std::string withStyle = slurp(copyPath());
    ASSERT_TRUE(keeper.update(session, 62.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_NE(slurp(copyPath()), withStyle) << "incident layers count as layers: written at once";
    EXPECT_NE(slurp(copyPath()).find("generic_lonlat.csv"), std::string::npos);
}

TEST_F(RecoveryTest, OfferedAfterACrashAndRestoredEqual) {
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    ASSERT_TRUE(session.apply(AddIncidents{kIncidents}).ok());
    ASSERT_TRUE(session.apply(SetCrs{"EPSG:3857"}).ok());
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    // The window is gone without a clean quit: its copy stays and the next start finds it.
    const std::vector<RecoveryCopy> found = findRecoveryCopies(dir.string());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].path, copyPath());
    EXPECT_EQ(found[0].projectName, "Untitled");
    EXPECT_EQ(found[0].projectPath, "");
    EXPECT_EQ(found[0].savedAt.size(), 20u) << found[0].savedAt;  // 2026-12-07T00:41:09Z
    EXPECT_TRUE(found[0].notKept.empty());

    Session next(loadDefaultProject().value());
    next.resize(1000, 700, 1.f);
    ASSERT_TRUE(next.apply(RecoverProject{found[0].path, true}).ok());
    const ProjectDocument was = session.projectDocument(), now = next.projectDocument();
    EXPECT_EQ(now.layers, was.layers);
    EXPECT_EQ(now.incidents, was.incidents);
    EXPECT_EQ(now.crs, was.crs);
    EXPECT_EQ(now.time, was.time);
    EXPECT_EQ(now.exportSettings, was.exportSettings);
    EXPECT_EQ(next.project().name(), "Untitled");
    EXPECT_NE(next.state().scene().gazetteer, nullptr) << "place labels stay after a restore";
    EXPECT_TRUE(next.dirty()) << "recovered changes are still unsaved";
    EXPECT_FALSE(fs::exists(copyPath())) << "the restoring window keeps its own copy from now on";
    EXPECT_TRUE(findRecoveryCopies(dir.string()).empty());
}

TEST_F(RecoveryTest, RestoredIntoItsProjectFileAndRemovedOnceSaved) {
    const std::string project = (dir / "briefing.flashpoint.json").string();
    ASSERT_TRUE(session.apply(SaveProject{project}).ok());
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    auto copy = findRecoveryCopies(dir.string());
    ASSERT_EQ(copy.size(), 1u);
    EXPECT_EQ(copy[0].projectName, "briefing");
    EXPECT_EQ(copy[0].projectPath, project);

    Session next(std::move(MapState::create(MapScene{})).value());
    ASSERT_TRUE(next.apply(RecoverProject{copy[0].path, true}).ok());
    EXPECT_EQ(next.project().path(), project) << "Save goes to the project's own file";
    EXPECT_EQ(next.projectDocument().layers, session.projectDocument().layers);
    ASSERT_TRUE(next.apply(SaveProject{}).ok());
    EXPECT_FALSE(next.dirty());

    // The keeper removes its copy as soon as nothing is unsaved.
    ASSERT_TRUE(session.apply(SaveProject{}).ok());
    ASSERT_TRUE(keeper.update(session, 1.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_FALSE(fs::exists(copyPath()));
}

TEST_F(RecoveryTest, DiscardDeletesTheCopyAndABrokenCopyIsSkippedNamingIt) {
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    std::ofstream(recoveryPathFor(dir.string(), kGonePid - 1))
        << "{\"format\": \"flashpoint-recovery\", \"na";
    const auto found = findRecoveryCopies(dir.string());
    ASSERT_EQ(found.size(), 1u) << "the cut-short copy is skipped";
    auto broken = readRecoveryCopy(recoveryPathFor(dir.string(), kGonePid - 1));
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().describe().find("recovery-999999998.json"), std::string::npos);
    ASSERT_TRUE(session.apply(RecoverProject{found[0].path, false}).ok());
    EXPECT_FALSE(fs::exists(copyPath()));
}

TEST(RecoveryNotKeptTest, IncidentsMadeInMemoryAreKeptNotLeftOut) {
    const fs::path dir = fs::temp_directory_path() / ("fp-recovery-mem-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    MapState state = MapState::create(MapScene{}).value();
    Incident coded;
    coded.id = "t1";
    coded.location = {21.0, 42.6};
    state.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build({coded})),
                           "Coded from text");
    Session session(std::move(state));
    const std::string path = recoveryPathFor(dir.string(), kGonePid);
    ASSERT_TRUE(writeRecoveryCopy(path, recoverySnapshot(session)).ok());
    auto copy = readRecoveryCopy(path);
    ASSERT_TRUE(copy.ok()) << copy.error().describe();
    EXPECT_TRUE(copy->notKept.empty());
    ASSERT_EQ(copy->incidentLayers.size(), 1u);
    EXPECT_TRUE(copy->incidentLayers[0].memory);
    EXPECT_EQ(copy->incidentLayers[0].name, "Coded from text");
    EXPECT_FALSE(copy->incidentLayers[0].file.empty()) << "its incidents are in a file beside the copy";
    fs::remove_all(dir);
}

TEST_F(RecoveryTest, ACopyOfARunningWindowIsNotOffered) {
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    RecoveryKeeper mine(recoveryPathFor(dir.string(), ::getpid()));
    ASSERT_TRUE(mine.update(session, 0.0).ok());
    ASSERT_TRUE(mine.wait().ok());
    EXPECT_TRUE(findRecoveryCopies(dir.string()).empty());
    mine.remove();
    EXPECT_FALSE(fs::exists(mine.path()));
}

TEST_F(RecoveryTest, StateDirFollowsXdg) {
    const char* old = std::getenv("XDG_STATE_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_STATE_HOME", "/tmp/fp-state", 1);
    EXPECT_EQ(guiStateDir(), "/tmp/fp-state/flashpoint");
    ::setenv("XDG_STATE_HOME", "relative", 1);
    const char* home = std::getenv("HOME");
    if (home && *home) EXPECT_EQ(guiStateDir(), std::string(home) + "/.local/state/flashpoint");
    if (old)
        ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_STATE_HOME");
}

TEST(WindowFitTest, ARememberedSizeLargerThanTheScreenShrinksAndAPositionOffItMovesBack) {
    GuiSettings s;
    s.width = 2500;
    s.height = 1400;
    s.hasPosition = true;
    s.x = 1900;
    s.y = 900;
    fitWindowToScreen(s, {0, 0, 1280, 800});
    EXPECT_LE(s.width, 1280);
    EXPECT_LE(s.height, 800);
    EXPECT_GE(s.x, 0);
    EXPECT_LE(s.x + s.width, 1280);
    EXPECT_LE(s.y + s.height, 800);
    GuiSettings small;
    fitWindowToScreen(small, {0, 0, 3840, 2160});
    EXPECT_EQ(small.width, GuiSettings{}.width) << "a size that fits stays";
    EXPECT_EQ(small.height, GuiSettings{}.height);
}

TEST(GuiSettingsTest, SideBarsAndTheFirstStartOverlayAreRemembered) {
    const fs::path dir = fs::temp_directory_path() / ("fp-settings-" + std::to_string(::getpid()));
    const std::string path = (dir / "settings.json").string();
    EXPECT_FALSE(loadGuiSettings(path).keysHelpShown) << "a first start shows the overlay";
    GuiSettings s;
    s.keysHelpShown = true;
    s.leftBarCollapsed = true;
    s.rightBarWidth = 420;
    ASSERT_TRUE(saveGuiSettings(path, s).ok());
    const GuiSettings back = loadGuiSettings(path);
    EXPECT_TRUE(back.keysHelpShown);
    EXPECT_TRUE(back.leftBarCollapsed);
    EXPECT_FALSE(back.rightBarCollapsed);
    EXPECT_EQ(back.rightBarWidth, 420);
    fs::remove_all(dir);
}

TEST(VersionTextTest, NamesTheProgramGdalProjAndOpenGl) {
    const std::string text = versionText("llvmpipe / 4.5");
    EXPECT_EQ(text.rfind("flashpoint " FP_VERSION "\nGDAL ", 0), 0u) << text;
    EXPECT_NE(text.find("\nPROJ "), std::string::npos);
    EXPECT_EQ(text.substr(text.size() - 22), "\nOpenGL llvmpipe / 4.5");
}

}  // namespace
}  // namespace fp
