// The status bar under the map: where the cursor is, in words, from the scene's gazetteer.
#include <gtest/gtest.h>

#include <string>

#include "../core/places_test_util.h"
#include "core/places/gazetteer.h"
#include "core/places/location_describer.h"
#include "imgui_harness.h"
#include "ui/panels/status_bar.h"

namespace fp {
namespace {

class StatusBarTest : public ::testing::Test {
protected:
    StatusBarTest() {
        MapScene scene;
        auto gazetteer = Gazetteer::fromRecords(test::regionRecords(), "test");
        EXPECT_TRUE(gazetteer.ok());
        scene.gazetteer = std::move(gazetteer).value();
        state.emplace(std::move(MapState::create(std::move(scene))).value());
        state->resize(1280, 800, 1.f);
        GeoBBox box;
        box.extend(20.80, 42.88);
        box.extend(20.94, 42.97);
        state->frame(box);  // centred ~3 km NE of Zvečan
    }

    /// Frames of the bar with the mouse at (x, y); the place it showed.
    std::string drawnText(float x, float y, LocationDescriber* locations) {
        harness.io().MousePos = {x, y};
        // Two frames: ImGui decides what the mouse hovers from the previous frame.
        for (int i = 0; i < 2; ++i)
            harness.frame([&] {
                LogSnapshot log;
                UiContext ctx{*state, log};
                ctx.locations = locations;
                CommandList out;
                bar.draw(ctx, out);
            });
        return bar.placeText();
    }

    test::ImGuiHarness harness;
    std::optional<MapState> state;
    StatusBar bar;
};

TEST_F(StatusBarTest, NamesThePlaceUnderTheCursor) {
    LocationDescriber describer;
    const std::string text = drawnText(640.f, 400.f, &describer);
    EXPECT_NE(text.find("of Zvečan"), std::string::npos) << text;
}

TEST_F(StatusBarTest, SaysNothingOfThePlaceWithoutADescriberOrOffTheMap) {
    LocationDescriber describer;
    EXPECT_EQ(drawnText(640.f, 400.f, nullptr).find("Zvečan"), std::string::npos);
    // The mouse off the window: no position, so no place either.
    const std::string off = drawnText(-1e6f, -1e6f, &describer);
    EXPECT_EQ(off.find("Zvečan"), std::string::npos) << off;
}

}  // namespace
}  // namespace fp
