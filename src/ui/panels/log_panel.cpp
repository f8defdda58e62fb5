#include "ui/panels/log_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "ui/widgets.h"

namespace fp {

void LogSnapshot::refresh(const Log& log) {
    const uint64_t current = log.generation();
    if (current == generation) return;
    generation = current;
    entries = log.entries();
    warnings = errors = 0;
    for (const auto& e : entries) {
        warnings += e.level == LogLevel::Warning;
        errors += e.level == LogLevel::Error;
    }
}

namespace {

bool containsNoCase(const std::string& haystack, const std::string& needle) {
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != haystack.end();
}

}  // namespace

void LogPanel::rebuild(const LogSnapshot& log) {
    if (log.generation != m_builtGeneration) {
        m_lines.clear();
        m_lines.reserve(log.entries.size());
        for (const auto& e : log.entries) {
            char head[48];
            std::snprintf(head, sizeof head, "%9.3f  %-7s  ", e.secondsSinceStart, logLevelName(e.level));
            std::string line = head + e.message;
            // The clipper needs rows of one height: multi-line messages become one line.
            std::replace(line.begin(), line.end(), '\n', ' ');
            m_lines.push_back(std::move(line));
        }
        m_builtGeneration = log.generation;
        m_dirty = true;
    }
    if (!m_dirty) return;
    m_visible.clear();
    for (size_t i = 0; i < log.entries.size(); ++i) {
        if (!m_show[static_cast<int>(log.entries[i].level)]) continue;
        if (!m_filter.empty() && !containsNoCase(m_lines[i], m_filter)) continue;
        m_visible.push_back(i);
    }
    m_dirty = false;
}

void LogPanel::draw(const UiContext& ctx, CommandList& out) {
    if (!m_open) return;
    const float s = ctx.scale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize({640.f * s, 260.f * s}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos({display.x - 12.f * s, display.y - 48.f * s}, ImGuiCond_FirstUseEver, {1.f, 1.f});
    if (!ImGui::Begin(title(), &m_open)) {
        ImGui::End();
        return;
    }
    const bool newEntries = ctx.log.generation != m_builtGeneration;

    static const LogLevel kLevels[] = {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error};
    static const char* kLabels[] = {"Debug", "Info", "Warnings", "Errors"};
    for (int i = 0; i < 4; ++i) {
        ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(kLevels[i], ctx.theme));
        m_dirty |= ImGui::Checkbox(kLabels[i], &m_show[i]);
        ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(std::max(80.f * s, ImGui::GetContentRegionAvail().x - 250.f * s));
    m_dirty |= ImGui::InputTextWithHint("##filter", "Filter", &m_filter);
    ImGui::SameLine();
    ImGui::Checkbox("Auto-scroll", &m_autoScroll);
    ImGui::SameLine();
    if (ImGui::Button("Copy")) {
        std::string all;
        for (size_t i : m_visible) all += m_lines[i] + '\n';
        ImGui::SetClipboardText(all.c_str());
    }
    itemTooltip("Copy the listed entries to the clipboard");
    ImGui::SameLine();
    if (ImGui::Button("Clear")) out.push_back(ClearLog{});

    rebuild(ctx.log);
    ImGui::Separator();
    ImGui::BeginChild("##entries", {0.f, 0.f}, false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_visible.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const size_t i = m_visible[static_cast<size_t>(row)];
            ImGui::PushStyleColor(ImGuiCol_Text, logLevelColor(ctx.log.entries[i].level, ctx.theme));
            ImGui::TextUnformatted(m_lines[i].c_str());
            ImGui::PopStyleColor();
        }
    }
    clipper.End();
    if (m_autoScroll && newEntries) ImGui::SetScrollHereY(1.f);
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace fp
