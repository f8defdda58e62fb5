#pragma once

// A MainUi over a real MapState in an ImGui context without a backend, frame by frame.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/project/map_state.h"
#include "imgui_harness.h"
#include "ui/main_ui.h"

namespace fp::test {

class MainUiFixture : public ::testing::Test {
protected:
    explicit MainUiFixture(MapState initial = std::move(MapState::create(MapScene{})).value())
        : state(std::move(initial)) {
        state.resize(1280, 800, 1.f);
    }
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
    MapState state;
    MainUi ui;
};

}  // namespace fp::test
