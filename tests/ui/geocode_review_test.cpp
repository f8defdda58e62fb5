// The geocoding review: held rows of a real load listed in the GUI, decisions emitted as ResolveGeocode, pick
// mode over the map, and the command applied to the state and saved with the project.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "app/session/session.h"
#include "core/project/project_file.h"
#include "main_ui_fixture.h"

namespace fp {
namespace {

const std::string kPlaceNames = std::string(FP_FIXTURES_DIR) + "/incidents/acled_placenames.csv";
constexpr const char* kWindow = "###Geocoding review";
constexpr int kKeyEscape = 320;

const LayerGeocodeReview& onlyLayer(const MapState& state) {
    EXPECT_EQ(state.geocodeReviews().layers().size(), 1u);
    return state.geocodeReviews().layers().at(0);
}

const PendingGeocodeRow& heldRow(const MapState& state, const std::string& name) {
    for (const PendingGeocodeRow& row : onlyLayer(state).summary.pending)
        if (row.query.name == name) return row;
    throw std::runtime_error(name + " is not held");
}

size_t kosovoCandidate(const PendingGeocodeRow& row) {
    for (size_t i = 0; i < row.result.candidates.size(); ++i)
        if (row.result.candidates[i].country == "XK") return i;
    throw std::runtime_error("no candidate in Kosovo");
}

template <class T>
std::vector<T> ofType(const CommandList& commands) {
    std::vector<T> out;
    for (const Command& c : commands)
        if (const auto* t = std::get_if<T>(&c)) out.push_back(*t);
    return out;
}

class GeocodeReviewUi : public test::MainUiFixture {
protected:
    GeocodeReviewUi() : MainUiFixture(withIncidents(kPlaceNames)) {}
    void SetUp() override {
        harness.io().KeyMap[ImGuiKey_Escape] = kKeyEscape;
        layerId = newestIncidentLayer();
        ASSERT_NE(layerId, 0u);
    }
    /// Clicks `label` in the candidates table's line `candidate`.
    std::optional<CommandList> clickCandidate(size_t candidate, const char* label) {
        return harness.clickItem(
            kWindow,
            [&](ImGuiID window) {
                // BeginTable("candidates") pushes the table's ID, PushID(int) the line's.
                const int line = static_cast<int>(candidate);
                const ImGuiID table = ImHashStr("candidates", 0, window);
                return ImHashStr(label, 0, ImHashData(&line, sizeof line, table));
            },
            [&] { return frame(); });
    }
    /// A point of the map outside every window: the mouse there is not captured by ImGui.
    ImVec2 freeMapPoint() {
        for (float y = 120.f; y < 600.f; y += 40.f)
            for (float x = 380.f; x < 1200.f; x += 40.f) {
                harness.io().MousePos = {x, y};
                frame();
                frame();
                if (!harness.io().WantCaptureMouse) return {x, y};
            }
        ADD_FAILURE() << "no free map point";
        return {};
    }
    uint64_t layerId = 0;
};

TEST_F(GeocodeReviewUi, ARealLoadOpensTheReviewOnceWithItsHeldRows) {
    EXPECT_FALSE(ui.isPanelOpen(PanelId::GeocodeReview));
    frame();
    EXPECT_TRUE(ui.isPanelOpen(PanelId::GeocodeReview));
    GeocodeReviewPanel& panel = ui.geocodeReview();
    EXPECT_EQ(panel.counts().ambiguous, 1u);
    EXPECT_EQ(panel.counts().unmatched, 1u);
    EXPECT_EQ(panel.counts().skipped, 0u);
    EXPECT_EQ(panel.visibleCount(), 2u);
    EXPECT_EQ(ui.statusBar().geocodeHint(), "2 rows await geocoding review");
    // The window's title carries the count.
    frame();
    const ImGuiWindow* window = ImGui::FindWindowByName(kWindow);
    ASSERT_NE(window, nullptr);
    EXPECT_STREQ(window->Name, "Geocoding review (2)###Geocoding review");

    // Why each row is held and its context as written.
    const PendingGeocodeRow& mitrovica = heldRow(state, "Mitrovica");
    EXPECT_EQ(mitrovica.row, 8);
    EXPECT_EQ(geocodeHeldReason(mitrovica).rfind("ambiguous: ", 0), 0u) << geocodeHeldReason(mitrovica);
    EXPECT_EQ(geocodeContext(mitrovica.query), "no country or admin area given");
    const PendingGeocodeRow& xyzzy = heldRow(state, "Xyzzyville");
    EXPECT_EQ(xyzzy.row, 9);
    EXPECT_EQ(geocodeHeldReason(xyzzy), "unmatched");
    EXPECT_EQ(geocodeContext(xyzzy.query), "Kosovo");

    panel.setFilter(GeocodeReviewFilter::Ambiguous);
    ASSERT_EQ(panel.visibleCount(), 1u);
    EXPECT_EQ(panel.selected()->row, 8);
    panel.setFilter(GeocodeReviewFilter::Unmatched);
    ASSERT_EQ(panel.visibleCount(), 1u);
    EXPECT_EQ(panel.selected()->row, 9);
    panel.setFilter(GeocodeReviewFilter::Skipped);
    EXPECT_EQ(panel.visibleCount(), 0u);
    EXPECT_FALSE(panel.selected().has_value());
    panel.setFilter(GeocodeReviewFilter::All);

    // Closed by the user, it stays closed: it opens once per load.
    ui.setPanelOpen(PanelId::GeocodeReview, false);
    frame();
    frame();
    EXPECT_FALSE(ui.isPanelOpen(PanelId::GeocodeReview));
}

TEST_F(GeocodeReviewUi, UseEmitsTheCandidatesChoiceAndSkipASkip) {
    frame();
    GeocodeReviewPanel& panel = ui.geocodeReview();
    ASSERT_TRUE(panel.select(layerId, 8));
    const PendingGeocodeRow& mitrovica = heldRow(state, "Mitrovica");
    const size_t kosovo = kosovoCandidate(mitrovica);
    auto used = clickCandidate(kosovo, "Use");
    ASSERT_TRUE(used.has_value()) << "no Use button for the candidate in Kosovo";
    auto resolves = ofType<ResolveGeocode>(*used);
    ASSERT_EQ(resolves.size(), 1u);
    EXPECT_EQ(resolves[0].layerId, layerId);
    EXPECT_EQ(resolves[0].choice, choiceForCandidate(mitrovica, kosovo));
    EXPECT_EQ(resolves[0].choice.kind, GeocodeChoice::Kind::Candidate);

    ASSERT_TRUE(panel.select(layerId, 9));
    auto skipped = harness.clickButton(kWindow, "Skip", [&] { return frame(); });
    ASSERT_TRUE(skipped.has_value());
    resolves = ofType<ResolveGeocode>(*skipped);
    ASSERT_EQ(resolves.size(), 1u);
    EXPECT_EQ(resolves[0].choice.kind, GeocodeChoice::Kind::Skip);
    EXPECT_EQ(resolves[0].choice.row, 9);
    EXPECT_EQ(resolves[0].choice.name, "Xyzzyville");

    // Applied, the skipped row stays listed under Skipped and no longer counts as awaiting.
    ASSERT_TRUE(apply(resolves[0]).ok());
    frame();
    EXPECT_EQ(panel.counts().skipped, 1u);
    EXPECT_EQ(ui.statusBar().geocodeHint(), "1 row awaits geocoding review");
    panel.setFilter(GeocodeReviewFilter::Skipped);
    ASSERT_EQ(panel.visibleCount(), 1u);
    EXPECT_EQ(panel.selected()->name, "Xyzzyville");
}

TEST_F(GeocodeReviewUi, PickOnMapPlacesTheRowWhereClickedWithoutSelectingOrPanning) {
    frame();
    GeocodeReviewPanel& panel = ui.geocodeReview();
    ASSERT_TRUE(panel.select(layerId, 9));
    auto picked = harness.clickButton(kWindow, "Pick on map", [&] { return frame(); });
    ASSERT_TRUE(picked.has_value());
    ASSERT_TRUE(panel.picking());
    frame();
    EXPECT_EQ(ui.statusBar().geocodeHint(),
              "Click the map to place row 9 'Xyzzyville' \xE2\x80\x94 Esc cancels");

    // A drag pans and places nothing.
    const ImVec2 at = freeMapPoint();
    harness.io().MouseDown[0] = true;
    CommandList dragged = frame();
    harness.io().MousePos = {at.x + 30.f, at.y + 20.f};
    for (const Command& c : frame()) dragged.push_back(c);
    harness.io().MouseDown[0] = false;
    for (const Command& c : frame()) dragged.push_back(c);
    EXPECT_FALSE(ofType<Pan>(dragged).empty());
    EXPECT_TRUE(ofType<ResolveGeocode>(dragged).empty());
    EXPECT_TRUE(panel.picking());

    // A click places the row at the clicked point, and neither selects an incident nor pans.
    harness.io().MousePos = at;
    frame();
    harness.io().MouseDown[0] = true;
    CommandList clicked = frame();
    harness.io().MouseDown[0] = false;
    for (const Command& c : frame()) clicked.push_back(c);
    const auto resolves = ofType<ResolveGeocode>(clicked);
    ASSERT_EQ(resolves.size(), 1u);
    EXPECT_TRUE(ofType<SelectIncident>(clicked).empty());
    EXPECT_TRUE(ofType<Pan>(clicked).empty());
    EXPECT_FALSE(panel.picking());
    const GeocodeChoice& choice = resolves[0].choice;
    EXPECT_EQ(choice.kind, GeocodeChoice::Kind::MapPoint);
    EXPECT_EQ(choice.row, 9);
    const LonLat expected = state.projection().unproject(state.view().toMap({at.x, at.y}));
    EXPECT_NEAR(choice.position.lon, expected.lon, 1e-9);
    EXPECT_NEAR(choice.position.lat, expected.lat, 1e-9);

    // Esc leaves pick mode without placing anything.
    panel.startPick();
    ASSERT_TRUE(panel.picking());
    harness.io().KeysDown[kKeyEscape] = true;
    const CommandList escaped = frame();
    harness.io().KeysDown[kKeyEscape] = false;
    frame();
    EXPECT_FALSE(panel.picking());
    EXPECT_TRUE(ofType<ResolveGeocode>(escaped).empty());
    EXPECT_EQ(ui.statusBar().geocodeHint(), "2 rows await geocoding review");
}

TEST(ResolveGeocodeCommand, PlacesTheRowMarksTheProjectUnsavedAndTheSavedProjectKeepsIt) {
    MapState initial = MapState::create(MapScene{}).value();
    auto id = initial.addIncidents(kPlaceNames);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    // As the GUI applies a command: through the session, whose unsaved mark follows its undo history.
    Session session(std::move(initial));
    const MapState& state = session.state();
    const auto before = state.scene().incidentLayers.back().data;
    ASSERT_EQ(before->size(), 9u);
    const PendingGeocodeRow& mitrovica = heldRow(state, "Mitrovica");
    const ResolveGeocode command{id.value(), choiceForCandidate(mitrovica, kosovoCandidate(mitrovica))};
    const LonLat position = command.choice.position;

    EXPECT_FALSE(session.dirty());
    const Status applied = session.apply(command);
    ASSERT_TRUE(applied.ok()) << applied.error().describe();
    EXPECT_TRUE(session.dirty());
    const auto after = state.scene().incidentLayers.back().data;
    EXPECT_NE(after, before);  // a new store: the renderer and time caches, keyed on it, refresh
    ASSERT_EQ(after->size(), 10u);
    EXPECT_EQ(state.geocodeReviews().pendingCount(), 1u);

    // A second application of the same decision fails, naming the row, and changes nothing.
    const Status again = session.apply(command);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::NotFound);
    EXPECT_NE(again.error().describe().find("row 8"), std::string::npos) << again.error().describe();
    EXPECT_EQ(state.scene().incidentLayers.back().data, after);

    const auto dir =
        std::filesystem::temp_directory_path() / ("fp_resolve_geocode_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "review.flashpoint.json").string();
    ASSERT_TRUE(session.apply(SaveProject{file}).ok());
    EXPECT_FALSE(session.dirty());
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    // The decision, replayed from the project on load, is no incident edit waiting to be written back.
    EXPECT_FALSE(hasUnsavedEdits(loaded->state.scene().incidentLayers.at(0)));
    const auto& data = loaded->state.scene().incidentLayers.at(0).data;
    ASSERT_EQ(data->size(), 10u);
    size_t found = 0;
    for (size_t i = 0; i < data->size(); ++i)
        if (data->id(i) == "XKXG008") {
            EXPECT_EQ(data->lon()[i], position.lon);
            EXPECT_EQ(data->lat()[i], position.lat);
            ++found;
        }
    EXPECT_EQ(found, 1u);
    EXPECT_EQ(loaded->state.geocodeReviews().pendingCount(), 1u);
    std::filesystem::remove_all(dir);
}

TEST_F(GeocodeReviewUi, AfterUseTheUiSelectsThePlacedIncident) {
    frame();
    ASSERT_TRUE(ui.geocodeReview().select(layerId, 8));
    const PendingGeocodeRow& mitrovica = heldRow(state, "Mitrovica");
    auto used = clickCandidate(kosovoCandidate(mitrovica), "Use");
    ASSERT_TRUE(used.has_value());
    const auto resolves = ofType<ResolveGeocode>(*used);
    ASSERT_EQ(resolves.size(), 1u);
    const Status applied = apply(resolves[0]);
    ASSERT_TRUE(applied.ok());
    ui.onCommandResult(resolves[0], applied, &state);
    const auto selects = ofType<SelectIncident>(frame());
    ASSERT_EQ(selects.size(), 1u);
    const IncidentRef ref = selects[0].incident;
    EXPECT_EQ(ref.layerId, layerId);
    const IncidentStore& store = *state.scene().incidentLayers.back().data;
    ASSERT_LT(ref.index, store.size());
    EXPECT_EQ(store.id(ref.index), "XKXG008");
    EXPECT_EQ(store.lon()[ref.index], resolves[0].choice.position.lon);
    // The row left the list; the unmatched one is selected now.
    EXPECT_EQ(ui.geocodeReview().counts().awaiting(), 1u);
    EXPECT_EQ(ui.geocodeReview().selected()->row, 9);
}

TEST(GeocodeReviewLoad, HeldRowsOpenTheReviewNotTheLoadReport) {
    test::ImGuiHarness harness;
    Session session(MapState::create(MapScene{}).value());
    session.resize(1280, 800, 1.f);
    const MapState& state = session.state();
    MainUi ui;
    CommandList out;
    harness.frame([&] { ui.frame(state, {}, out); });
    const AddIncidents add{kPlaceNames};
    const Status added = session.apply(add);
    ASSERT_TRUE(added.ok()) << added.error().describe();
    // The held rows are in the load report (as problems), but it is the review that opens for them.
    ui.onCommandResult(add, added, &state);
    harness.frame([&] { ui.frame(state, {}, out); });
    EXPECT_EQ(ui.loadReport().allRows().size(), 2u);
    EXPECT_FALSE(ui.isPanelOpen(PanelId::LoadReport));
    EXPECT_TRUE(ui.isPanelOpen(PanelId::GeocodeReview));
}

TEST_F(GeocodeReviewUi, AnotherProjectsHeldRowsOpenTheReviewAgain) {
    frame();
    ui.setPanelOpen(PanelId::GeocodeReview, false);
    frame();
    ASSERT_FALSE(ui.isPanelOpen(PanelId::GeocodeReview));
    // Opening another project: a new map state with its own held rows.
    const auto dir = std::filesystem::temp_directory_path() / ("fp_review_again_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string copy = (dir / "other.csv").string();
    std::filesystem::copy_file(kPlaceNames, copy, std::filesystem::copy_options::overwrite_existing);
    const std::string project = (dir / "other.flashpoint.json").string();
    ASSERT_TRUE(saveProject(project, withIncidents(copy), "other", ExportSettings{}).ok());
    ASSERT_TRUE(apply(OpenProject{project, true}).ok());
    frame();
    EXPECT_TRUE(ui.isPanelOpen(PanelId::GeocodeReview));
    std::filesystem::remove_all(dir);
}

TEST_F(GeocodeReviewUi, ThePanelClosesOnceEveryRowIsPlaced) {
    frame();
    ASSERT_TRUE(ui.isPanelOpen(PanelId::GeocodeReview));
    const PendingGeocodeRow& mitrovica = heldRow(state, "Mitrovica");
    ASSERT_TRUE(apply(ResolveGeocode{layerId, choiceForCandidate(mitrovica, 0)}).ok());
    frame();
    EXPECT_TRUE(ui.isPanelOpen(PanelId::GeocodeReview));  // one row left
    const PendingGeocodeRow& xyzzy = heldRow(state, "Xyzzyville");
    ASSERT_TRUE(apply(ResolveGeocode{layerId, choiceForMapPoint(xyzzy, {20.9, 42.6})}).ok());
    frame();
    EXPECT_FALSE(ui.isPanelOpen(PanelId::GeocodeReview));
    EXPECT_EQ(ui.statusBar().geocodeHint(), "");
    EXPECT_EQ(state.scene().incidentLayers.back().data->size(), 11u);
}

TEST(ResolveGeocodeCommand, RemovingOrRemappingALayerForgetsItsHeldRows) {
    MapState initial = MapState::create(MapScene{}).value();
    auto id = initial.addIncidents(kPlaceNames);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    Session session(std::move(initial));
    const MapState& state = session.state();
    ASSERT_EQ(state.geocodeReviews().pendingCount(), 2u);
    ASSERT_TRUE(session.apply(ReloadIncidents{kPlaceNames, {}, {}, id.value()}).ok());
    // The remapped layer's rows are listed once, under its new id.
    ASSERT_EQ(state.geocodeReviews().layers().size(), 1u);
    const uint64_t remapped = state.geocodeReviews().layers()[0].layerId;
    EXPECT_NE(remapped, id.value());
    EXPECT_EQ(state.scene().incidentLayers.back().id, remapped);
    EXPECT_EQ(state.geocodeReviews().pendingCount(), 2u);
    ASSERT_TRUE(session.apply(RemoveIncidentLayer{remapped}).ok());
    EXPECT_EQ(state.geocodeReviews().pendingCount(), 0u);
    EXPECT_TRUE(state.geocodeReviews().layers().empty());
}

}  // namespace
}  // namespace fp
