// Editing incidents through the Session: every edit command with undo and redo, layers of the user's own,
// read-only sources, and saving edits (back to the source, as a new file, with the project).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/session/session.h"
#include "ui/incident_map_editing.h"
#include "ui/panels/write_back_dialog.h"
#include "undo_check.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
const std::string kIncidents = kFixtures + "/incidents/generic_lonlat.csv";

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A window's shell as far as the question before writing back goes: it records what it was asked.
class AskingShell : public SessionShell {
public:
    bool askWriteBack(const Command& command, const std::vector<WriteBackTarget>& targets) override {
        pending = command;
        asked = targets;
        return true;
    }
    std::optional<Command> pending;
    std::vector<WriteBackTarget> asked;
};

class SessionEditTest : public ::testing::Test {
protected:
    SessionEditTest() : session(MapState::create(MapScene{}).value()) {
        session.setShell(&shell);
        session.resize(800, 600, 1.f);
        m_dir = fs::temp_directory_path() / ("fp-session-edit-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    ~SessionEditTest() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    const MapState& state() const { return session.state(); }
    const IncidentLayer& layer(uint64_t id) const { return *state().scene().findIncidentLayer(id); }
    /// A copy of the fixture in the test's folder, loaded as an incident layer.
    uint64_t loadCopy() {
        fs::copy_file(kIncidents, path("incidents.csv"));
        const Status added = session.apply(AddIncidents{path("incidents.csv")});
        EXPECT_TRUE(added.ok()) << added.error().describe();
        return state().scene().incidentLayers.back().id;
    }
    /// A second copy, "second.csv".
    uint64_t loadCopy2() {
        fs::copy_file(kIncidents, path("second.csv"));
        EXPECT_TRUE(session.apply(AddIncidents{path("second.csv")}).ok());
        return state().scene().incidentLayers.back().id;
    }
    IncidentRef selected() const {
        return {state().selection().selectedLayer, state().selection().selectedIndex};
    }
    Incident selectedIncident() const { return layer(selected().layerId).data->get(selected().index); }
    template <class Read>
    void expectUndoRedo(const Command& change, const std::string& name, Read read) {
        test::expectUndoRedo(session, change, name, read);
    }
    /// Answers the question the session asked, as the dialog would.
    Status answer(WriteBackAnswer a, const std::string& newPath = {}) {
        EXPECT_TRUE(shell.pending.has_value());
        auto command = writeBackCommand(*shell.pending, a, newPath);
        shell.pending.reset();
        return command ? session.apply(*command) : Status{};
    }
    AskingShell shell;
    Session session;
    fs::path m_dir;
};

Incident sample() {
    Incident inc;
    inc.title = "Shots near Strpce";
    inc.category = "Shooting";
    inc.start = fromCivil({2023, 1, 6, 0, 0, 0});
    inc.location = {21.0, 42.24};
    return inc;
}

TEST_F(SessionEditTest, AddEditMoveDeleteEachUndoAndRedo) {
    const uint64_t id = loadCopy();
    const size_t rows = layer(id).data->size();
    expectUndoRedo(AddIncident{id, sample()}, "Add incident", [&] { return layer(id).data->size(); });
    EXPECT_EQ(layer(id).data->size(), rows + 1);
    EXPECT_EQ(selectedIncident().title, "Shots near Strpce");
    EXPECT_FALSE(selectedIncident().provenance.created.empty());
    EXPECT_FALSE(selectedIncident().provenance.by.empty());

    Incident edited = selectedIncident();
    edited.title = "Shooting at Strpce";
    edited.placeName = "Štrpce";
    edited.fatalities = 1;
    edited.start = fromCivil({2022, 12, 1, 0, 0, 0});
    expectUndoRedo(EditIncident{selected(), edited}, "Edit incident title",
                   [&] { return std::make_pair(selectedIncident().title, selected().index); });
    EXPECT_EQ(selectedIncident().placeName, "Štrpce");
    EXPECT_EQ(selectedIncident().start, edited.start);

    expectUndoRedo(MoveIncident{selected(), {21.1, 42.3}}, "Move incident",
                   [&] { return selectedIncident().location; });
    const std::string title = selectedIncident().title;
    expectUndoRedo(DeleteIncident{selected()}, "Delete incident", [&] { return layer(id).data->size(); });
    EXPECT_EQ(layer(id).data->size(), rows);
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(selectedIncident().title, title);  // the selection comes back with the incident
    EXPECT_TRUE(hasUnsavedEdits(layer(id)));
}

TEST_F(SessionEditTest, ADragIsOneUndoStepAndTheStoreEditedFromStaysForUndo) {
    const uint64_t id = loadCopy();
    const size_t steps = session.history().size();
    const auto loaded = layer(id).data;
    const IncidentRef first{id, 0};
    const LonLat was = loaded->get(0).location;
    for (int frame = 0; frame < 5; ++frame) {
        session.nextFrame();
        // The drag rests for a frame in the middle: still one step.
        const LonLat to{20.0 + (frame == 3 ? 2 : frame) * 0.1, 42.0};
        ASSERT_TRUE(session.apply(MoveIncident{selected().layerId ? selected() : first, to}).ok());
    }
    EXPECT_EQ(session.history().size(), steps + 1);
    EXPECT_EQ(session.history().undoName(), "Move incident");
    EXPECT_NEAR(selectedIncident().location.lon, 20.4, 1e-9);
    EXPECT_EQ(loaded->get(0).location, was);  // shared by the undo history, never changed
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_EQ(layer(id).data, loaded);
    EXPECT_FALSE(hasUnsavedEdits(layer(id)));
}

TEST_F(SessionEditTest, BadValuesAndMissingRowsChangeNothing) {
    const uint64_t id = loadCopy();
    const size_t steps = session.history().size();
    Incident bad = sample();
    bad.location = {200.0, 42.0};
    const Status s = session.apply(AddIncident{id, bad});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().describe(),
              "incident location: longitude must be within -180..180 and latitude within -90..90");
    bad = sample();
    bad.end = fromCivil({2020, 1, 1, 0, 0, 0});
    EXPECT_EQ(session.apply(EditIncident{{id, 0}, bad}).error().describe(),
              "incident end: the end is before the start");
    EXPECT_FALSE(session.apply(DeleteIncident{{id, 999}}).ok());
    EXPECT_EQ(session.history().size(), steps);
    EXPECT_FALSE(hasUnsavedEdits(layer(id)));
}

TEST_F(SessionEditTest, NewLayerAndCopiesOfReadOnlySourcesAreOwnAndEditable) {
    expectUndoRedo(NewIncidentLayer{"Coded today"}, "New incident layer",
                   [&] { return state().scene().incidentLayers.size(); });
    const uint64_t own = state().scene().incidentLayers.back().id;
    EXPECT_TRUE(layer(own).own);
    // An added incident without a layer goes into the newest layer of the user's own.
    ASSERT_TRUE(session.apply(AddIncident{0, sample()}).ok());
    EXPECT_EQ(layer(own).data->size(), 1u);

    const uint64_t id = loadCopy();
    // A read-only source refuses edits and says how to edit its incidents.
    const_cast<IncidentLayer&>(layer(id)).format = "gdelt";
    const Status refused = session.apply(DeleteIncident{{id, 0}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(
        refused.error().describe(),
        "incidents: a GDELT export is read-only: copy its incidents into a layer of your own to edit them");
    expectUndoRedo(CopyIncidentsToOwnLayer{0, {id, 1}}, "Copy incident to own layer",
                   [&] { return state().scene().incidentLayers.size(); });
    const uint64_t copy = state().scene().incidentLayers.back().id;
    EXPECT_EQ(layer(copy).data->get(0).title, layer(id).data->get(1).title);
    EXPECT_EQ(selected().layerId, copy);
    EXPECT_TRUE(session.apply(DeleteIncident{{copy, 0}}).ok());
    ASSERT_TRUE(session.apply(CopyIncidentsToOwnLayer{id, {}}).ok());
    EXPECT_EQ(state().scene().incidentLayers.back().data->size(), layer(id).data->size());
}

TEST_F(SessionEditTest, SaveWritesBackAndSaveAsSwitchesTheSource) {
    const uint64_t id = loadCopy();
    ASSERT_TRUE(session.apply(AddIncident{id, sample()}).ok());
    ASSERT_TRUE(session.apply(SaveIncidentLayer{id, {}, false}).ok());
    ASSERT_TRUE(answer(WriteBackAnswer::Write).ok());
    EXPECT_FALSE(hasUnsavedEdits(layer(id)));
    EXPECT_NE(readText(path("incidents.csv")).find("Shots near Strpce"), std::string::npos);
    // Undoing after the save is an edit of its own against the file.
    ASSERT_TRUE(session.apply(Undo{}).ok());
    EXPECT_TRUE(hasUnsavedEdits(layer(id)));
    ASSERT_TRUE(session.apply(SaveIncidentLayer{id, path("mine.gpkg"), false}).ok());
    EXPECT_EQ(layer(id).source, path("mine.gpkg"));
    EXPECT_FALSE(hasUnsavedEdits(layer(id)));
    EXPECT_FALSE(session.apply(SaveIncidentLayer{id, path("mine.gpkg"), false}).ok());
}

TEST_F(SessionEditTest, SavingTheProjectSavesOwnLayersBesideItAndReferencesThem) {
    ASSERT_TRUE(session.apply(NewIncidentLayer{"Coded today"}).ok());
    ASSERT_TRUE(session.apply(AddIncident{0, sample()}).ok());
    const uint64_t own = state().scene().incidentLayers.back().id;
    const Status saved = session.apply(SaveProject{path("brief.flashpoint.json")});
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    EXPECT_EQ(layer(own).source, path("brief-Coded-today.gpkg"));
    EXPECT_FALSE(hasUnsavedEdits(layer(own)));
    EXPECT_NE(readText(path("brief.flashpoint.json")).find("brief-Coded-today.gpkg"), std::string::npos);
    ASSERT_TRUE(session.apply(OpenProject{path("brief.flashpoint.json"), true}).ok());
    ASSERT_EQ(state().scene().incidentLayers.size(), 1u);
    EXPECT_EQ(state().scene().incidentLayers[0].data->get(0).title, "Shots near Strpce");
}

TEST_F(SessionEditTest, ANewIncidentStartsOnTheDayShownNotToday) {
    loadCopy();  // March 2023
    const auto day = [](const Incident& inc) { return formatIso(inc.start, TimePrecision::Day); };
    // A one-day window ending at the cursor (midnight of 3 March) shows 2 March: that is the day.
    TimeState t = state().time();
    t.window = {WindowMode::Moving, kSecondsPerDay, 0};
    t.cursor = fromCivil({2023, 3, 3, 0, 0, 0});
    ASSERT_TRUE(session.apply(SetTimeState{t}).ok());
    const Incident inc = newIncidentAt(state(), {21.0, 42.5});
    EXPECT_EQ(day(inc), "2023-03-02");
    EXPECT_EQ(inc.timePrecision, TimePrecision::Day);
    // Showing all time, the cursor (in the data) still says when; never the wall clock's today.
    t.window.mode = WindowMode::All;
    t.cursor = fromCivil({2023, 3, 2, 12, 0, 0});
    ASSERT_TRUE(session.apply(SetTimeState{t}).ok());
    EXPECT_EQ(day(newIncidentAt(state(), {21.0, 42.5})), "2023-03-02");
    // Zoomed out to the whole region a click is not exact; zoomed in to a street, it is.
    ASSERT_TRUE(session.apply(Zoom{{400.0, 300.0}, 0.02}).ok());
    EXPECT_EQ(newIncidentAt(state(), {21.0, 42.5}).locationPrecision, LocationPrecision::Near);
    ASSERT_TRUE(session.apply(FlyToPlace{{21.0, 42.5}, 200.0, "a street"}).ok());
    EXPECT_EQ(newIncidentAt(state(), {21.0, 42.5}).locationPrecision, LocationPrecision::Exact);
}

TEST_F(SessionEditTest, WritingBackIsAskedFirstAndNothingIsWrittenUntilTheAnswer) {
    const uint64_t id = loadCopy();
    const std::string before = readText(path("incidents.csv"));
    ASSERT_TRUE(session.apply(AddIncident{id, sample()}).ok());
    uint32_t convoy = 0;
    while (layer(id).data->get(convoy).title != "Attack on a convoy") ++convoy;
    Incident moved = layer(id).data->get(convoy);
    moved.title = "Retitled";
    ASSERT_TRUE(session.apply(EditIncident{{id, convoy}, moved}).ok());
    ASSERT_TRUE(session.apply(SaveIncidentLayer{id, {}, false}).ok());
    ASSERT_EQ(shell.asked.size(), 1u);
    EXPECT_EQ(writeBackQuestion(shell.asked),
              "Write 2 changed incidents back to " + path("incidents.csv") + "?");
    EXPECT_EQ(shell.asked[0].saveAsPath, path("incidents-edited.gpkg"));
    EXPECT_EQ(readText(path("incidents.csv")), before) << "nothing written before the answer";
    EXPECT_TRUE(hasUnsavedEdits(layer(id)));
    // Cancel writes nothing; "Save as new GeoPackage…" leaves the source as it was.
    ASSERT_TRUE(answer(WriteBackAnswer::Cancel).ok());
    EXPECT_EQ(readText(path("incidents.csv")), before);
    ASSERT_TRUE(session.apply(SaveIncidentLayer{id, {}, false}).ok());
    ASSERT_TRUE(answer(WriteBackAnswer::SaveAsNew, shell.asked[0].saveAsPath).ok());
    EXPECT_EQ(readText(path("incidents.csv")), before);
    EXPECT_EQ(layer(id).source, path("incidents-edited.gpkg"));
    EXPECT_FALSE(hasUnsavedEdits(layer(id)));
}

TEST_F(SessionEditTest, WithoutAWindowToAskNothingIsWrittenBack) {
    SessionShell silent;
    session.setShell(&silent);
    const uint64_t id = loadCopy();
    const std::string before = readText(path("incidents.csv"));
    ASSERT_TRUE(session.apply(AddIncident{id, sample()}).ok());
    const Status saved = session.apply(SaveIncidentLayer{id, {}, false});
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().describe(),
              path("incidents.csv") +
                  ": writing edits back into the file needs the user's confirmation; "
                  "nothing was written");
    EXPECT_EQ(readText(path("incidents.csv")), before);
}

TEST_F(SessionEditTest, SavingTheProjectAsksBeforeWritingEditsBackIntoSources) {
    const uint64_t id = loadCopy();
    const std::string before = readText(path("incidents.csv"));
    ASSERT_TRUE(session.apply(AddIncident{id, sample()}).ok());
    const std::string project = path("brief.flashpoint.json");
    ASSERT_TRUE(session.apply(SaveProject{project}).ok());
    ASSERT_EQ(shell.asked.size(), 1u);
    EXPECT_EQ(shell.asked[0].changes, 1u);
    EXPECT_FALSE(fs::exists(project)) << "the project waits for the answer";
    EXPECT_EQ(readText(path("incidents.csv")), before);
    // As new files: a GeoPackage beside the project, the source untouched.
    ASSERT_TRUE(answer(WriteBackAnswer::SaveAsNew).ok());
    EXPECT_EQ(readText(path("incidents.csv")), before);
    EXPECT_EQ(layer(id).source, path("brief-incidents.gpkg"));
    EXPECT_NE(readText(project).find("brief-incidents.gpkg"), std::string::npos);
    // Written back when the user says Write.
    const uint64_t other = loadCopy2();
    ASSERT_TRUE(session.apply(AddIncident{other, sample()}).ok());
    ASSERT_TRUE(session.apply(SaveProject{}).ok());
    ASSERT_TRUE(answer(WriteBackAnswer::Write).ok());
    EXPECT_NE(readText(path("second.csv")).find("Shots near Strpce"), std::string::npos);
    EXPECT_FALSE(hasUnsavedEdits(layer(other)));
}

}  // namespace
}  // namespace fp
