// The app's Session without a window: every command through its one dispatcher, undo and redo of every
// change to the project, and the unsaved mark following the history.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/session/session.h"
#include "app/session/session_startup.h"
#include "core/geocode/geocode_review.h"
#include "core/project/default_scene.h"
#include "core/util/log.h"
#include "undo_check.h"

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
const std::string kPolygons = kFixtures + "/polygons.geojson";
const std::string kIncidents = kFixtures + "/incidents/generic_lonlat.csv";
const std::string kPlaceNames = kFixtures + "/incidents/acled_placenames.csv";

/// A shell that runs exports at once (as a window would start them) and counts what it was asked.
class RecordingShell : public SessionShell {
public:
    Status startImageExport(const ExportImage&, const std::string& title) override {
        ++imageExports;
        titles.push_back(title);
        return {};
    }
    Status startAnimationExport(const ExportAnimation&, const std::string& title,
                                const ExportSettings&) override {
        ++animationExports;
        titles.push_back(title);
        return {};
    }
    void askUnsavedChanges(const Command&) override { ++questions; }
    void quit() override { ++quits; }
    void applyTheme(Theme theme) override { themes.push_back(theme); }
    int imageExports = 0, animationExports = 0, questions = 0, quits = 0;
    std::vector<Theme> themes;
    std::vector<std::string> titles;  ///< the default title of each export asked for
};

class SessionTest : public ::testing::Test {
protected:
    SessionTest() : session(MapState::create(MapScene{}).value()) {
        session.setShell(&shell);
        session.resize(800, 600, 1.f);
    }
    const MapState& state() const { return session.state(); }
    uint64_t addPolygons() {
        EXPECT_TRUE(session.apply(AddLayer{kPolygons}).ok());
        return state().scene().layers.back().id;
    }
    uint64_t addIncidents(const std::string& source = kIncidents) {
        const Status added = session.apply(AddIncidents{source});
        EXPECT_TRUE(added.ok()) << added.error().describe();
        return state().scene().incidentLayers.back().id;
    }
    template <class Read>
    void expectUndoRedo(const Command& change, const std::string& name, Read read) {
        test::expectUndoRedo(session, change, name, read);
    }
    RecordingShell shell;
    Session session;
};

TEST_F(SessionTest, EveryCommandKindHasAHandlerThatRunsWithoutAWindow) {
    const uint64_t layer = addPolygons();
    const uint64_t incidents = addIncidents();
    // One of each kind; the ones that need data refer to what was just loaded.
    const CommandList all = {Pan{3, 4},
                             Zoom{{400, 300}, 2.0},
                             ResetView{},
                             SetLayerStyle{layer, {}},
                             MoveLayer{layer, 1},
                             ZoomToLayer{layer},
                             SetCrs{"EPSG:3857"},
                             SetTheme{Theme::Dark},
                             ShowPanel{},
                             ShowIncidentPanel{},
                             SetIncidentStyle{incidents, {}},
                             SelectIncident{{incidents, 0}},
                             FlyToIncident{{incidents, 0}},
                             SpreadIncidentGroup{incidents, 0},
                             ShowFieldMapping{incidents},
                             SetTimeState{},
                             SetPlayback{},
                             Play{},
                             Pause{},
                             StepTime{1},
                             SeekStart{},
                             SeekEnd{},
                             ShowAnimationExport{},
                             ShowProjectDialog{},
                             FlyToPlace{{21.0, 42.6}, 1000.0, "x"},
                             ShowImageExport{},
                             ExportImage{},
                             SetPlaceLabels{},
                             ShowGeocodedCopy{incidents},
                             CancelAnimationExport{},
                             ShowCodeIncidents{},
                             AddCodedIncidents{incidents, "", {Incident{}}},
                             Undo{},
                             Redo{},
                             RemoveIncidentLayer{incidents},
                             RemoveLayer{layer},
                             Quit{true}};
    for (const Command& command : all) {
        const Status status = session.apply(command);
        EXPECT_TRUE(status.ok()) << command.index() << ": " << status.error().describe();
    }
    EXPECT_EQ(shell.themes, std::vector<Theme>{Theme::Dark});
    EXPECT_EQ(shell.imageExports, 1);
    EXPECT_EQ(shell.quits, 1);
    // Failures come back as errors (said by the caller), never half-done.
    EXPECT_FALSE(session.apply(RemoveLayer{layer}).ok());
    EXPECT_FALSE(session.apply(SetCrs{"EPSG:999999"}).ok());
    EXPECT_FALSE(session.apply(OpenUrl{"file:///etc/passwd"}).ok());
    EXPECT_FALSE(session.apply(AddLayer{"/no/such/layer.shp"}).ok());
    EXPECT_FALSE(session.apply(OpenProject{"/no/such/project.flashpoint.json", true}).ok());
}

TEST_F(SessionTest, SelectionLivesInTheMapState) {
    const uint64_t incidents = addIncidents();
    ASSERT_TRUE(session.apply(SelectIncident{{incidents, 2}}).ok());
    ASSERT_TRUE(session.apply(SpreadIncidentGroup{incidents, 1}).ok());
    EXPECT_EQ(state().selection(), (IncidentSelection{incidents, 2, incidents, 1}));
    ASSERT_TRUE(session.apply(RemoveIncidentLayer{incidents}).ok());
    EXPECT_EQ(state().selection(), IncidentSelection{});
}

TEST_F(SessionTest, VectorLayerChangesUndoAndRedo) {
    const uint64_t first = addPolygons();
    const uint64_t second = addPolygons();
    const auto style = [&] { return state().scene().find(first)->style; };
    LayerStyle recoloured = style();
    recoloured.fill = Color::rgb(200, 30, 30);
    expectUndoRedo(SetLayerStyle{first, recoloured}, "Change layer colour", style);
    LayerStyle hidden = style();
    hidden.visible = false;
    expectUndoRedo(SetLayerStyle{first, hidden}, "Hide layer", style);
    const auto order = [&] {
        std::vector<uint64_t> ids;
        for (const auto& layer : state().scene().layers) ids.push_back(layer.id);
        return ids;
    };
    expectUndoRedo(MoveLayer{first, 1}, "Move up " + state().scene().find(first)->name, order);
    expectUndoRedo(RemoveLayer{second}, "Remove layer " + state().scene().find(second)->name, order);
    expectUndoRedo(AddLayer{kPolygons}, "Add layer", order);
}

TEST_F(SessionTest, IncidentLayerChangesUndoAndRedo) {
    const auto layers = [&] {
        std::vector<std::pair<uint64_t, const void*>> ids;
        for (const auto& layer : state().scene().incidentLayers) ids.push_back({layer.id, layer.data.get()});
        return ids;
    };
    expectUndoRedo(AddIncidents{kIncidents}, "Add incidents", layers);
    const uint64_t id = state().scene().incidentLayers.back().id;
    const auto style = [&] { return state().scene().findIncidentLayer(id)->style; };
    IncidentStyle faint = style();
    faint.opacity = 0.4f;
    expectUndoRedo(SetIncidentStyle{id, faint}, "Change incident opacity", style);
    expectUndoRedo(ReloadIncidents{kIncidents, {}, {}, id}, "Map incident fields", layers);
    const uint64_t reloaded = state().scene().incidentLayers.back().id;
    expectUndoRedo(RemoveIncidentLayer{reloaded},
                   "Remove incidents " + state().scene().incidentLayers.back().name, layers);
}

TEST_F(SessionTest, CrsTimePlaybackPlaceLabelsAndExportSettingsUndoAndRedo) {
    addIncidents();
    const auto crs = [&] { return state().scene().crs.definition(); };
    expectUndoRedo(SetCrs{"EPSG:3857"}, "Change map CRS", crs);
    TimeState week = state().time();
    week.window = {WindowMode::Moving, 7 * kSecondsPerDay, 0};
    week.cursor = TimePoint{1671580800};
    expectUndoRedo(SetTimeState{week}, "Change time window", [&] { return state().time(); });
    PlaybackSettings fast = state().playback();
    fast.speed *= 4;
    expectUndoRedo(SetPlayback{fast}, "Change playback", [&] { return state().playback(); });
    PlaceLabelStyle english = state().scene().placeLabels;
    english.script = PlaceLabelScript::English;
    expectUndoRedo(SetPlaceLabels{english}, "Change place labels",
                   [&] { return state().scene().placeLabels; });
    ExportImage still;
    still.settings.widthPx = 640;
    still.outputPath = "briefing.png";
    expectUndoRedo(still, "Change export settings", [&] { return session.project().exportSettings(); });
}

TEST_F(SessionTest, AGeocodingDecisionUndoesAndRedoes) {
    const uint64_t id = addIncidents(kPlaceNames);
    const PendingGeocodeRow& row = state().geocodeReviews().layers().at(0).summary.pending.at(0);
    const auto placed = [&] {
        return std::make_pair(state().scene().findIncidentLayer(id)->data->size(),
                              state().geocodeReviews().pendingCount());
    };
    expectUndoRedo(ResolveGeocode{id, choiceForCandidate(row, 0)}, "Place row " + std::to_string(row.row),
                   placed);
}

TEST_F(SessionTest, UndoLeavesWhatHappenedElsewhereMeanwhile) {
    const uint64_t layer = addPolygons();
    LayerStyle recoloured = state().scene().find(layer)->style;
    recoloured.fill = Color::rgb(10, 200, 10);
    ASSERT_TRUE(session.apply(SetLayerStyle{layer, recoloured}).ok());
    ASSERT_TRUE(session.apply(Pan{50, 0}).ok());
    const MapView panned = state().view();
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(state().view().center, panned.center) << "navigation is not undone";
    EXPECT_NE(state().scene().find(layer)->style, recoloured);
}

TEST_F(SessionTest, NavigationAndNoChangeAreNotUndoSteps) {
    const uint64_t layer = addPolygons();
    const size_t steps = session.history().size();
    for (const Command& c : CommandList{Pan{5, 5}, Zoom{{10, 10}, 2.0}, ResetView{}, ZoomToLayer{layer},
                                        SetLayerStyle{layer, state().scene().find(layer)->style}})
        ASSERT_TRUE(session.apply(c).ok());
    EXPECT_EQ(session.history().size(), steps);
}

TEST_F(SessionTest, ADragOverConsecutiveFramesIsOneStep) {
    const uint64_t layer = addPolygons();
    const LayerStyle original = state().scene().find(layer)->style;
    for (float opacity : {0.9f, 0.8f, 0.7f}) {
        session.nextFrame();
        LayerStyle s = state().scene().find(layer)->style;
        s.opacity = opacity;
        ASSERT_TRUE(session.apply(SetLayerStyle{layer, s}).ok());
    }
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(state().scene().find(layer)->style, original);
    // A pause of a frame ends the drag: the next change is a step of its own.
    session.nextFrame();
    session.nextFrame();
    LayerStyle s = original;
    s.opacity = 0.5f;
    ASSERT_TRUE(session.apply(SetLayerStyle{layer, s}).ok());
    session.nextFrame();
    session.nextFrame();
    s.opacity = 0.25f;
    ASSERT_TRUE(session.apply(SetLayerStyle{layer, s}).ok());
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(state().scene().find(layer)->style.opacity, 0.5f);
}

TEST_F(SessionTest, TheUnsavedMarkFollowsTheHistory) {
    const auto dir = std::filesystem::temp_directory_path() / ("fp_session_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "saved.flashpoint.json").string();
    EXPECT_FALSE(session.dirty());
    const uint64_t layer = addPolygons();
    EXPECT_TRUE(session.dirty());
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_FALSE(session.dirty()) << "undone back to the start: nothing to save";
    ASSERT_TRUE(session.apply(Redo{}).ok());
    EXPECT_TRUE(session.dirty());
    ASSERT_TRUE(session.apply(SaveProject{file}).ok());
    EXPECT_FALSE(session.dirty());
    EXPECT_FALSE(session.projectInfo({}).dirty);
    LayerStyle hidden = state().scene().find(layer)->style;
    hidden.visible = false;
    ASSERT_TRUE(session.apply(SetLayerStyle{layer, hidden}).ok());
    EXPECT_TRUE(session.dirty());
    EXPECT_EQ(session.projectInfo({}).undoName, "Hide layer");
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_FALSE(session.dirty()) << "back at the saved point";
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_TRUE(session.dirty()) << "before the saved point";
    // A new change after undoing past the save can never lead back to it.
    ASSERT_TRUE(session.apply(AddLayer{kPolygons}).ok());
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_TRUE(session.dirty());
    // Quit asks first while there are unsaved changes.
    ASSERT_TRUE(session.apply(Quit{}).ok());
    EXPECT_EQ(shell.questions, 1);
    EXPECT_EQ(shell.quits, 0);
    // Opening a project clears the history: nothing to undo, nothing unsaved.
    ASSERT_TRUE(session.apply(OpenProject{file, true}).ok());
    EXPECT_FALSE(session.dirty());
    EXPECT_FALSE(session.history().canUndo());
    EXPECT_FALSE(session.history().canRedo());
    ASSERT_TRUE(session.apply(NewProject{true}).ok());
    EXPECT_FALSE(session.history().canUndo());
    EXPECT_EQ(session.project().name(), "Untitled");
    std::filesystem::remove_all(dir);
}

TEST_F(SessionTest, RowProblemsOfALoadAreLoggedOnceByTheShellsHelper) {
    std::vector<std::string> warnings;
    const int sink = Log::instance().addSink([&](const LogEntry& e) {
        if (e.level == LogLevel::Warning) warnings.push_back(e.message);
    });
    const AddIncidents add{kFixtures + "/incidents/bad_coords.csv"};
    ASSERT_TRUE(session.apply(add).ok());
    EXPECT_TRUE(warnings.empty()) << "the session returns problems, it does not say them";
    logRowProblems(add, state());
    logRowProblems(Pan{}, state());  // not a load: nothing
    Log::instance().removeSink(sink);
    ASSERT_EQ(warnings.size(), 4u);
    EXPECT_NE(warnings[0].find("row 1: field 'lon'"), std::string::npos) << warnings[0];
}

TEST_F(SessionTest, PlayingMovesTheCursorWithWallClockTimeUntilPaused) {
    addIncidents();
    ASSERT_TRUE(session.apply(Play{}).ok());
    EXPECT_TRUE(session.playing());
    const TimePoint start = state().time().cursor;
    EXPECT_TRUE(session.advancePlayback(0.5));
    EXPECT_GT(state().time().cursor, start);
    ASSERT_TRUE(session.apply(Pause{}).ok());
    const TimePoint paused = state().time().cursor;
    EXPECT_FALSE(session.advancePlayback(0.5));
    EXPECT_EQ(state().time().cursor, paused);
    EXPECT_FALSE(session.history().canUndo() && session.history().undoName() != "Add incidents")
        << "playing is not an undo step";
}

TEST_F(SessionTest, HomeFramesAboveWhatTheUiCovers) {
    Session home(loadDefaultProject().value());
    home.resize(1000, 800, 1.f);
    home.frameHome();
    const MapView whole = home.state().view();
    home.setCoveredBottom(200);
    ASSERT_TRUE(home.apply(ResetView{}).ok());
    const MapView above = home.state().view();
    EXPECT_EQ(above.heightPx, 800);
    EXPECT_GT(above.unitsPerPixel, whole.unitsPerPixel) << "the same box in less room";
    EXPECT_LT(above.center.y, whole.center.y) << "moved down so the box sits above the timeline";
}

TEST_F(SessionTest, FlyingToAPlaceCentresItInTheMapAreaBesideTheSideBars) {
    Session session(loadDefaultProject().value());
    session.resize(1200, 800, 1.f);
    session.setCoveredInsets({360, 20, 240, 200});  // Layers left, menu, Incidents right, timeline
    ASSERT_TRUE(session.apply(FlyToPlace{{21.166, 42.667}, 5000.0, "Pristina"}).ok());
    const MapView& view = session.state().view();
    const ScreenXY at = view.toScreen(session.state().projection().project({21.166, 42.667}));
    EXPECT_NEAR(at.x, 360 + (1200 - 360 - 240) / 2.0, 1.0) << "in the middle of what the bars leave";
    EXPECT_NEAR(at.y, 20 + (800 - 20 - 200) / 2.0, 1.0);
    EXPECT_EQ(view.widthPx, 1200) << "the map is still drawn under the whole window";
}

TEST_F(SessionTest, TheUncoveredViewIsTheMapAreaTheUserSees) {
    Session session(loadDefaultProject().value());
    session.resize(1200, 800, 1.f);
    const MapView whole = session.state().view();
    EXPECT_EQ(session.uncoveredView().widthPx, 1200) << "nothing covered: the whole view";
    session.setCoveredInsets({360, 20, 240, 200});
    const MapView seen = session.uncoveredView();
    EXPECT_EQ(seen.widthPx, 600);
    EXPECT_EQ(seen.heightPx, 580);
    EXPECT_EQ(seen.unitsPerPixel, whole.unitsPerPixel);
    // Its centre is the map point at the middle of the uncovered rectangle.
    const ScreenXY middle = whole.toScreen(seen.center);
    EXPECT_NEAR(middle.x, 360 + 600 / 2.0, 1e-6);
    EXPECT_NEAR(middle.y, 20 + 580 / 2.0, 1e-6);
    session.setCoveredInsets({0, 0, 0, 790});  // would leave almost nothing: ignored along that axis
    EXPECT_EQ(session.uncoveredView().heightPx, 800);
}

}  // namespace
}  // namespace fp

namespace fp {
namespace {

/// The session a start makes, as the CLI and the window make it (failures fail the test).
Session startWith(const SessionStart& start) {
    StartOutcome outcome;
    auto session = startSession(
        start, {}, [](const Command&, const Status&, const MapState&) {}, outcome);
    EXPECT_TRUE(session.ok()) << session.error().describe();
    return std::move(session).value();
}

// A briefing of incidents far from the embedded default was titled "Kosovo and Serbia" unless --title said
// otherwise; it now takes the names of the incident layers it frames.
TEST(SessionStartTest, ABriefingFramedAwayFromTheDefaultIsTitledByItsIncidents) {
    SessionStart far;
    far.incidents = {kFixtures + "/incidents/far_myanmar.geojson"};
    const Session farStart = startWith(far);
    const auto homeArea = [](const Session& s) { return s.homeView().bbox.value_or(GeoBBox{}); };
    EXPECT_EQ(briefingTitle(farStart, homeArea(farStart)), "far_myanmar");
    // The default's own area keeps the project's name; an area with no incidents gets no title.
    const Session home = startWith(SessionStart{});
    EXPECT_EQ(briefingTitle(home, homeArea(home)), home.project().name());
    SessionStart africa;
    africa.bbox = GeoBBox::fromCorners(-20, -35, 50, 35);
    const Session africaStart = startWith(africa);
    EXPECT_EQ(briefingTitle(africaStart, homeArea(africaStart)), "");
    // A project file's name is the user's choice, wherever it frames.
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("fp-title-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string projectFile = (dir / "mine.flashpoint.json").string();
    std::ofstream(projectFile) << R"({"format": "flashpoint-project", "version": 1, "name": "Mine"})";
    SessionStart own = far;
    own.project = projectFile;
    const Session ownStart = startWith(own);
    EXPECT_EQ(briefingTitle(ownStart, homeArea(ownStart)), "Mine");
    std::filesystem::remove_all(dir);
}

// The window's export dialogs titled every briefing with the project's name, also of a view of incidents
// far from the embedded default's area; they now follow what the window shows, as render does.
TEST(SessionStartTest, TheWindowsExportTitleFollowsTheAreaItShows) {
    SessionStart far;
    far.incidents = {kFixtures + "/incidents/far_myanmar.geojson"};
    Session session = startWith(far);
    RecordingShell shell;
    session.setShell(&shell);
    session.apply(ResetView{});  // the window's first frame: the incidents, framed
    ASSERT_TRUE(session.apply(ExportImage{{}, "/tmp/unused.png"}).ok());
    ASSERT_TRUE(session.apply(ZoomToLayer{session.state().scene().layers.front().id}).ok());  // the Balkans
    ASSERT_TRUE(session.apply(ExportAnimation{}).ok());
    EXPECT_EQ(shell.titles, (std::vector<std::string>{"far_myanmar", session.project().name()}));
}

// Adding incidents far from the map, or zooming to them, in the window showed them folded by the default UTM
// zone without a word (only a start with --incidents said so); now the session says it once per area.
TEST(SessionStartTest, FramingALayerTheMapCrsIsNotMeantForIsSaidOnce) {
    Session session = startWith(SessionStart{});
    session.resize(800, 600, 1.f);
    std::vector<std::string> warnings;
    const int sink = Log::instance().addSink([&](const LogEntry& e) {
        if (e.level == LogLevel::Warning) warnings.push_back(e.message);
    });
    ASSERT_TRUE(session.apply(AddIncidents{kFixtures + "/incidents/far_myanmar.geojson"}).ok());
    const uint64_t far = session.state().scene().incidentLayers.back().id;
    const uint64_t boundaries = session.state().scene().layers.front().id;
    ASSERT_TRUE(session.apply(ZoomToLayer{boundaries}).ok());  // suits the CRS: nothing to say
    ASSERT_TRUE(session.apply(ZoomToLayer{far}).ok());         // said already
    Log::instance().removeSink(sink);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(
        warnings[0],
        "the map shows lon 96.1 to 96.2, lat 17 to 22, mostly outside the area its CRS WGS 84 / UTM "
        "zone 34N is meant for (lon 18 to 24, lat 0 to 84), so it is distorted there; choose a CRS for "
        "this area (--crs, or Map > CRS\u2026 in the window), e.g. EPSG:3857 (the web map) or the area's "
        "UTM zone");
}

}  // namespace
}  // namespace fp
