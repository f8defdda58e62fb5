// Edit > Undo / Redo named after the change, and Ctrl+Z / Ctrl+Shift+Z, driving the app's Session.
#include <gtest/gtest.h>

#include "command_find.h"
#include "main_ui_fixture.h"

namespace fp {
namespace {

using test::findCommand;

const std::string kPolygons = std::string(FP_FIXTURES_DIR) + "/polygons.geojson";

class EditMenuUi : public test::MainUiFixture {
protected:
    void SetUp() override {
        ui.setExtraKeys({test::kKeyW, test::kKeyA, test::kKeyS, test::kKeyD, test::kKeyQ, 'F', 'E', 'Z'});
        ASSERT_TRUE(apply(AddLayer{kPolygons}).ok());
        layerId = state.scene().layers.back().id;
    }
    /// One frame with the project's menus as the window sets them, its commands applied by the session.
    CommandList step() {
        ui.projectDialogs().setProject(session.projectInfo({}));
        CommandList out = frame();
        for (const Command& c : out) EXPECT_TRUE(apply(c).ok());
        return out;
    }
    void recolour() {
        LayerStyle style = state.scene().find(layerId)->style;
        style.fill = Color::rgb(220, 40, 40);
        ASSERT_TRUE(apply(SetLayerStyle{layerId, style}).ok());
    }
    /// Opens the Edit menu and clicks its item `label`; what the click emitted (nullopt: no such item).
    std::optional<CommandList> clickEditItem(const std::string& label) {
        const ImGuiID bar = ImHashStr("##menubar", 0, ImHashStr("##MainMenuBar", 0, 0));
        auto opened = harness.clickItem(
            "##MainMenuBar", [&](ImGuiID) { return ImHashStr("Edit", 0, bar); }, [&] { return step(); });
        if (!opened) return std::nullopt;
        return harness.clickItem(
            "##Menu_00", [&](ImGuiID menu) { return ImHashStr(label.c_str(), 0, menu); },
            [&] { return step(); });
    }
    CommandList pressZ(bool shift) {
        harness.io().KeyCtrl = true;
        harness.io().KeyShift = shift;
        harness.io().KeysDown['Z'] = true;
        CommandList out = step();
        harness.io().KeysDown['Z'] = false;
        harness.io().KeyCtrl = harness.io().KeyShift = false;
        step();
        return out;
    }
    uint64_t layerId = 0;
};

TEST_F(EditMenuUi, UndoIsNamedAfterTheChangeAndRevertsIt) {
    const Color original = state.scene().find(layerId)->style.fill;
    recolour();
    EXPECT_NE(state.scene().find(layerId)->style.fill, original);
    auto undo = clickEditItem("Undo Change layer colour");
    ASSERT_TRUE(undo.has_value()) << "no item 'Undo Change layer colour'";
    EXPECT_NE(findCommand<Undo>(*undo), nullptr);
    EXPECT_EQ(state.scene().find(layerId)->style.fill, original);

    auto redo = clickEditItem("Redo Change layer colour");
    ASSERT_TRUE(redo.has_value()) << "no item 'Redo Change layer colour'";
    EXPECT_NE(findCommand<Redo>(*redo), nullptr);
    EXPECT_EQ(state.scene().find(layerId)->style.fill, Color::rgb(220, 40, 40));
}

TEST_F(EditMenuUi, CtrlZUndoesAndCtrlShiftZRedoes) {
    recolour();
    const Color changed = state.scene().find(layerId)->style.fill;
    EXPECT_NE(findCommand<Undo>(pressZ(false)), nullptr);
    EXPECT_NE(state.scene().find(layerId)->style.fill, changed);
    EXPECT_NE(findCommand<Redo>(pressZ(true)), nullptr);
    EXPECT_EQ(state.scene().find(layerId)->style.fill, changed);
    // Back to the start: the added layer goes too, and nothing is left unsaved.
    pressZ(false);
    pressZ(false);
    EXPECT_TRUE(state.scene().layers.empty());
    EXPECT_FALSE(session.dirty());
    EXPECT_FALSE(ui.projectDialogs().project().dirty);
}

}  // namespace
}  // namespace fp
