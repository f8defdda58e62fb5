#pragma once

#include <imgui.h>

#include <imgui_internal.h>

#include <functional>
#include <optional>

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

    /// Clicks the button `label` of window `window`: finds it by moving the mouse over the window from the
    /// bottom up, then presses and releases. `draw` runs one UI frame (with frame()) and returns what it
    /// emitted; the result is what the press and release frames emitted. nullopt when there is no such
    /// button.
    template <class Draw>
    auto clickButton(const char* window, const char* label, Draw draw) -> std::optional<decltype(draw())> {
        return clickItem(
            window, [&](ImGuiID windowId) { return ImHashStr(label, 0, windowId); }, draw);
    }

    /// As clickButton, for the item whose ID `id(windowId)` computes from window `window`'s ID (for items in
    /// tables or under PushID, hash as ImGui does: ImHashStr for labels, ImHashData for PushID(int)). The ID
    /// is computed without a frame of its own: such a frame would hide the other windows for one frame, and
    /// reappearing they would come in front of `window`.
    template <class Id, class Draw>
    auto clickItem(const char* window, Id id, Draw draw) -> std::optional<decltype(draw())> {
        draw();
        draw();
        const ImGuiID target = id(ImHashStr(window, 0, 0));
        ImGuiWindow* w = ImGui::FindWindowByName(window);
        if (!w) return std::nullopt;
        const ImVec2 pos = w->Pos, size = w->Size;
        std::optional<ImVec2> at;
        for (float y = pos.y + size.y - 2.f; !at && y > pos.y; y -= 3.f)
            for (float x = pos.x + 4.f; !at && x < pos.x + size.x; x += 10.f) {
                io().MousePos = {x, y};
                draw();
                if (ImGui::GetCurrentContext()->HoveredId == target) at = ImVec2(x, y);
            }
        if (!at) return std::nullopt;
        io().MouseDown[0] = true;
        auto out = draw();
        io().MouseDown[0] = false;
        auto released = draw();
        out.insert(out.end(), released.begin(), released.end());
        return out;
    }
};

}  // namespace fp::test
