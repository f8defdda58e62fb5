#include "ui/main_ui.h"

#include <gtest/gtest.h>

#include "imgui_harness.h"
#include "main_ui_fixture.h"

namespace fp {
namespace {

class MainUiTest : public test::MainUiFixture {
protected:
    MainUiTest() {
        ui.setExtraKeys({test::kKeyW, test::kKeyA, test::kKeyS, test::kKeyD, test::kKeyQ});
        ProjectView home;
        home.bbox = GeoBBox::fromCorners(18.8, 41.8, 23.0, 46.2);
        session.setHomeView(home);
        session.frameHome();
    }
};

TEST_F(MainUiTest, AnIdleFrameAsksForNothing) {
    EXPECT_TRUE(frame().empty());
    EXPECT_TRUE(frame().empty());
}

TEST_F(MainUiTest, CtrlQQuits) {
    frame();
    harness.io().KeyCtrl = true;
    harness.io().KeysDown[test::kKeyQ] = true;
    CommandList out = frame();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<Quit>(out[0]));
}

TEST_F(MainUiTest, QWithoutCtrlDoesNotQuit) {
    frame();
    harness.io().KeysDown[test::kKeyQ] = true;
    EXPECT_TRUE(frame().empty());
}

TEST_F(MainUiTest, AFailedCrsChangeOpensTheDialogWithTheError) {
    ui.setPanelOpen(PanelId::Crs, false);
    ui.onCommandResult(SetCrs{"EPSG:99999"}, makeError(ErrorCode::InvalidCrs, "EPSG:99999", "unknown CRS"));
    EXPECT_TRUE(ui.isPanelOpen(PanelId::Crs));
    EXPECT_TRUE(frame().empty());
    EXPECT_TRUE(ui.needsRegularFrames());  // the error notification fades with time
}

TEST_F(MainUiTest, PanelStateRoundTrips) {
    ui.setPanelOpen(PanelId::Log, true);
    ui.setPanelOpen(PanelId::Layers, false);
    EXPECT_TRUE(ui.isPanelOpen(PanelId::Log));
    EXPECT_FALSE(ui.isPanelOpen(PanelId::Layers));
    ui.setTheme(Theme::Dark);
    EXPECT_EQ(ui.theme(), Theme::Dark);
    frame();  // draws with those settings without asking for anything
}

}  // namespace
}  // namespace fp
