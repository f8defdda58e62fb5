// An incident layer with no incident yet (every row held for geocoding review) draws in every panel: layers,
// legend, table, timeline, with and without a time window, and asks for nothing by itself.
#include <gtest/gtest.h>

#include <memory>

#include "main_ui_fixture.h"

namespace fp {
namespace {

MapState stateWithEmptyLayer() {
    MapState state = MapState::create(MapScene{}).value();
    state.addIncidentLayer(std::make_shared<const IncidentStore>(), "held", "held.csv", "");
    return state;
}

class EmptyIncidentLayerUi : public test::MainUiFixture {
protected:
    EmptyIncidentLayerUi() : MainUiFixture(stateWithEmptyLayer()) {}
};

TEST_F(EmptyIncidentLayerUi, EveryPanelDrawsItWithoutAskingForAnything) {
    ui.setIncidentPanelOpen(IncidentPanelId::Table, true);
    ui.setIncidentPanelOpen(IncidentPanelId::Legend, true);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame().empty());
    TimeState time = state.time();
    time.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
    ASSERT_TRUE(apply(SetTimeState{time}).ok());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame().empty());
    EXPECT_TRUE(ui.isIncidentPanelOpen(IncidentPanelId::Table));
    EXPECT_TRUE(ui.isIncidentPanelOpen(IncidentPanelId::Legend));
}

}  // namespace
}  // namespace fp
