// The inspector's incident form and the map's add and drag gestures: the commands they emit.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "command_find.h"
#include "imgui_harness.h"
#include "main_ui_fixture.h"
#include "ui/panels/incident_inspector_panel.h"

namespace fp {
namespace {

using test::findCommand;

MapState stateWithTwoIncidents() {
    Incident a;
    a.id = "a";
    a.title = "Alpha arrest";
    a.category = "Arrest";
    a.start = fromCivil({2022, 12, 10, 0, 0, 0});
    a.location = {20.9, 42.9};
    a.actors = {"Kosovo Police"};
    Incident b = a;
    b.id = "b";
    b.title = "Bravo roadblock";
    b.start = fromCivil({2022, 12, 11, 0, 0, 0});
    MapScene scene;
    scene.addIncidentLayer(std::make_shared<const IncidentStore>(IncidentStore::build({a, b})), "coded", "");
    auto state = MapState::create(std::move(scene)).value();
    state.resize(1280, 800, 1.f);
    return state;
}

class InspectorEditTest : public ::testing::Test {
protected:
    InspectorEditTest() : state(stateWithTwoIncidents()) {
        inspector.setOpen(true);
        inspector.setSelected({layerId(), 1});
    }
    uint64_t layerId() const { return state.scene().incidentLayers[0].id; }
    CommandList frame() {
        CommandList out;
        LogSnapshot log;
        harness.frame([&] {
            UiContext ctx{state, log};
            inspector.draw(ctx, out);
        });
        return out;
    }
    /// Clicks form field `id` (its ImGui label) to activate it.
    void activate(const char* id) {
        auto out = harness.clickItem(
            "Incident", [&](ImGuiID window) { return ImHashStr(id, 0, ImHashStr("editor", 0, window)); },
            [&] { return frame(); });
        ASSERT_TRUE(out) << id;
    }
    /// Replaces the active field's text with `text` and presses Enter; what the frames emitted.
    CommandList type(const std::string& text) {
        ImGuiIO& io = harness.io();
        io.KeyCtrl = true;
        io.KeysDown[test::kKeyA] = true;
        frame();
        io.KeysDown[test::kKeyA] = false;
        io.KeyCtrl = false;
        frame();
        io.AddInputCharactersUTF8(text.c_str());
        CommandList out = frame();
        io.KeysDown[test::kKeyEnter] = true;
        CommandList entered = frame();
        io.KeysDown[test::kKeyEnter] = false;
        CommandList after = frame();
        out.insert(out.end(), entered.begin(), entered.end());
        out.insert(out.end(), after.begin(), after.end());
        return out;
    }
    void startEditing() {
        auto out = harness.clickButton("Incident", "Edit", [&] { return frame(); });
        ASSERT_TRUE(out);
        EXPECT_TRUE(out->empty());
        EXPECT_TRUE(inspector.editing());
    }
    test::ImGuiHarness harness{1280.f, 1600.f};  // tall enough for the whole form
    MapState state;
    IncidentInspectorPanel inspector;
};

TEST_F(InspectorEditTest, ATypedTitleIsOneEditOfThatFieldOnly) {
    startEditing();
    activate("##title");
    const CommandList out = type("Roadblock at Jarinje");
    ASSERT_EQ(out.size(), 1u);
    const auto* edit = findCommand<EditIncident>(out);
    ASSERT_NE(edit, nullptr);
    EXPECT_EQ(edit->incident, (IncidentRef{layerId(), 1}));
    Incident want = state.scene().incidentLayers[0].data->get(1);
    want.title = "Roadblock at Jarinje";
    EXPECT_EQ(edit->values, want);
}

TEST_F(InspectorEditTest, DatesListsAndCountsAreReadAndBadOnesSendNothing) {
    startEditing();
    activate("##start");
    CommandList out = type("2022-12-20");
    const auto* edit = findCommand<EditIncident>(out);
    ASSERT_NE(edit, nullptr);
    EXPECT_EQ(edit->values.start, fromCivil({2022, 12, 20, 0, 0, 0}));
    activate("##actors");
    out = type("KFOR; Kosovo Police ;");
    edit = findCommand<EditIncident>(out);
    ASSERT_NE(edit, nullptr);
    EXPECT_EQ(edit->values.actors, (std::vector<std::string>{"KFOR", "Kosovo Police"}));
    activate("##end");
    out = type("last week");
    EXPECT_EQ(findCommand<EditIncident>(out), nullptr);
    EXPECT_EQ(inspector.editing(), true);
    activate("##fatalities");
    out = type("-3");
    EXPECT_EQ(findCommand<EditIncident>(out), nullptr);
}

TEST_F(InspectorEditTest, DeleteAndCopyButtons) {
    auto out = harness.clickButton("Incident", "Delete", [&] { return frame(); });
    ASSERT_TRUE(out);
    const auto* remove = findCommand<DeleteIncident>(*out);
    ASSERT_NE(remove, nullptr);
    EXPECT_EQ(remove->incident, (IncidentRef{layerId(), 1}));
    out = harness.clickButton("Incident", "Copy to own layer", [&] { return frame(); });
    ASSERT_TRUE(out);
    const auto* copy = findCommand<CopyIncidentsToOwnLayer>(*out);
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->only, (IncidentRef{layerId(), 1}));
}

class MapEditTest : public test::MainUiFixture {
protected:
    MapEditTest() : MainUiFixture(stateWithTwoIncidents()) {}
    /// Presses at `from`, moves to each of `path`, releases; applies every command to the session.
    CommandList drag(ImVec2 from, const std::vector<ImVec2>& path) {
        CommandList all;
        const auto run = [&] {
            session.nextFrame();
            for (const Command& c : frame()) {
                all.push_back(c);
                EXPECT_TRUE(apply(c).ok());
            }
        };
        harness.io().MousePos = from;
        run();
        harness.io().MouseDown[0] = true;
        run();
        for (ImVec2 p : path) {
            harness.io().MousePos = p;
            run();
        }
        harness.io().MouseDown[0] = false;
        run();
        return all;
    }
};

TEST_F(MapEditTest, AddModeTakesTheNextClickAndTheInspectorOpensInItsForm) {
    ui.incidentMapEditing().arm(true);
    const CommandList out = drag({640.f, 400.f}, {});
    const auto* add = findCommand<AddIncident>(out);
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(findCommand<SelectIncident>(out), nullptr);
    EXPECT_EQ(add->layerId, 0u);  // nothing selected: the session's own layer
    const LonLat at = state.projection().unproject(state.view().toMap({640.0, 400.0}));
    EXPECT_NEAR(add->incident.location.lon, at.lon, 1e-9);
    EXPECT_FALSE(ui.incidentMapEditing().adding());
    ui.onCommandResult(*add, {}, &state);
    EXPECT_TRUE(ui.incidentInspector().isOpen());
    EXPECT_TRUE(ui.incidentInspector().editing());
    const IncidentLayer& own = state.scene().incidentLayers.back();
    EXPECT_TRUE(own.own);
    EXPECT_EQ(own.data->size(), 1u);
    frame();
    EXPECT_EQ(ui.selectedIncident(), (IncidentRef{own.id, 0}));
}

TEST_F(MapEditTest, DraggingTheSelectedMarkerMovesItInOneUndoStepWithoutPanning) {
    const uint64_t id = state.scene().incidentLayers[0].id;
    ASSERT_TRUE(apply(SelectIncident{{id, 1}}).ok());
    ui.incidentInspector().setOpen(true);
    ui.incidentInspector().setEditing(true);
    IncidentHover hover;
    hover.hits = {{{id, 1}, 1, 1, false}};
    hover.total = 1;
    ui.setIncidentHover(hover);
    const MapView view = state.view();
    const CommandList out = drag({600.f, 400.f}, {{620.f, 410.f}, {620.f, 410.f}, {640.f, 420.f}});
    EXPECT_NE(findCommand<MoveIncident>(out), nullptr);
    EXPECT_EQ(findCommand<Pan>(out), nullptr);
    EXPECT_EQ(findCommand<SelectIncident>(out), nullptr);
    EXPECT_EQ(state.view().center, view.center);
    EXPECT_EQ(session.history().size(), 1u);
    EXPECT_EQ(session.history().undoName(), "Move incident");
    const LonLat at = state.projection().unproject(state.view().toMap({640.0, 420.0}));
    EXPECT_NEAR(state.scene().incidentLayers[0].data->get(1).location.lon, at.lon, 1e-9);
}

}  // namespace
}  // namespace fp
