// The side bars: panels docked at the window's edges, never over the map; collapsing gives the map the room.
#include "ui/side_docks.h"

#include <gtest/gtest.h>

#include "imgui_harness.h"
#include "main_ui_fixture.h"

namespace fp {
namespace {

bool overlaps(const UiRect& a, const UiRect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

UiRect windowRect(const char* title) {
    const ImGuiWindow* w = ImGui::FindWindowByName(title);
    return w ? UiRect{w->Pos.x, w->Pos.y, w->Size.x, w->Size.y} : UiRect{};
}

TEST(SideDocksTest, BarsAtTheEdgesLeaveTheMapTheMiddle) {
    SideDocks docks;
    docks.layout(1280.f, 20.f, 700.f, 1.f, 1, 2);
    const UiRect left = docks.bar(DockSide::Left), right = docks.bar(DockSide::Right), map = docks.mapRect();
    EXPECT_EQ(left.x, 0.f);
    EXPECT_EQ(right.right(), 1280.f);
    EXPECT_EQ(left.w, SideDocks::kDefaultWidth + SideDocks::kHandleWidth);
    EXPECT_EQ(map.x, left.right());
    EXPECT_EQ(map.right(), right.x);
    EXPECT_EQ(map.y, 20.f);
    EXPECT_EQ(map.bottom(), 700.f);
    // Two panels on the right share its height without overlapping, beside the handle strip.
    const UiRect first = docks.slot(DockSide::Right, 0), second = docks.slot(DockSide::Right, 1);
    EXPECT_EQ(first.bottom(), second.y);
    EXPECT_EQ(second.bottom(), 700.f);
    EXPECT_EQ(first.x, right.x + SideDocks::kHandleWidth);
    EXPECT_FALSE(overlaps(first, map) || overlaps(second, map) ||
                 overlaps(docks.slot(DockSide::Left, 0), map));
}

TEST(SideDocksTest, CollapsingABarGivesTheMapItsRoomAndASideWithoutPanelsHasNoBar) {
    SideDocks docks;
    docks.layout(1280.f, 20.f, 700.f, 1.f, 1, 1);
    const float before = docks.mapRect().w;
    docks.setCollapsed(DockSide::Left, true);
    docks.layout(1280.f, 20.f, 700.f, 1.f, 1, 1);
    EXPECT_EQ(docks.mapRect().x, SideDocks::kHandleWidth) << "only the strip to expand it again stays";
    EXPECT_EQ(docks.mapRect().w, before + SideDocks::kDefaultWidth);
    EXPECT_EQ(docks.slot(DockSide::Left, 0).w, 0.f) << "no room for its panels while collapsed";
    docks.layout(1280.f, 20.f, 700.f, 1.f, 1, 0);
    EXPECT_EQ(docks.mapRect().right(), 1280.f);
}

TEST(SideDocksTest, ANarrowWindowKeepsRoomForTheMap) {
    SideDocks docks;
    docks.setWidth(DockSide::Left, 900.f);
    docks.layout(800.f, 20.f, 500.f, 1.f, 1, 1);
    EXPECT_GE(docks.mapRect().w, 800.f * (1.f - 2.f * SideDocks::kMaxShare) - 1.f);
}

class DockedPanelsTest : public test::MainUiFixture {};

TEST_F(DockedPanelsTest, PanelsArePinnedToTheEdgesAndNeverCoverTheMap) {
    ui.setPanelOpen(PanelId::Layers, true);
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    ui.setIncidentPanelOpen(IncidentPanelId::Inspector, true);
    frame();
    frame();
    const UiRect map = ui.mapRect();
    const UiRect layers = windowRect(ui.layersPanel().title());
    const UiRect legend = windowRect(ui.incidentLegend().title());
    const UiRect inspector = windowRect(ui.incidentInspector().title());
    EXPECT_EQ(layers.x, 0.f);
    EXPECT_EQ(layers.y, ImGui::GetFrameHeight()) << "right under the menu bar";
    EXPECT_EQ(legend.right(), 1280.f);
    EXPECT_EQ(inspector.right(), 1280.f);
    EXPECT_EQ(legend.bottom(), inspector.y);
    for (const UiRect& r : {layers, legend, inspector}) {
        EXPECT_GT(r.w, 100.f);
        EXPECT_FALSE(overlaps(r, map)) << r.x << "," << r.y << " " << r.w << "x" << r.h;
    }
    EXPECT_GT(map.w, 400.f);
    // A user's drag does not move a docked panel: it has no move or resize flags to offer.
    const ImGuiWindow* w = ImGui::FindWindowByName(ui.layersPanel().title());
    EXPECT_TRUE(w->Flags & ImGuiWindowFlags_NoMove);
    EXPECT_TRUE(w->Flags & ImGuiWindowFlags_NoResize);
}

TEST_F(DockedPanelsTest, TheStripsArrowCollapsesTheBarAndAPanelOpenedLaterShowsItAgain) {
    ui.setPanelOpen(PanelId::Layers, true);
    const float before = (frame(), frame(), ui.mapRect().x);
    const auto clicked = harness.clickButton("##dock_left", "\xE2\x80\xB9##toggle", [&] { return frame(); });
    ASSERT_TRUE(clicked.has_value()) << "the collapse arrow is on the strip";
    EXPECT_TRUE(clicked->empty()) << "collapsing is the UI's own business";
    EXPECT_TRUE(ui.docks().collapsed(DockSide::Left));
    frame();
    EXPECT_LT(ui.mapRect().x, before);
    EXPECT_EQ(ui.mapRect().x, SideDocks::kHandleWidth);
    const ImGuiWindow* layers = ImGui::FindWindowByName(ui.layersPanel().title());
    EXPECT_FALSE(layers && layers->Active) << "its panel is not drawn while collapsed";
    EXPECT_TRUE(ui.isPanelOpen(PanelId::Layers)) << "but stays open for when the bar comes back";
    // Opening a docked panel that was closed brings its bar back.
    ui.setPanelOpen(PanelId::Layers, false);
    frame();
    ui.setPanelOpen(PanelId::Layers, true);
    frame();
    EXPECT_FALSE(ui.docks().collapsed(DockSide::Left));
}

TEST_F(DockedPanelsTest, KeysOverlayShowsUntilDismissedWithoutAskingTheAppForAnything) {
    ui.setPanelOpen(PanelId::KeysHelp, true);
    EXPECT_TRUE(frame().empty());
    const ImGuiWindow* w = ImGui::FindWindowByName("Keys and mouse");
    ASSERT_NE(w, nullptr);
    EXPECT_TRUE(w->Active);
    const auto clicked = harness.clickButton("Keys and mouse", "Got it", [&] { return frame(); });
    ASSERT_TRUE(clicked.has_value());
    EXPECT_TRUE(clicked->empty());
    EXPECT_FALSE(ui.isPanelOpen(PanelId::KeysHelp));
    frame();
    EXPECT_FALSE(ImGui::FindWindowByName("Keys and mouse")->Active);
}

TEST_F(DockedPanelsTest, AboutNamesTheVersionAsTheCommandLineDoes) {
    ui.aboutBox().setVersionText("flashpoint " FP_VERSION "\nGDAL 3.6.2\nPROJ 9.1.1\nOpenGL llvmpipe / 4.5");
    ui.setPanelOpen(PanelId::About, true);
    EXPECT_TRUE(frame().empty());
    const ImGuiWindow* w = ImGui::FindWindowByName("About Flashpoint");
    ASSERT_NE(w, nullptr);
    EXPECT_TRUE(w->Active);
    const auto closed = harness.clickButton("About Flashpoint", "Close", [&] { return frame(); });
    ASSERT_TRUE(closed.has_value());
    EXPECT_FALSE(ui.isPanelOpen(PanelId::About));
}

}  // namespace
}  // namespace fp
