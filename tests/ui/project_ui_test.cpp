// The project side of the GUI without a window: the unsaved-changes question, the path dialog, Ctrl+S, the
// window title, which commands count as changes, and the session's save rules.
#include <gtest/gtest.h>
#include <imgui_internal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "app/session/project_session.h"
#include "app/session/session.h"
#include "core/project/default_scene.h"
#include "imgui_harness.h"
#include "ui/panels/project_dialogs.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

std::string slurpFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

class ProjectDialogsTest : public ::testing::Test {
protected:
    ProjectDialogsTest() : state(std::move(MapState::create(MapScene{})).value()) {
        dialogs.setSaveKey(test::kKeyS);
        ProjectInfo info;
        info.name = "Briefing";
        info.path = "/tmp/briefing.flashpoint.json";
        info.dirty = true;
        info.needsNewPath = false;
        dialogs.setProject(info);
    }
    CommandList frame() {
        CommandList out;
        LogSnapshot log;
        ui.frame([&] {
            UiContext ctx{state, log};
            dialogs.draw(ctx, out);
        });
        return out;
    }
    /// Clicks the question's button `label` (found by moving the mouse down the button row).
    CommandList clickQuestionButton(const char* label, int index) {
        for (int i = 0; i < 3; ++i) frame();  // the modal appears, sizes itself and settles
        ImGuiWindow* window = ImGui::FindWindowByName("Unsaved changes");
        if (!window) return {};
        const ImGuiID target = window->GetID(label);
        const ImGuiStyle& style = ImGui::GetStyle();
        const float x = window->Pos.x + style.WindowPadding.x + index * (100.f + style.ItemSpacing.x) + 50.f;
        for (float y = window->Pos.y; y < window->Pos.y + window->Size.y; y += 2.f) {
            ui.io().MousePos = {x, y};
            frame();
            if (ImGui::GetCurrentContext()->HoveredId != target) continue;
            ui.io().MouseDown[0] = true;
            CommandList out = frame();
            ui.io().MouseDown[0] = false;
            for (auto& c : frame()) out.push_back(std::move(c));
            return out;
        }
        ADD_FAILURE() << "button " << label << " not found";
        return {};
    }
    void press(int key) {
        ui.io().KeysDown[key] = true;
        frame();
        ui.io().KeysDown[key] = false;
    }

    test::ImGuiHarness ui;
    MapState state;
    ProjectDialogs dialogs;
};

TEST_F(ProjectDialogsTest, SaveThenQuitQuitsOnlyAfterTheSaveSucceeded) {
    dialogs.askUnsavedChanges(Quit{});
    frame();
    EXPECT_TRUE(dialogs.isAskingUnsavedChanges());
    ui.io().KeysDown[test::kKeyEnter] = true;  // Enter is Save
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(std::holds_alternative<SaveProject>(out[0]));
    EXPECT_TRUE(std::get<SaveProject>(out[0]).path.empty());  // into its own file
    EXPECT_TRUE(frame().empty());                             // nothing until the save is done

    dialogs.onCommandResult(out[0], Status{});
    out = frame();
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(std::holds_alternative<Quit>(out[0]));
    EXPECT_TRUE(std::get<Quit>(out[0]).discardChanges);
    EXPECT_TRUE(frame().empty());
}

TEST_F(ProjectDialogsTest, SaveThenQuitWaitsForTheWriteBackQuestion) {
    for (const bool write : {true, false}) {
        dialogs.askUnsavedChanges(Quit{});
        frame();
        ui.io().KeysDown[test::kKeyEnter] = true;  // Save
        CommandList out = frame();
        ui.io().KeysDown[test::kKeyEnter] = false;
        ASSERT_EQ(out.size(), 1u);
        // The session asked before writing edits back: the save's result is not the project saved.
        dialogs.saveAwaitsWriteBack();
        dialogs.onCommandResult(out[0], Status{});
        EXPECT_TRUE(frame().empty()) << "no quit while the question is open";
        if (write) {
            SaveProject confirmed = std::get<SaveProject>(out[0]);
            confirmed.writeBackConfirmed = true;
            dialogs.onCommandResult(confirmed, Status{});
            out = frame();
            ASSERT_EQ(out.size(), 1u);
            EXPECT_TRUE(std::holds_alternative<Quit>(out[0]));
        } else {
            dialogs.saveCancelled();  // Cancel: nothing saved, so no quit
            for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame().empty());
        }
    }
}

TEST_F(ProjectDialogsTest, AFailedSaveCancelsTheQuit) {
    dialogs.askUnsavedChanges(Quit{});
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    dialogs.onCommandResult(out[0], makeError(ErrorCode::PermissionDenied, "/tmp/x", "read-only"));
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame().empty());
}

TEST_F(ProjectDialogsTest, DiscardQuitsWithoutSavingAndCancelDoesNothing) {
    dialogs.askUnsavedChanges(Quit{});
    CommandList out = clickQuestionButton("Discard", 1);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(std::holds_alternative<Quit>(out[0]));
    EXPECT_TRUE(std::get<Quit>(out[0]).discardChanges);

    dialogs.askUnsavedChanges(OpenProject{"/tmp/other.json"});
    out = clickQuestionButton("Cancel", 2);
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(dialogs.isAskingUnsavedChanges());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame().empty());
}

TEST_F(ProjectDialogsTest, SavingAnUntitledProjectAsksForAPathFirst) {
    ProjectInfo info = dialogs.project();
    info.needsNewPath = true;  // e.g. the shipped default
    dialogs.setProject(info);
    dialogs.askUnsavedChanges(NewProject{});
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    EXPECT_TRUE(frame().empty());
    ui.io().KeysDown[test::kKeyEnter] = false;
    EXPECT_TRUE(dialogs.isPathDialogOpen());
    for (int i = 0; i < 3; ++i) frame();  // the dialog appears and its path field takes the keyboard
    ui.io().AddInputCharactersUTF8("/tmp/fp-new-briefing");
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(std::holds_alternative<SaveProject>(out[0]));
    EXPECT_EQ(std::get<SaveProject>(out[0]).path, "/tmp/fp-new-briefing.flashpoint.json");
    dialogs.onCommandResult(out[0], Status{});
    EXPECT_FALSE(dialogs.isPathDialogOpen());
    out = frame();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<NewProject>(out[0]));
}

TEST_F(ProjectDialogsTest, AnOpenThatFailsKeepsTheDialogWithTheError) {
    dialogs.openPathDialog(ProjectDialogKind::Open);
    for (int i = 0; i < 3; ++i) frame();
    ui.io().AddInputCharactersUTF8("/tmp/broken.json");
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(std::holds_alternative<OpenProject>(out[0]));
    EXPECT_EQ(std::get<OpenProject>(out[0]).path, "/tmp/broken.json");
    dialogs.onCommandResult(out[0], makeError(ErrorCode::InvalidArgument, "/tmp/broken.json", "truncated"));
    EXPECT_TRUE(dialogs.isPathDialogOpen());
    dialogs.onCommandResult(out[0], Status{});
    EXPECT_FALSE(dialogs.isPathDialogOpen());
}

TEST_F(ProjectDialogsTest, CtrlSSavesOrAsksForAPath) {
    ui.io().KeyCtrl = true;
    ui.io().KeysDown[test::kKeyS] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyS] = false;
    frame();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<SaveProject>(out[0]));
    ProjectInfo info = dialogs.project();
    info.needsNewPath = true;
    dialogs.setProject(info);
    ui.io().KeysDown[test::kKeyS] = true;
    EXPECT_TRUE(frame().empty());
    EXPECT_TRUE(dialogs.isPathDialogOpen());
}

TEST(ProjectWindowTitle, ShowsTheNameAndAnUnsavedMark) {
    EXPECT_EQ(projectWindowTitle("Kosovo and Serbia", false),
              "Kosovo and Serbia \xE2\x80\x94 Flashpoint " FP_VERSION);
    EXPECT_EQ(projectWindowTitle("Briefing", true),
              "\xE2\x80\xA2 Briefing \xE2\x80\x94 Flashpoint " FP_VERSION);
    EXPECT_EQ(projectWindowTitle("", false), "Untitled \xE2\x80\x94 Flashpoint " FP_VERSION);
}

TEST(ProjectChanges, StateChangesMarkTheProjectNavigationDoesNot) {
    for (const Command& c :
         {Command{SetLayerStyle{}}, Command{AddLayer{"x.shp"}}, Command{RemoveLayer{}}, Command{MoveLayer{}},
          Command{SetCrs{"EPSG:3857"}}, Command{AddIncidents{"x.csv"}}, Command{SetIncidentStyle{}},
          Command{RemoveIncidentLayer{}}, Command{SetTimeState{}}, Command{SetPlayback{}}})
        EXPECT_TRUE(changesProject(c)) << c.index();
    for (const Command& c :
         {Command{Pan{}}, Command{Zoom{}}, Command{ResetView{}}, Command{StepTime{}}, Command{Play{}},
          Command{Quit{}}, Command{SetTheme{}}, Command{SaveProject{}}, Command{SelectIncident{}}})
        EXPECT_FALSE(changesProject(c)) << c.index();
}

TEST(RecentProjects, NewestFirstWithoutDuplicatesAtMostTen) {
    std::vector<std::string> recent;
    for (int i = 0; i < 12; ++i) rememberRecentProject(recent, "/tmp/p" + std::to_string(i) + ".json");
    rememberRecentProject(recent, "/tmp/p5.json");
    ASSERT_EQ(recent.size(), kMaxRecentProjects);
    EXPECT_EQ(recent.front(), "/tmp/p5.json");
    EXPECT_EQ(recent[1], "/tmp/p11.json");
    EXPECT_EQ(std::count(recent.begin(), recent.end(), "/tmp/p5.json"), 1);
    ProjectSession session;
    const ProjectInfo info = session.info({"/nonexistent/gone.json", defaultProjectPath()});
    ASSERT_EQ(info.recent.size(), 2u);
    EXPECT_FALSE(info.recent[0].exists);
    EXPECT_TRUE(info.recent[1].exists);
}

TEST(ProjectSessionTest, NeverOverwritesTheShippedDefault) {
    auto project = loadDefaultProject();
    ASSERT_TRUE(project.ok()) << project.error().describe();
    ProjectSession session;
    session.adopt(project.value());
    EXPECT_EQ(session.name(), "Kosovo and Serbia");
    EXPECT_TRUE(session.needsNewPath());
    const std::string before = slurpFile(defaultProjectPath());
    session.markDirty();
    EXPECT_FALSE(session.save(project->state, "", {}).ok());
    EXPECT_FALSE(session.save(project->state, defaultProjectPath(), {}).ok());
    EXPECT_EQ(slurpFile(defaultProjectPath()), before);
    EXPECT_TRUE(session.dirty());

    const fs::path dir = fs::temp_directory_path() / ("fp-session-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string file = (dir / "north.flashpoint.json").string();
    ASSERT_TRUE(session.save(project->state, file, Color::rgb(214, 228, 238)).ok());
    EXPECT_FALSE(session.dirty());
    EXPECT_EQ(session.path(), file);
    EXPECT_EQ(session.name(), "north");
    EXPECT_FALSE(session.needsNewPath());
    EXPECT_EQ(session.windowTitle(), "north \xE2\x80\x94 Flashpoint " FP_VERSION);
    auto reopened = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
    EXPECT_EQ(reopened->state.scene().layers.size(), project->state.scene().layers.size());
    fs::remove_all(dir);
}

}  // namespace
}  // namespace fp
