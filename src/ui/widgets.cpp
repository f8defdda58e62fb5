#include "ui/widgets.h"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>

namespace fp {

std::string ellipsize(const std::string& text, float maxWidth) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxWidth) return text;
    static const std::string kEllipsis = "\xE2\x80\xA6";
    const float budget = maxWidth - ImGui::CalcTextSize(kEllipsis.c_str()).x;
    size_t end = 0;
    for (size_t next = 0; next < text.size();) {
        // Advance one UTF-8 character: skip its continuation bytes.
        size_t step = next + 1;
        while (step < text.size() && (static_cast<unsigned char>(text[step]) & 0xC0) == 0x80) ++step;
        if (ImGui::CalcTextSize(text.c_str(), text.c_str() + step).x > budget) break;
        end = next = step;
    }
    return text.substr(0, end) + kEllipsis;
}

void sameLineIfFits(float nextWidth) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < nextWidth) ImGui::NewLine();
}

float toggleWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

void itemTooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

ImVec4 logLevelColor(LogLevel level, Theme theme) {
    const bool dark = theme == Theme::Dark;
    switch (level) {
        case LogLevel::Debug:
            return dark ? ImVec4(0.55f, 0.55f, 0.58f, 1.f) : ImVec4(0.50f, 0.50f, 0.52f, 1.f);
        case LogLevel::Info:
            return ImGui::GetStyleColorVec4(ImGuiCol_Text);
        case LogLevel::Warning:
            return dark ? ImVec4(1.00f, 0.78f, 0.30f, 1.f) : ImVec4(0.70f, 0.45f, 0.00f, 1.f);
        case LogLevel::Error:
            return dark ? ImVec4(1.00f, 0.45f, 0.42f, 1.f) : ImVec4(0.80f, 0.10f, 0.10f, 1.f);
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string trimBlanks(const std::string& text) {
    const char* blanks = " \t\r\n";
    const size_t first = text.find_first_not_of(blanks);
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

std::string cleanPathInput(const std::string& text) {
    std::string s = trimBlanks(text);
    if (s.empty()) return s;
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        s = s.substr(1, s.size() - 2);
    if (s.rfind("file://", 0) == 0) {
        std::string decoded;
        for (size_t i = 7; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
                decoded += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
                i += 2;
            } else {
                decoded += s[i];
            }
        }
        // "file://localhost/path" and "file:///path" both name /path.
        if (decoded.rfind("localhost/", 0) == 0) decoded.erase(0, 9);
        s = decoded;
    }
    if (s.rfind("~/", 0) == 0) {
        if (const char* home = std::getenv("HOME"); home && *home) s = std::string(home) + s.substr(1);
    }
    return s;
}

bool inputText(const char* label, std::string& value, const char* hint) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, "%s", value.c_str());
    const bool changed = hint ? ImGui::InputTextWithHint(label, hint, buf, sizeof buf)
                              : ImGui::InputText(label, buf, sizeof buf);
    if (changed) value = buf;
    return changed;
}

void sizePresetCombo(std::span<const SizePreset> presets, ExportSettings& settings, float width) {
    int current = -1;
    for (size_t i = 0; i < presets.size(); ++i)
        if (presets[i].widthPx == settings.widthPx && presets[i].heightPx == settings.heightPx)
            current = static_cast<int>(i);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo("Size", current >= 0 ? presets[current].label : "Custom")) return;
    for (size_t i = 0; i < presets.size(); ++i)
        if (ImGui::Selectable(presets[i].label, static_cast<int>(i) == current)) {
            settings.widthPx = presets[i].widthPx;
            settings.heightPx = presets[i].heightPx;
            if (presets[i].dpi > 0.0) settings.dpi = presets[i].dpi;
        }
    ImGui::EndCombo();
}

void centreNextWindow() {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({0.5f * display.x, 0.5f * display.y}, ImGuiCond_Appearing, {0.5f, 0.5f});
}

void centreNextDialog(bool& appearing) {
    centreNextWindow();
    if (appearing) {
        ImGui::SetNextWindowFocus();
        appearing = false;
    }
}

}  // namespace fp
