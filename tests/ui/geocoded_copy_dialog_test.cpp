// "Save geocoded copy…": from the Incidents window's button through the dialog's questions to the file the
// command applier writes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "app/jobs/geocoded_copy_job.h"
#include "command_find.h"
#include "main_ui_fixture.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::findCommand;

/// A copy of the ACLED place-name fixture in a folder of its own.
std::string sourceCopy(const fs::path& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string source = (dir / "acled.csv").string();
    fs::copy_file(std::string(FP_FIXTURES_DIR) + "/incidents/acled_placenames.csv", source);
    return source;
}

const fs::path kDir = fs::temp_directory_path() / ("fp-geocoded-copy-ui-" + std::to_string(::getpid()));

class GeocodedCopyUi : public test::MainUiFixture {
protected:
    GeocodedCopyUi() : MainUiFixture(withIncidents(sourceCopy(kDir))) {}
    void SetUp() override {
        dir = kDir;
        source = (dir / "acled.csv").string();
        layerId = newestIncidentLayer();
        ASSERT_NE(layerId, 0u);
    }
    void TearDown() override { fs::remove_all(dir); }

    /// Applies what the UI emitted, as the app does, and reports back.
    void apply(const CommandList& commands) {
        for (const auto& c : commands) {
            if (!std::holds_alternative<SaveGeocodedCopy>(c)) continue;
            const Status s = session.apply(c);
            ui.onCommandResult(c, s, &state);
        }
    }

    fs::path dir;
    std::string source;
    uint64_t layerId = 0;
};

TEST_F(GeocodedCopyUi, TheIncidentsWindowOffersItAndTheDialogWritesNextToTheSource) {
    // The button sits in the layer's part of the Incidents window.
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    frame();
    const std::optional<CommandList> clicked = clickLegendButton(layerId, "Save geocoded copy\xE2\x80\xA6");
    ASSERT_TRUE(clicked) << "no Save geocoded copy button for a geocoded layer";
    // ShowGeocodedCopy is handled inside the UI: it opens the dialog.
    EXPECT_TRUE(clicked->empty());
    GeocodedCopyDialog& d = ui.geocodedCopyDialog();
    ASSERT_TRUE(d.isOpen());
    EXPECT_EQ(d.layerId(), layerId);
    EXPECT_EQ(d.output, (dir / "acled-geocoded.csv").string());

    CommandList out;
    d.submit(out);
    const SaveGeocodedCopy* save = findCommand<SaveGeocodedCopy>(out);
    ASSERT_NE(save, nullptr);
    EXPECT_FALSE(save->replaceExisting);
    EXPECT_FALSE(save->overwriteSource);
    apply(out);
    EXPECT_FALSE(d.isOpen()) << d.error();
    std::ifstream written(d.output);
    std::string header;
    std::getline(written, header);
    EXPECT_NE(header.find("geocode_status"), std::string::npos) << header;
}

TEST_F(GeocodedCopyUi, TheLayerNamesContextMenuOffersItToo) {
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    frame();
    ImGuiWindow* legend = ImGui::FindWindowByName(ui.incidentLegend().title());
    ASSERT_NE(legend, nullptr);
    // Right-click down the left part of the window until a context menu opens (the layer's name).
    ImGuiContext& g = *ImGui::GetCurrentContext();
    bool opened = false;
    for (float y = legend->Pos.y + 30.f; !opened && y < legend->Pos.y + legend->Size.y; y += 4.f) {
        harness.io().MousePos = {legend->Pos.x + 60.f, y};
        frame();
        harness.io().MouseDown[1] = true;
        frame();
        harness.io().MouseDown[1] = false;
        frame();
        opened = g.OpenPopupStack.Size > 0;
    }
    ASSERT_TRUE(opened) << "no context menu on the layer's name";
    frame();
    ImGuiWindow* menu = g.OpenPopupStack[0].Window;
    ASSERT_NE(menu, nullptr);
    harness.io().MousePos = {menu->Pos.x + menu->Size.x * 0.5f, menu->Pos.y + menu->Size.y * 0.5f};
    frame();
    harness.io().MouseDown[0] = true;
    frame();
    harness.io().MouseDown[0] = false;
    frame();
    EXPECT_TRUE(ui.geocodedCopyDialog().isOpen());
    EXPECT_EQ(ui.geocodedCopyDialog().layerId(), layerId);
}

TEST_F(GeocodedCopyUi, AsksBeforeReplacingAFileAndMoreSternlyBeforeWritingOverTheSource) {
    frame();
    GeocodedCopyDialog& d = ui.geocodedCopyDialog();
    d.open(layerId, "acled", source);
    d.output = (dir / "old.gpkg").string();
    std::ofstream(d.output) << "old";
    CommandList out;
    d.submit(out);
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(d.confirmation(), GeocodedCopyDialog::Confirm::Replace);
    d.answer(false, out);  // Keep it
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(d.confirmation(), GeocodedCopyDialog::Confirm::None);
    d.submit(out);
    d.answer(true, out);  // Replace
    ASSERT_NE(findCommand<SaveGeocodedCopy>(out), nullptr);
    EXPECT_TRUE(findCommand<SaveGeocodedCopy>(out)->replaceExisting);
    EXPECT_FALSE(findCommand<SaveGeocodedCopy>(out)->overwriteSource);
    apply(out);
    EXPECT_GT(fs::file_size(d.output), 1000u);

    const auto sourceBytes = fs::file_size(source);
    d.open(layerId, "acled", source);
    d.output = source;
    out.clear();
    d.submit(out);
    EXPECT_EQ(d.confirmation(), GeocodedCopyDialog::Confirm::OverwriteSource);
    for (int i = 0; i < 3; ++i) frame();  // the modal is drawn while the question is open
    EXPECT_TRUE(ImGui::FindWindowByName("Overwrite the original source?") != nullptr);
    d.answer(true, out);
    ASSERT_NE(findCommand<SaveGeocodedCopy>(out), nullptr);
    EXPECT_TRUE(findCommand<SaveGeocodedCopy>(out)->overwriteSource);
    apply(out);
    EXPECT_GT(fs::file_size(source), sourceBytes);  // columns were added to the original
}

TEST_F(GeocodedCopyUi, TheAppsJobWritesOnAWorkerAndReportsOnce) {
    GeocodedCopyJob job;
    const SaveGeocodedCopy save{layerId, (dir / "copy.gpkg").string(), false, false};
    ASSERT_TRUE(job.start(state, save).ok());
    EXPECT_TRUE(job.running());
    const Status second = job.start(state, SaveGeocodedCopy{layerId, (dir / "other.csv").string()});
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().message.find("still being written"), std::string::npos);
    std::optional<std::pair<SaveGeocodedCopy, Status>> done;
    for (int i = 0; i < 3000 && !done; ++i) {
        done = job.poll();
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(done.has_value()) << "the copy did not finish in 30 s";
    EXPECT_TRUE(done->second.ok()) << done->second.error().describe();
    EXPECT_EQ(done->first.outputPath, save.outputPath);
    EXPECT_FALSE(job.running());
    EXPECT_FALSE(job.poll().has_value());
    EXPECT_GT(fs::file_size(save.outputPath), 1000u);
    EXPECT_FALSE(fs::exists(dir / "other.csv"));
    const Status unknown = job.start(state, SaveGeocodedCopy{layerId + 99, (dir / "x.csv").string()});
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(GeocodedCopyUi, ErrorsStayInTheDialog) {
    frame();
    GeocodedCopyDialog& d = ui.geocodedCopyDialog();
    d.open(layerId, "acled", source);
    d.output = (dir / "copy.txt").string();
    EXPECT_FALSE(d.request().ok());
    EXPECT_NE(d.request().error().describe().find(".csv or .gpkg"), std::string::npos);

    // The source changed since it was loaded: one row fewer.
    std::ifstream in(source);
    std::string all, line;
    for (int i = 0; std::getline(in, line) && i < 11; ++i) all += line + "\n";
    in.close();
    std::ofstream(source, std::ios::trunc) << all;
    d.output = (dir / "copy.csv").string();
    CommandList out;
    d.submit(out);
    apply(out);
    EXPECT_TRUE(d.isOpen());
    EXPECT_NE(d.error().find("changed since it was loaded"), std::string::npos) << d.error();
    EXPECT_FALSE(fs::exists(d.output));
}

}  // namespace
}  // namespace fp
