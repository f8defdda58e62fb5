#include "ui/panels/help_windows.h"

#include <imgui.h>

namespace fp {

namespace {

/// Centres the next window on the map area (or the display before the first layout).
void centreOnMap(const UiContext& ctx, float width) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const UiRect map = ctx.map.w > 0.f ? ctx.map : UiRect{0.f, 0.f, display.x, display.y};
    ImGui::SetNextWindowPos({map.x + 0.5f * map.w, map.y + 0.5f * map.h}, ImGuiCond_Appearing, {0.5f, 0.5f});
    ImGui::SetNextWindowSize({width * ctx.scale, 0.f}, ImGuiCond_Appearing);
}

bool escapePressed() {
    return ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

void section(const char* heading, std::initializer_list<const char*> lines) {
    ImGui::TextDisabled("%s", heading);
    for (const char* line : lines) {
        // BulletText does not wrap: a bullet, then the line wrapped at the caller's wrap position.
        ImGui::Bullet();
        ImGui::TextUnformatted(line);
    }
}

}  // namespace

void KeysHelpOverlay::draw(const UiContext& ctx, CommandList&) {
    if (!m_open) return;
    centreOnMap(ctx, 560.f);
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
    if (ImGui::Begin(title(), &m_open, flags)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 540.f * ctx.scale);
        section("Map",
                {"Drag with the left button to pan", "Wheel zooms about the cursor; double-click zooms in",
                 "Arrows or WASD pan; + / - or PageUp / PageDown zoom", "Home resets the view"});
        section("Time",
                {"Space plays or pauses",
                 "Over the timeline, or while playing: Left / Right step, Home / End go to the start / "
                 "end (the arrows and Home then leave the map alone; A / D still pan)",
                 "Wheel zooms the timeline, drag pans it; click a day"});
        section("Data", {"Drop files on the window to add them as layers (CSV files as incidents)",
                         "Hover an incident for a summary; click it for every detail",
                         "Click a numbered group to spread its incidents apart"});
        section("Window", {"The \xE2\x80\xB9 / \xE2\x80\xBA strips beside the side panels hide or show them; "
                           "drag a strip to resize its panels",
                           "Ctrl+S saves, Ctrl+Z undoes, Ctrl+F finds a place, Ctrl+E exports an image",
                           "This overlay: Help > Keys and mouse"});
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        if (ImGui::Button("Got it") || escapePressed()) m_open = false;
    }
    ImGui::End();
}

void AboutBox::draw(const UiContext& ctx, CommandList&) {
    if (!m_open) return;
    centreOnMap(ctx, 480.f);
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize;
    if (ImGui::Begin(title(), &m_open, flags)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 460.f * ctx.scale);
        ImGui::TextUnformatted(
            "Flashpoint maps incidents over country boundaries, plays them back in time and "
            "exports briefing images and animations.");
        ImGui::PopTextWrapPos();
        ImGui::Separator();
        ImGui::TextUnformatted(m_versionText.empty() ? "flashpoint " FP_VERSION : m_versionText.c_str());
        ImGui::Spacing();
        if (ImGui::Button("Copy")) ImGui::SetClipboardText(m_versionText.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Close") || escapePressed()) m_open = false;
    }
    ImGui::End();
}

}  // namespace fp
