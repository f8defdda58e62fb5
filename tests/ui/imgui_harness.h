#pragma once

#include <imgui.h>

#include <functional>

namespace fp::test {

/// Native key indices the harness maps ImGui's named keys to (any free io.KeysDown slots would do).
enum HarnessKey : int {
    kKeyLeft = 301,
    kKeyRight,
    kKeyUp,
    kKeyDown,
    kKeyPageUp,
    kKeyPageDown,
    kKeyHome,
    kKeyEnter,
    kKeySpace,
    kKeyEnd,
    kKeyW = 'W',
    kKeyA = 'A',
    kKeyS = 'S',
    kKeyD = 'D',
    kKeyQ = 'Q',
};

/// A Dear ImGui context with no platform or renderer backend: fixed display size, a built font atlas and
/// a key map, so UI code can run frame by frame with simulated input.
class ImGuiHarness {
public:
    explicit ImGuiHarness(float width = 1280.f, float height = 800.f) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = {width, height};
        io.DeltaTime = 1.f / 60.f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.KeyMap[ImGuiKey_LeftArrow] = kKeyLeft;
        io.KeyMap[ImGuiKey_RightArrow] = kKeyRight;
        io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
        io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
        io.KeyMap[ImGuiKey_PageUp] = kKeyPageUp;
        io.KeyMap[ImGuiKey_PageDown] = kKeyPageDown;
        io.KeyMap[ImGuiKey_Home] = kKeyHome;
        io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
        io.KeyMap[ImGuiKey_Space] = kKeySpace;
        io.KeyMap[ImGuiKey_End] = kKeyEnd;
        io.KeyMap[ImGuiKey_A] = kKeyA;
    }
    ~ImGuiHarness() { ImGui::DestroyContext(); }
    ImGuiHarness(const ImGuiHarness&) = delete;
    ImGuiHarness& operator=(const ImGuiHarness&) = delete;

    ImGuiIO& io() { return ImGui::GetIO(); }

    /// Runs one frame: NewFrame, `body`, EndFrame. Input set on io() before the call applies to this frame.
    void frame(const std::function<void()>& body) {
        ImGui::NewFrame();
        body();
        ImGui::EndFrame();
    }
};

}  // namespace fp::test
