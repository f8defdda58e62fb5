#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "command_find.h"
#include "core/export/frame_plan.h"
#include "core/project/default_scene.h"
#include "imgui_harness.h"
#include "main_ui_fixture.h"
#include "ui/panels/animation_dialog.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::findCommand;

MapState defaultState() {
    std::vector<LoadReport> reports;
    return std::move(MapState::create(loadDefaultScene(reports).value())).value();
}

class AnimationDialogTest : public ::testing::Test {
protected:
    AnimationDialogTest() : state(defaultState()) {
        dir = fs::temp_directory_path() / ("fp-animdlg-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~AnimationDialogTest() override { fs::remove_all(dir); }

    CommandList frame() {
        CommandList out;
        LogSnapshot log;
        ui.frame([&] {
            UiContext ctx{state, log};
            dialog.draw(ctx, out);
        });
        return out;
    }
    CommandList click(const char* label) {
        auto out = ui.clickButton(dialog.title(), label, [&] { return frame(); });
        if (!out) ADD_FAILURE() << "no button " << label;
        return out.value_or(CommandList{});
    }

    test::ImGuiHarness ui;
    MapState state;
    AnimationDialog dialog;
    fs::path dir;
};

TEST_F(AnimationDialogTest, DefaultsComeFromTheDataAndThePlaybackSettings) {
    state.setPlayback({TimeStep{StepUnit::Day, 2}, state.playback().speed, state.playback().loop});
    TimeState time = state.time();
    time.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
    time.fadeByAge = true;
    state.setTime(time);
    dialog.open(state);
    const TimeSpan data = state.dataTimeSpan();
    ASSERT_LT(data.begin, data.end) << "the embedded default has incidents";
    EXPECT_EQ(dialog.from, formatIso(data.begin, TimePrecision::Day));
    EXPECT_EQ(dialog.to, formatIso(TimePoint{data.end.seconds - 1}, TimePrecision::Day));
    EXPECT_EQ(dialog.step, "2d");
    EXPECT_EQ(dialog.window, "1w");
    EXPECT_TRUE(dialog.fade);
    EXPECT_FALSE(dialog.ghosts);
    EXPECT_NE(dialog.output.find("flashpoint-animation.gif"), std::string::npos);

    // "All" would make every frame alike: the dialog proposes a window of one step instead.
    AnimationDialog other;
    time.window.mode = WindowMode::All;
    state.setTime(time);
    other.open(state);
    EXPECT_EQ(other.window, "2d");
}

TEST_F(AnimationDialogTest, InvalidFieldsAreNamedAndExportIsDisabled) {
    dialog.open(state);
    dialog.output = (dir / "a.gif").string();
    dialog.from = "2022-12-01";
    dialog.to = "2022-12-31";
    ASSERT_TRUE(dialog.request()) << dialog.request().error().describe();
    EXPECT_EQ(dialog.frameCount(), 31u);
    const std::vector<std::pair<std::function<void()>, std::string>> cases = {
        {[&] { dialog.from = "2022-13-01"; }, "From"},
        {[&] { dialog.to = "2022-11-01"; }, "To"},
        {[&] { dialog.step = "0d"; }, "Step"},
        {[&] { dialog.window = "sometimes"; }, "Window"},
        {[&] { dialog.output = (dir / "a.avi").string(); }, "Output"},
    };
    for (const auto& [breakIt, field] : cases) {
        AnimationDialog saved = dialog;
        breakIt();
        auto r = dialog.request();
        ASSERT_FALSE(r) << field;
        EXPECT_EQ(r.error().source, field) << r.error().describe();
        EXPECT_EQ(dialog.frameCount(), 0u);
        frame();
        EXPECT_FALSE(findCommand<ExportAnimation>(click("Export"))) << field;
        dialog = saved;
    }
}

TEST_F(AnimationDialogTest, ExportEmitsTheRequestAndRemembersThePath) {
    dialog.open(state);
    dialog.output = (dir / "crisis.mp4").string();
    dialog.from = "2022-12-01";
    dialog.to = "2022-12-31";
    dialog.step = "1d";
    dialog.window = "1w";
    dialog.ghosts = true;
    const CommandList out = click("Export");
    const auto* e = findCommand<ExportAnimation>(out);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->outputPath, (dir / "crisis.mp4").string());
    EXPECT_EQ(e->first, parseCursorField("2022-12-01", "From").value());
    EXPECT_EQ(e->last, parseCursorField("2022-12-31", "To").value());
    EXPECT_EQ(e->step, (TimeStep{StepUnit::Day, 1}));
    EXPECT_EQ(e->time.window, (TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0}));
    EXPECT_TRUE(e->time.showGhosts);
    EXPECT_EQ(dialog.exportSettings().lastAnimationPath, (dir / "crisis.mp4").string());
}

TEST_F(AnimationDialogTest, AsksBeforeReplacingAnExistingOutput) {
    std::ofstream(dir / "old.gif") << "GIF89a";
    dialog.open(state);
    dialog.output = (dir / "old.gif").string();
    dialog.from = "2022-12-01";
    dialog.to = "2022-12-05";
    EXPECT_FALSE(findCommand<ExportAnimation>(click("Export")));
    EXPECT_TRUE(dialog.confirmingOverwrite());
    EXPECT_FALSE(findCommand<ExportAnimation>(click("Keep it")));
    EXPECT_FALSE(dialog.confirmingOverwrite());
    click("Export");
    const CommandList out = click("Replace");
    EXPECT_TRUE(findCommand<ExportAnimation>(out));
    EXPECT_FALSE(dialog.confirmingOverwrite());
}

TEST_F(AnimationDialogTest, ShowsProgressWithCancelAndTheOutcome) {
    dialog.open(state);
    AnimationExportStatus running;
    running.running = true;
    running.framesDone = 3;
    running.frameCount = 31;
    running.dateLabel = "2022-12-03";
    dialog.setStatus(running);
    EXPECT_TRUE(findCommand<CancelAnimationExport>(click("Cancel")));
    AnimationExportStatus failed;
    failed.error = "ffmpeg: program not found on PATH";
    dialog.setStatus(failed);
    frame();
    EXPECT_TRUE(dialog.isOpen()) << "errors stay in the dialog";
}

}  // namespace
}  // namespace fp
