#include <gtest/gtest.h>

#include "../core/places_test_util.h"
#include "main_ui_fixture.h"

namespace fp {
namespace {

class PlaceSearchUi : public test::MainUiFixture {
protected:
    PlaceSearchUi() {
        ui.setExtraKeys({'W', 'A', 'S', 'D', 'Q', 'F'});
        gazetteer = Gazetteer::fromRecords(test::regionRecords(), "region").value();
        ui.placeSearch().setGazetteer(gazetteer);
    }
    std::shared_ptr<const Gazetteer> gazetteer;
    /// Presses `key` (native index) for one frame, with Ctrl when asked; the commands of that frame.
    CommandList press(int key, bool ctrl = false) {
        harness.io().KeyCtrl = ctrl;
        harness.io().KeysDown[key] = true;
        CommandList out = frame();
        harness.io().KeysDown[key] = false;
        harness.io().KeyCtrl = false;
        frame();
        return out;
    }
};

TEST_F(PlaceSearchUi, CtrlFOpensTheBoxWithTheKeyboardInTheField) {
    EXPECT_FALSE(ui.isPanelOpen(PanelId::PlaceSearch));
    press('F', true);
    EXPECT_TRUE(ui.isPanelOpen(PanelId::PlaceSearch));
    frame();
    frame();  // focus requested, taken, then reported in the next frame's IO
    EXPECT_TRUE(harness.io().WantTextInput);
}

TEST_F(PlaceSearchUi, TypingCyrillicListsStrpceFirstWithCountryAndAdminAndEnterFliesThere) {
    press('F', true);
    frame();
    harness.io().AddInputCharactersUTF8("Штрпце");
    frame();
    frame();
    EXPECT_EQ(ui.placeSearch().query(), "Штрпце");
    const auto& hits = ui.placeSearch().hits();
    ASSERT_EQ(hits.size(), 2u);  // the town, then its municipality
    const Gazetteer& g = *gazetteer;
    EXPECT_EQ(g.place(hits[0].place).id, 785388u);
    EXPECT_EQ(g.place(hits[1].place).featureCode, "ADM2");

    const MapXY before = state.view().center;
    CommandList out = press(test::kKeyEnter);
    const FlyToPlace* fly = nullptr;
    for (const Command& c : out)
        if (const auto* f = std::get_if<FlyToPlace>(&c)) fly = f;
    ASSERT_NE(fly, nullptr);
    EXPECT_EQ(fly->name, "Štrpce");
    EXPECT_NEAR(fly->position.lon, 21.02722, 1e-6);
    EXPECT_NEAR(fly->position.lat, 42.23944, 1e-6);
    const double beforeScale = state.view().unitsPerPixel;
    ASSERT_TRUE(apply(*fly).ok());
    const LonLat centre = state.projection().unproject(state.view().center);
    EXPECT_NEAR(centre.lon, 21.02722, 1e-6);
    EXPECT_NEAR(centre.lat, 42.23944, 1e-6);
    EXPECT_NE(state.view().center, before);
    EXPECT_LT(state.view().unitsPerPixel, beforeScale);  // zoomed in on the town
    EXPECT_FALSE(ui.isPanelOpen(PanelId::PlaceSearch));  // the box closes once it has flown
}

TEST_F(PlaceSearchUi, DownArrowChoosesTheNextCandidate) {
    press('F', true);
    frame();
    harness.io().AddInputCharactersUTF8("Mitrovica");
    frame();
    frame();
    ASSERT_GE(ui.placeSearch().hits().size(), 2u);
    press(test::kKeyDown);
    EXPECT_EQ(ui.placeSearch().selected(), 1);
    CommandList out = press(test::kKeyEnter);
    const FlyToPlace* fly = nullptr;
    for (const Command& c : out)
        if (const auto* f = std::get_if<FlyToPlace>(&c)) fly = f;
    ASSERT_NE(fly, nullptr);
    EXPECT_EQ(fly->name, "Sremska Mitrovica");  // the namesake in Serbia, second in the list
}

TEST_F(PlaceSearchUi, NoMatchAndLoadErrorsAreShownNotFlown) {
    press('F', true);
    frame();
    harness.io().AddInputCharactersUTF8("Xqzwvkj");
    frame();
    frame();
    EXPECT_TRUE(ui.placeSearch().hits().empty());
    CommandList out = press(test::kKeyEnter);
    for (const Command& c : out) EXPECT_FALSE(std::holds_alternative<FlyToPlace>(c));

    ui.placeSearch().setGazetteer(nullptr);
    ui.placeSearch().setLoadError("places.fpgaz: not a valid Flashpoint gazetteer file: checksum mismatch");
    ui.setPanelOpen(PanelId::PlaceSearch, true);
    frame();
    EXPECT_TRUE(ui.placeSearch().hits().empty());  // nothing searched without a gazetteer, no crash
}

TEST(PlaceFlyTo, AnInvalidPositionIsRefusedAndTheViewStays) {
    Session session(MapState::create(MapScene{}).value());
    session.resize(800, 600, 1.f);
    const MapState& state = session.state();
    const MapXY before = state.view().center;
    Status s = session.apply(FlyToPlace{{500.0, 42.0}, 2000.0, "Nowhere"});
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(state.view().center, before);
}

TEST(PlaceLabelsCommand, ThePlacesRowChoiceReachesTheScene) {
    Session session(MapState::create(MapScene{}).value());
    PlaceLabelStyle style;
    style.visible = false;
    style.script = PlaceLabelScript::English;
    ASSERT_TRUE(session.apply(SetPlaceLabels{style}).ok());
    EXPECT_EQ(session.state().scene().placeLabels, style);
}

}  // namespace
}  // namespace fp
