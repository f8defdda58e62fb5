#include "ui/panels/crs_panel.h"

#include <gtest/gtest.h>

#include "imgui_harness.h"

namespace fp {
namespace {

TEST(CrsPresets, OfferTheRequiredSystemsAndEachParses) {
    const auto presets = crsPresets();
    ASSERT_EQ(presets.size(), 5u);
    EXPECT_STREQ(presets[0].definition, "EPSG:32634");  // the default comes first
    for (const CrsPreset& preset : presets) {
        auto crs = Crs::fromUserInput(preset.definition);
        ASSERT_TRUE(crs.ok()) << preset.definition;
        for (const CrsPreset& other : presets)
            EXPECT_EQ(isPreset(crs.value(), other), &other == &preset)
                << preset.label << " vs " << other.label;
    }
}

TEST(CrsPresets, APresetTypedByHandIsRecognised) {
    auto crs =
        Crs::fromUserInput("  +proj=lcc +lat_1=41 +lat_2=46 +lat_0=43.5 +lon_0=21 +datum=WGS84 +units=m ");
    ASSERT_TRUE(crs.ok());
    EXPECT_TRUE(isPreset(crs.value(), crsPresets()[4]));
    auto code = Crs::fromUserInput("3857");
    ASSERT_TRUE(code.ok());
    EXPECT_TRUE(isPreset(code.value(), crsPresets()[1]));
}

TEST(CrsPanel, EnterAppliesTheTypedDefinitionAndAnErrorRefocuses) {
    test::ImGuiHarness ui;
    auto state = MapState::create(MapScene{});
    ASSERT_TRUE(state.ok());
    CrsPanel panel;
    panel.setOpen(true);
    panel.setDefinitionText(" EPSG:3035 ");
    panel.focusField();
    LogSnapshot log;
    auto frame = [&] {
        CommandList out;
        ui.frame([&] {
            UiContext ctx{state.value(), log};
            panel.draw(ctx, out);
        });
        return out;
    };
    frame();
    frame();
    ui.io().KeysDown[test::kKeyEnter] = true;
    CommandList out = frame();
    ui.io().KeysDown[test::kKeyEnter] = false;
    ASSERT_EQ(out.size(), 1u);
    const auto* set = std::get_if<SetCrs>(&out[0]);
    ASSERT_NE(set, nullptr);
    EXPECT_EQ(set->definition, "EPSG:3035");

    panel.setOpen(false);
    panel.crsFinished("EPSG:3035", false, "EPSG:3035: broken");
    EXPECT_TRUE(panel.isOpen());  // an error is never hidden
    frame();
    frame();
    frame();                             // focus requested, taken, then reported in the next frame's IO
    EXPECT_TRUE(ui.io().WantTextInput);  // the field has the keyboard again for a correction
}

}  // namespace
}  // namespace fp
