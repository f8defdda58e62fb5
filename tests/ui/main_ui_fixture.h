#pragma once

// A MainUi over a real MapState in an ImGui context without a backend, frame by frame.
#include <gtest/gtest.h>

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
    ImGuiHarness harness;
    MapState state;
    MainUi ui;
};

}  // namespace fp::test
