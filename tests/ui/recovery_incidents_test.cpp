// The recovery copy keeps incident layers a project file cannot hold: layers made in memory (New incident
// layer, coded from text) and unsaved edits of a source's incidents, brought back by Restore after a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/session/recovery_keeper.h"
#include "app/session/session.h"
#include "core/io/incidents/incident_loader.h"
#include "core/project/default_scene.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

const std::string kFixtures = FP_FIXTURES_DIR;
constexpr long kGonePid = 999999999;  // above pid_max: a window that is gone

Incident incidentAt(const std::string& title, double lon, double lat, int year, int month, int day) {
    Incident inc;
    inc.title = title;
    inc.category = "Attack";
    inc.location = {lon, lat};
    inc.start = fromCivil({year, month, day});
    inc.fatalities = 3;
    inc.description = "two lines,\nwith \"quotes\"";
    return inc;
}

std::vector<Incident> rowsOf(const IncidentStore& store) {
    std::vector<Incident> rows;
    for (size_t i = 0; i < store.size(); ++i) rows.push_back(store.get(i));
    return rows;
}

class RecoveryIncidentsTest : public ::testing::Test {
protected:
    RecoveryIncidentsTest()
        : dir(fs::temp_directory_path() / ("fp-recovery-inc-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          session(std::move(MapState::create(MapScene{})).value()) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        session.resize(1000, 700, 1.f);
    }
    ~RecoveryIncidentsTest() override { fs::remove_all(dir); }
    std::string copyPath() const { return recoveryPath(dir.string(), kGonePid); }
    static std::string recoveryPath(const std::string& d, long pid) { return recoveryPathFor(d, pid); }
    /// The copy restored into a fresh window, as the recovery dialog's Restore does.
    Session restored() {
        Session next(loadDefaultProject().value());
        next.resize(1000, 700, 1.f);
        const Status s = next.apply(RecoverProject{copyPath(), true});
        EXPECT_TRUE(s.ok()) << s.error().describe();
        return next;
    }
    size_t filesBesideTheCopy() const {
        size_t n = 0;
        for (const auto& entry : fs::directory_iterator(dir))
            n += entry.path().filename().string().rfind("recovery-", 0) == 0 &&
                 entry.path().extension() == ".csv";
        return n;
    }
    const IncidentLayer& layerNamed(const Session& s, const std::string& name) {
        for (const IncidentLayer& layer : s.state().scene().incidentLayers)
            if (layer.name == name) return layer;
        ADD_FAILURE() << "no incident layer " << name;
        return s.state().scene().incidentLayers.at(0);
    }

    fs::path dir;
    Session session;
};

TEST_F(RecoveryIncidentsTest, LayersMadeInMemoryComeBackInOrderWithTheirIncidents) {
    ASSERT_TRUE(session.apply(NewIncidentLayer{"Field notes"}).ok());
    ASSERT_TRUE(session.apply(AddIncident{0, incidentAt("Checkpoint", 21.1, 42.6, 2024, 5, 1)}).ok());
    ASSERT_TRUE(session.apply(AddIncident{0, incidentAt("Shelling", 21.3, 42.4, 2024, 4, 30)}).ok());
    ASSERT_TRUE(session.apply(NewIncidentLayer{"Still empty"}).ok());
    AddCodedIncidents coded;
    coded.newLayerName = "Coded from text";
    coded.incidents = {incidentAt("Raid", 20.9, 42.7, 2024, 5, 2)};
    coded.incidents[0].provenance.sentence = "Police raided a house in the village.";
    ASSERT_TRUE(session.apply(coded).ok());
    IncidentStyle style = layerNamed(session, "Field notes").style;
    style.markerScale = 2.5f;
    ASSERT_TRUE(session.apply(SetIncidentStyle{layerNamed(session, "Field notes").id, style}).ok());

    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    auto copy = readRecoveryCopy(copyPath());
    ASSERT_TRUE(copy.ok()) << copy.error().describe();
    EXPECT_TRUE(copy->notKept.empty()) << "nothing made in memory is left out";

    const Session next = restored();
    const auto& was = session.state().scene().incidentLayers;
    const auto& now = next.state().scene().incidentLayers;
    ASSERT_EQ(now.size(), was.size());
    for (size_t i = 0; i < was.size(); ++i) {
        SCOPED_TRACE(was[i].name);
        EXPECT_EQ(now[i].name, was[i].name);
        EXPECT_EQ(now[i].source, "") << "still a layer of the user's own with no file";
        EXPECT_EQ(now[i].own, was[i].own);
        EXPECT_EQ(now[i].style, was[i].style);
        EXPECT_EQ(rowsOf(*now[i].data), rowsOf(*was[i].data)) << "every field, provenance included";
        EXPECT_EQ(hasUnsavedEdits(now[i]), hasUnsavedEdits(was[i]));
    }
    EXPECT_TRUE(next.dirty());
    EXPECT_EQ(filesBesideTheCopy(), 0u) << "the restored copy's incident files are removed with it";
}

TEST_F(RecoveryIncidentsTest, EditsOfASourceComeBackAndCanStillBeSavedIntoIt) {
    const std::string source = (dir / "reports.csv").string();
    fs::copy_file(kFixtures + "/incidents/generic_lonlat.csv", source);
    ASSERT_TRUE(session.apply(AddIncidents{source}).ok());
    const uint64_t id = session.state().scene().incidentLayers.back().id;
    const auto indexOf = [&](const std::string& title) {
        const IncidentStore& data = *session.state().scene().incidentLayers.back().data;
        for (uint32_t i = 0; i < data.size(); ++i)
            if (data.title(i) == title) return i;
        ADD_FAILURE() << "no incident " << title;
        return 0u;
    };
    ASSERT_TRUE(session.apply(DeleteIncident{{id, indexOf("Demonstration")}}).ok());
    Incident changed = session.state().scene().incidentLayers.back().data->get(indexOf("Attack on a convoy"));
    changed.title = "Attack on a convoy (confirmed)";
    changed.fatalities = 4;
    ASSERT_TRUE(session.apply(EditIncident{{id, indexOf("Attack on a convoy")}, changed}).ok());
    ASSERT_TRUE(session.apply(AddIncident{id, incidentAt("Roadblock", 21.0, 42.5, 2023, 3, 4)}).ok());
    const std::vector<Incident> edited = rowsOf(*session.state().scene().incidentLayers.back().data);

    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(filesBesideTheCopy(), 1u) << "the changed and added incidents only, not the whole source";

    Session next = restored();
    const IncidentLayer& layer = next.state().scene().incidentLayers.back();
    EXPECT_EQ(layer.source, source);
    EXPECT_EQ(rowsOf(*layer.data), edited);
    EXPECT_TRUE(hasUnsavedEdits(layer));

    // Saved back into the source (the user confirmed the write) as if no crash had happened: one row
    // changed, one removed, one added.
    ASSERT_TRUE(next.apply(SaveIncidentLayer{layer.id, "", false, true}).ok());
    LoadReport report;
    auto reread = loadIncidents(source, {}, report);
    ASSERT_TRUE(reread.ok()) << reread.error().describe();
    ASSERT_EQ(reread->size(), edited.size());
    std::vector<std::string> titles;
    for (size_t i = 0; i < reread->size(); ++i) titles.emplace_back(reread->title(i));
    EXPECT_NE(std::find(titles.begin(), titles.end(), "Attack on a convoy (confirmed)"), titles.end());
    EXPECT_NE(std::find(titles.begin(), titles.end(), "Roadblock"), titles.end());
    EXPECT_EQ(std::find(titles.begin(), titles.end(), "Demonstration"), titles.end());
}

TEST_F(RecoveryIncidentsTest, EditsThatNoLongerFitTheirSourceBecomeALayerOfTheirOwnAndAreSaid) {
    const std::string source = (dir / "reports.csv").string();
    fs::copy_file(kFixtures + "/incidents/generic_lonlat.csv", source);
    ASSERT_TRUE(session.apply(AddIncidents{source}).ok());
    const uint64_t id = session.state().scene().incidentLayers.back().id;
    ASSERT_TRUE(session.apply(AddIncident{id, incidentAt("Roadblock", 21.0, 42.5, 2023, 3, 4)}).ok());
    ASSERT_TRUE(session.apply(DeleteIncident{{id, 0}}).ok());
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    // Someone added a row to the source after the crash: row numbers no longer match the edits.
    std::ofstream(source, std::ios::app) << "2023-03-09,Added later,Attack,21.2,42.6,1,\n";

    auto copy = readRecoveryCopy(copyPath());
    ASSERT_TRUE(copy.ok());
    auto project = loadRecoveredProject(copy.value());
    ASSERT_TRUE(project.ok()) << project.error().describe();
    const auto& layers = project->state.scene().incidentLayers;
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].name, "reports");
    EXPECT_FALSE(hasUnsavedEdits(layers[0])) << "the source as it is now";
    EXPECT_EQ(layers[1].name, "reports (recovered edits)");
    ASSERT_EQ(layers[1].data->size(), 1u);
    EXPECT_EQ(layers[1].data->title(0), "Roadblock");
    ASSERT_EQ(project->skipped.size(), 1u);
    EXPECT_EQ(project->skipped[0].describe(),
              copyPath() + ": edits of \"reports\": reports: its source now has " +
                  std::to_string(layers[0].data->size()) + " incidents, it had " +
                  std::to_string(layers[0].data->size() - 1) +
                  " when the edits were made; its changed and added incidents are in the layer \"reports "
                  "(recovered edits)\"; 1 deletion(s) not applied");
}

TEST_F(RecoveryIncidentsTest, EachWriteReplacesTheFilesOfThePreviousOneAndACleanQuitRemovesThem) {
    ASSERT_TRUE(session.apply(NewIncidentLayer{"Field notes"}).ok());
    ASSERT_TRUE(session.apply(AddIncident{0, incidentAt("Checkpoint", 21.1, 42.6, 2024, 5, 1)}).ok());
    RecoveryKeeper keeper(copyPath());
    ASSERT_TRUE(keeper.update(session, 0.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    ASSERT_EQ(filesBesideTheCopy(), 1u);
    // An incident added is a change of the layer's incidents: written at once, not after the minute.
    ASSERT_TRUE(session.apply(AddIncident{0, incidentAt("Shelling", 21.3, 42.4, 2024, 4, 30)}).ok());
    ASSERT_TRUE(keeper.update(session, 1.0).ok());
    ASSERT_TRUE(keeper.wait().ok());
    EXPECT_EQ(filesBesideTheCopy(), 1u) << "the previous write's file is gone";
    auto copy = readRecoveryCopy(copyPath());
    ASSERT_TRUE(copy.ok());
    auto project = loadRecoveredProject(copy.value());
    ASSERT_TRUE(project.ok());
    EXPECT_EQ(project->state.scene().incidentLayers.at(0).data->size(), 2u);
    keeper.remove();
    EXPECT_FALSE(fs::exists(copyPath()));
    EXPECT_EQ(filesBesideTheCopy(), 0u);
}

TEST_F(RecoveryIncidentsTest, ACopyNamingAFileOutsideItsFolderIsRefused) {
    ASSERT_TRUE(session.apply(NewIncidentLayer{"Field notes"}).ok());
    ASSERT_TRUE(session.apply(AddIncident{0, incidentAt("Checkpoint", 21.1, 42.6, 2024, 5, 1)}).ok());
    ASSERT_TRUE(writeRecoveryCopy(copyPath(), recoverySnapshot(session)).ok());
    std::ifstream in(copyPath());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const size_t at = text.find("recovery-999999999-");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 0, "../");
    std::ofstream(copyPath(), std::ios::trunc) << text;
    auto copy = readRecoveryCopy(copyPath());
    ASSERT_FALSE(copy.ok());
    EXPECT_EQ(copy.error().describe(), copyPath() +
                                           ": not a readable recovery copy: incidentLayers[0]: 'file' "
                                           "is not a file name beside the copy");
}

}  // namespace
}  // namespace fp
