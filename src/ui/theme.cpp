#include "ui/theme.h"

#include <imgui.h>

#include <filesystem>

namespace fp {

void applyImGuiStyle(Theme theme, float scale) {
    ImGuiStyle style;
    if (theme == Theme::Dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 6.f;
    style.ChildRounding = 4.f;
    style.FrameRounding = 4.f;
    style.PopupRounding = 4.f;
    style.GrabRounding = 3.f;
    style.ScrollbarRounding = 6.f;
    style.WindowPadding = {10.f, 8.f};
    style.FramePadding = {6.f, 4.f};
    style.ItemSpacing = {8.f, 6.f};
    style.WindowTitleAlign = {0.02f, 0.5f};
    // Panels float over the map: slightly translucent so the map stays readable around them.
    ImVec4& bg = style.Colors[ImGuiCol_WindowBg];
    bg.w = theme == Theme::Dark ? 0.92f : 0.94f;
    if (theme == Theme::Light) style.Colors[ImGuiCol_MenuBarBg] = {0.95f, 0.95f, 0.95f, 1.f};
    style.ScaleAllSizes(scale > 0.f ? scale : 1.f);
    ImGui::GetStyle() = style;
}

const unsigned short* uiGlyphRanges() {
    static_assert(sizeof(ImWchar) == sizeof(unsigned short), "ImGui built with 16-bit ImWchar");
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement (° ë)
        0x0100, 0x017F,  // Latin Extended-A (Š ć Đ)
        0x0180, 0x024F,  // Latin Extended-B
        0x0250, 0x02FF,  // IPA Extensions (ə of Azerbaijani names), Spacing Modifier Letters (ʿ ʾ)
        0x0300, 0x036F,  // Combining Diacritical Marks (zero-width in DejaVu: drawn over the letter before)
        0x0370, 0x03FF,  // Greek
        0x0400, 0x052F,  // Cyrillic + Cyrillic Supplement
        0x1E00, 0x1EFF,  // Latin Extended Additional (Ḥ ṭ ẓ of transliterations, Vietnamese)
        0x2010, 0x205E,  // General Punctuation (– — … ‹ ›)
        0x2190, 0x2193,  // arrows ← ↑ → ↓
        0x2212, 0x2212,  // minus sign
        0,
    };
    return ranges;
}

bool loadUiFont(ImFontAtlas& atlas, const std::string& path, float pixelSize, float displayScale) {
    atlas.Clear();
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    ImFont* font = nullptr;
    std::error_code ec;
    if (!path.empty() && std::filesystem::is_regular_file(path, ec))
        font = atlas.AddFontFromFileTTF(path.c_str(), pixelSize, &config, uiGlyphRanges());
    if (!font) {
        ImFontConfig fallback;
        fallback.SizePixels = pixelSize;
        atlas.AddFontDefault(&fallback);
    } else {
        static const ImWchar kHeadlineRanges[] = {0x0020, 0x017F, 0x2000, 0x206F, 0};
        atlas.AddFontFromFileTTF(path.c_str(), 2.f * pixelSize, &config, kHeadlineRanges);
    }
    ImGui::GetIO().FontGlobalScale = displayScale;
    return font != nullptr;
}

ImFont* uiLargeFont() {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ImGui::GetFont();
}

}  // namespace fp
