#include "ui/panels/notifications.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/widgets.h"

namespace fp {

void Notifications::push(LogLevel level, std::string text, double now) {
    const double duration = level == LogLevel::Error ? 10.0 : level == LogLevel::Warning ? 7.0 : 4.0;
    m_items.push_back({m_nextId++, level, std::move(text), now, duration});
    while (m_items.size() > 5) m_items.pop_front();
}

void Notifications::draw(const UiContext& ctx, CommandList& out) {
    std::erase_if(m_items, [&](const Item& item) { return ctx.time > item.shownAt + item.duration; });
    if (m_items.empty()) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    float y = ImGui::GetFrameHeight() + 10.f * s;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    int dismissed = 0;
    for (const Item& item : m_items) {
        const double remaining = item.shownAt + item.duration - ctx.time;
        const float alpha = static_cast<float>(std::clamp(remaining / 0.6, 0.0, 1.0));
        char name[32];
        std::snprintf(name, sizeof name, "##toast%d", item.id);
        const float right = ctx.map.w > 0.f ? ctx.map.right() : display.x;
        ImGui::SetNextWindowPos({right - 12.f * s, y}, ImGuiCond_Always, {1.f, 0.f});
        ImGui::SetNextWindowBgAlpha(0.95f * alpha);
        ImGui::SetNextWindowSizeConstraints({160.f * s, 0.f}, {440.f * s, 400.f * s});
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.f);
        ImGui::PushStyleColor(ImGuiCol_Border, logLevelColor(item.level, ctx.theme));
        if (ImGui::Begin(name, nullptr, flags)) {
            ImGui::PushTextWrapPos(420.f * s);
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(item.level, ctx.theme));
            ImGui::TextUnformatted(item.level == LogLevel::Error     ? "Error"
                                   : item.level == LogLevel::Warning ? "Warning"
                                                                     : "Done");
            ImGui::PopStyleColor();
            ImGui::TextUnformatted(item.text.c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) dismissed = item.id;
            y += ImGui::GetWindowHeight() + 6.f * s;
        }
        ImGui::End();
        ImGui::PopStyleColor();
        ImGui::PopStyleVar(2);
    }
    if (dismissed) std::erase_if(m_items, [&](const Item& item) { return item.id == dismissed; });
}

}  // namespace fp
