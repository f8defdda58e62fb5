#include "ui/map_interaction.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace fp {

namespace {

ScreenXY mouseInPhysicalPixels(const ImGuiIO& io) {
    return {static_cast<double>(io.MousePos.x) * io.DisplayFramebufferScale.x,
            static_cast<double>(io.MousePos.y) * io.DisplayFramebufferScale.y};
}

bool keyDown(int index) {
    return index >= 0 && ImGui::IsKeyDown(index);
}

}  // namespace

void MapInteraction::update(const MapView& view, CommandList& out) {
    updateMouse(out);
    updateKeyboard(view, out);
}

void MapInteraction::setPickMode(bool on) {
    if (on == m_pickMode) return;
    m_pickMode = on;
    m_pickPress = false;
    m_picked.reset();
}

bool MapInteraction::updatePick(CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !io.WantCaptureMouse) {
        m_pickPress = true;
        m_dragging = false;
        return true;
    }
    if (!m_pickPress) return false;
    if (!io.MouseDown[ImGuiMouseButton_Left]) {
        m_pickPress = false;
        const ImVec2 at = io.MouseClickedPos[ImGuiMouseButton_Left];
        m_picked = ScreenXY{static_cast<double>(at.x) * io.DisplayFramebufferScale.x,
                            static_cast<double>(at.y) * io.DisplayFramebufferScale.y};
        return true;
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, kPickSlopPx)) {
        // Not a click after all: pan, catching up with the motion held back so far.
        m_pickPress = false;
        m_dragging = true;
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.f);
        out.push_back(Pan{static_cast<double>(d.x) * io.DisplayFramebufferScale.x,
                          static_cast<double>(d.y) * io.DisplayFramebufferScale.y});
    }
    return true;
}

void MapInteraction::updateMouse(CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (m_pickMode && updatePick(out)) {
        if (io.MouseWheel != 0.f && !io.WantCaptureMouse && ImGui::IsMousePosValid())
            out.push_back(
                Zoom{mouseInPhysicalPixels(io), std::pow(kWheelStep, static_cast<double>(io.MouseWheel))});
        return;
    }
    // A drag that started on the map keeps panning even over a panel; ImGui reports no capture for it.
    // The press frame's own motion came before the press, so the drag starts counting on the next frame.
    const bool pressed = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    if (pressed && !io.WantCaptureMouse) m_dragging = true;
    if (!io.MouseDown[ImGuiMouseButton_Left]) m_dragging = false;

    if (m_dragging && !pressed) {
        const ImVec2 d = io.MouseDelta;
        if (d.x != 0.f || d.y != 0.f)
            out.push_back(Pan{static_cast<double>(d.x) * io.DisplayFramebufferScale.x,
                              static_cast<double>(d.y) * io.DisplayFramebufferScale.y});
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (io.WantCaptureMouse || !ImGui::IsMousePosValid()) return;

    if (io.MouseWheel != 0.f)
        out.push_back(
            Zoom{mouseInPhysicalPixels(io), std::pow(kWheelStep, static_cast<double>(io.MouseWheel))});
    if (io.MouseDoubleClicked[ImGuiMouseButton_Left] && !m_pickMode)
        out.push_back(Zoom{mouseInPhysicalPixels(io), kKeyZoomStep});
}

void MapInteraction::updateKeyboard(const MapView& view, CommandList& out) {
    const ImGuiIO& io = ImGui::GetIO();
    m_keyPanning = false;
    if (io.WantCaptureKeyboard) return;
    const bool modifier = io.KeyCtrl || io.KeyAlt || io.KeySuper;
    const ScreenXY centre = m_mapCentre.value_or(ScreenXY{view.widthPx * 0.5, view.heightPx * 0.5});

    if (!m_timeKeys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false))
        out.push_back(ResetView{});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), true))
        out.push_back(Zoom{centre, kKeyZoomStep});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), true))
        out.push_back(Zoom{centre, 1.0 / kKeyZoomStep});
    // Typed characters rather than key codes, so '+' works on every keyboard layout and on the keypad.
    if (!modifier) {
        for (ImWchar c : io.InputQueueCharacters) {
            if (c == '+' || c == '=') out.push_back(Zoom{centre, kKeyZoomStep});
            if (c == '-' || c == '_') out.push_back(Zoom{centre, 1.0 / kKeyZoomStep});
        }
    }
    if (modifier) return;

    const int right = (!m_timeKeys && keyDown(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) || keyDown(m_keys.d);
    const int left = (!m_timeKeys && keyDown(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) || keyDown(m_keys.a);
    const int up = keyDown(ImGui::GetKeyIndex(ImGuiKey_UpArrow)) || keyDown(m_keys.w);
    const int down = keyDown(ImGui::GetKeyIndex(ImGuiKey_DownArrow)) || keyDown(m_keys.s);
    const int dirX = right - left, dirY = up - down;
    if (dirX == 0 && dirY == 0) return;
    m_keyPanning = true;
    // After an idle wait or a slow frame (a file load) DeltaTime is long; clamping avoids a jump.
    const double dt = std::clamp(static_cast<double>(io.DeltaTime), 0.0, 0.1);
    const double step = kKeyPanSpeed * view.pixelRatio * dt;
    // Moving the view right (east) means the content moves left.
    out.push_back(Pan{-dirX * step, dirY * step});
}

}  // namespace fp
