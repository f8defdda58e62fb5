#include "ui/map_interaction.h"

#include <gtest/gtest.h>

#include <cmath>

#include "imgui_harness.h"

namespace fp {
namespace {

using test::ImGuiHarness;

MapView viewOf(int w, int h, float ratio = 1.f) {
    MapView v;
    v.widthPx = w;
    v.heightPx = h;
    v.pixelRatio = ratio;
    return v;
}

class MapInteractionTest : public ::testing::Test {
protected:
    MapInteractionTest() {
        interaction.setExtraKeys({test::kKeyW, test::kKeyA, test::kKeyS, test::kKeyD, test::kKeyQ});
        ui.io().MousePos = {200.f, 150.f};
        ui.frame([] {});  // establishes a previous mouse position
    }
    CommandList run(const MapView& view = viewOf(1280, 800)) {
        CommandList out;
        ui.frame([&] { interaction.update(view, out); });
        return out;
    }
    ImGuiHarness ui;
    MapInteraction interaction;
};

TEST_F(MapInteractionTest, WheelZoomsAboutTheCursorInFramebufferPixels) {
    ui.io().DisplayFramebufferScale = {2.f, 2.f};
    ui.io().MouseWheel = 2.f;
    CommandList out = run(viewOf(2560, 1600, 2.f));
    ASSERT_EQ(out.size(), 1u);
    const Zoom* zoom = std::get_if<Zoom>(&out[0]);
    ASSERT_NE(zoom, nullptr);
    EXPECT_DOUBLE_EQ(zoom->anchor.x, 400.0);
    EXPECT_DOUBLE_EQ(zoom->anchor.y, 300.0);
    EXPECT_NEAR(zoom->factor, 2.0, 1e-12);  // two notches of sqrt(2)

    ui.io().MouseWheel = -1.f;
    out = run(viewOf(2560, 1600, 2.f));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_NEAR(std::get<Zoom>(out[0]).factor, 1.0 / std::sqrt(2.0), 1e-12);
}

TEST_F(MapInteractionTest, LeftDragPansByTheMouseMotion) {
    ui.io().MouseDown[0] = true;
    EXPECT_TRUE(run().empty());  // the press itself does not move the map
    ui.io().MousePos = {230.f, 160.f};
    CommandList out = run();
    ASSERT_EQ(out.size(), 1u);
    const Pan* pan = std::get_if<Pan>(&out[0]);
    ASSERT_NE(pan, nullptr);
    EXPECT_DOUBLE_EQ(pan->dx, 30.0);
    EXPECT_DOUBLE_EQ(pan->dy, 10.0);
    EXPECT_TRUE(interaction.isAnimating());

    ui.io().MouseDown[0] = false;
    ui.io().MousePos = {260.f, 170.f};
    EXPECT_TRUE(run().empty());  // released: moving no longer pans
    EXPECT_FALSE(interaction.isAnimating());
}

TEST_F(MapInteractionTest, NoMapInputWhereImGuiWantsTheMouse) {
    auto panel = [] {
        ImGui::SetNextWindowPos({100.f, 100.f});
        ImGui::SetNextWindowSize({300.f, 300.f});
        ImGui::Begin("Panel");
        ImGui::End();
    };
    ui.frame(panel);  // the window exists and is hovered from the next frame on
    ui.io().MouseWheel = 1.f;
    ui.io().MouseDown[0] = true;
    CommandList out;
    ui.frame([&] {
        panel();
        interaction.update(viewOf(1280, 800), out);
    });
    EXPECT_TRUE(ui.io().WantCaptureMouse);
    EXPECT_TRUE(out.empty());
}

TEST_F(MapInteractionTest, DoubleClickZoomsInTwiceAboutTheCursor) {
    ui.io().MouseDown[0] = true;
    run();
    ui.io().MouseDown[0] = false;
    run();
    ui.io().MouseDown[0] = true;
    CommandList out = run();
    ASSERT_EQ(out.size(), 1u);
    const Zoom& zoom = std::get<Zoom>(out[0]);
    EXPECT_DOUBLE_EQ(zoom.factor, 2.0);
    EXPECT_DOUBLE_EQ(zoom.anchor.x, 200.0);
    EXPECT_DOUBLE_EQ(zoom.anchor.y, 150.0);
}

TEST_F(MapInteractionTest, HomeResetsTheView) {
    ui.io().KeysDown[test::kKeyHome] = true;
    CommandList out = run();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<ResetView>(out[0]));
    EXPECT_TRUE(run().empty());  // held, not repeated
}

TEST_F(MapInteractionTest, KeysZoomAboutTheViewCentre) {
    ui.io().KeysDown[test::kKeyPageUp] = true;
    CommandList out = run(viewOf(1000, 600));
    ASSERT_EQ(out.size(), 1u);
    Zoom zoom = std::get<Zoom>(out[0]);
    EXPECT_DOUBLE_EQ(zoom.factor, 2.0);
    EXPECT_DOUBLE_EQ(zoom.anchor.x, 500.0);
    EXPECT_DOUBLE_EQ(zoom.anchor.y, 300.0);
    ui.io().KeysDown[test::kKeyPageUp] = false;

    ui.io().AddInputCharacter('-');
    out = run(viewOf(1000, 600));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(std::get<Zoom>(out[0]).factor, 0.5);

    ui.io().AddInputCharacter('+');
    out = run(viewOf(1000, 600));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(std::get<Zoom>(out[0]).factor, 2.0);
}

TEST_F(MapInteractionTest, ArrowsAndWasdPanTheViewThatWay) {
    ui.io().KeysDown[test::kKeyRight] = true;
    CommandList out = run();
    ASSERT_EQ(out.size(), 1u);
    Pan pan = std::get<Pan>(out[0]);
    EXPECT_LT(pan.dx, 0.0);  // looking further east: the content moves left
    EXPECT_DOUBLE_EQ(pan.dy, 0.0);
    EXPECT_NEAR(-pan.dx, MapInteraction::kKeyPanSpeed / 60.0, 1e-3);
    EXPECT_TRUE(interaction.isAnimating());
    ui.io().KeysDown[test::kKeyRight] = false;

    ui.io().KeysDown[test::kKeyW] = true;
    out = run(viewOf(2560, 1600, 2.f));
    ASSERT_EQ(out.size(), 1u);
    pan = std::get<Pan>(out[0]);
    EXPECT_DOUBLE_EQ(pan.dx, 0.0);
    EXPECT_NEAR(pan.dy, 2.0 * MapInteraction::kKeyPanSpeed / 60.0, 1e-3);  // north: content moves down
    ui.io().KeysDown[test::kKeyW] = false;
    EXPECT_TRUE(run().empty());
    EXPECT_FALSE(interaction.isAnimating());
}

TEST_F(MapInteractionTest, NoKeysWhileATextFieldHasTheKeyboard) {
    char text[32] = "";
    auto field = [&] {
        ImGui::Begin("Panel");
        ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##field", text, sizeof text);
        ImGui::End();
    };
    ui.frame(field);
    ui.frame(field);
    ui.io().KeysDown[test::kKeyHome] = true;
    ui.io().AddInputCharacter('+');
    CommandList out;
    ui.frame([&] {
        field();
        interaction.update(viewOf(1280, 800), out);
    });
    EXPECT_TRUE(ui.io().WantCaptureKeyboard);
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace fp
