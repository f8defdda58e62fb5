#pragma once

// A MainUi over a real Session (the app's: every command applied as the window applies it) in an ImGui
// context without a backend, frame by frame.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "app/session/session.h"
#include "core/project/map_state.h"
#include "imgui_harness.h"
#include "ui/main_ui.h"

namespace fp::test {

class MainUiFixture : public ::testing::Test {
protected:
    explicit MainUiFixture(MapState initial = std::move(MapState::create(MapScene{})).value())
        : session(std::move(initial)), state(session.state()) {
        session.resize(1280, 800, 1.f);
    }
    /// An empty map with the incidents of `source` loaded (as a project that names them would).
    static MapState withIncidents(const std::string& source) {
        MapState state = MapState::create(MapScene{}).value();
        auto id = state.addIncidents(source);
        EXPECT_TRUE(id.ok()) << id.error().describe();
        return state;
    }
    /// The id of the newest incident layer (0: none).
    uint64_t newestIncidentLayer() const {
        return state.scene().incidentLayers.empty() ? 0 : state.scene().incidentLayers.back().id;
    }
    /// Applies `command` to the session, as the window does with what the UI emits.
    Status apply(const Command& command) { return session.apply(command); }
    /// One UI frame; the commands it emitted.
    CommandList frame() {
        CommandList out;
        harness.frame([&] { ui.frame(state, {}, out); });
        return out;
    }
    /// Clicks the button `label` in incident layer `layerId`'s part of the (open) Incidents window; what the
    /// press and release frames emitted, nullopt when there is no such button.
    std::optional<CommandList> clickLegendButton(uint64_t layerId, const char* label) {
        ImGuiID target = 0;
        harness.frame([&] {
            ImGui::Begin(ui.incidentLegend().title());
            ImGui::BeginChild("##incidentLayers");
            ImGui::PushID(("incidents" + std::to_string(layerId)).c_str());
            target = ImGui::GetID(label);
            ImGui::PopID();
            ImGui::EndChild();
            ImGui::End();
        });
        return harness.clickItem(
            ui.incidentLegend().title(), [&](ImGuiID) { return target; }, [&] { return frame(); });
    }
    ImGuiHarness harness;
    Session session;
    const MapState& state;  ///< the session's
    MainUi ui;
};

}  // namespace fp::test
