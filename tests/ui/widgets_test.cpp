#include "ui/widgets.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <sstream>

#include "core/places/gazetteer.h"
#include "imgui_harness.h"
#include "ui/theme.h"

namespace fp {
namespace {

TEST(CleanPathInput, StripsBlanksQuotesAndFileUrls) {
    EXPECT_EQ(cleanPathInput("  /data/roads.shp \n"), "/data/roads.shp");
    EXPECT_EQ(cleanPathInput("\"/data/my roads.shp\""), "/data/my roads.shp");
    EXPECT_EQ(cleanPathInput("'/data/x.gpkg'"), "/data/x.gpkg");
    EXPECT_EQ(cleanPathInput("file:///data/my%20roads.geojson"), "/data/my roads.geojson");
    EXPECT_EQ(cleanPathInput("file://localhost/data/a.shp"), "/data/a.shp");
    EXPECT_EQ(cleanPathInput("   "), "");
    EXPECT_EQ(cleanPathInput("\"unbalanced.shp"), "\"unbalanced.shp");
}

TEST(CleanPathInput, ExpandsHome) {
    setenv("HOME", "/home/analyst", 1);
    const char* home = std::getenv("HOME");
    EXPECT_EQ(cleanPathInput("~/maps/a.shp"), std::string(home) + "/maps/a.shp");
    EXPECT_EQ(cleanPathInput("/x/~/a.shp"), "/x/~/a.shp");
}

TEST(Ellipsize, CutsAtCharacterBoundaries) {
    test::ImGuiHarness ui;
    ui.frame([] {
        const std::string name =
            "\xD0\x9F\xD1\x80\xD0\xB8\xD1\x88\xD1\x82\xD0\xB8\xD0\xBD\xD0\xB0 municipalities";
        EXPECT_EQ(ellipsize(name, 10000.f), name);
        const std::string cut =
            ellipsize(name, ImGui::CalcTextSize("Pri").x + ImGui::CalcTextSize("\xE2\x80\xA6").x);
        ASSERT_GE(cut.size(), 3u);
        EXPECT_EQ(cut.substr(cut.size() - 3), "\xE2\x80\xA6");
        EXPECT_LT(cut.size(), name.size());
        // No split UTF-8 sequence: every byte before the ellipsis starts or continues a complete character.
        const std::string head = cut.substr(0, cut.size() - 3);
        EXPECT_EQ(head.size() % 2, 0u);  // the Cyrillic letters are two bytes each
    });
}

/// The window's font as the app loads it, its atlas built; null when the font file is missing
/// (fonts-dejavu-core is installed by scripts/setup: its absence is a set-up failure, not a skip).
const ImFont* builtUiFont(test::ImGuiHarness& ui) {
    ImFontAtlas& atlas = *ui.io().Fonts;
    if (!loadUiFont(atlas, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 15.f, 1.f)) return nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    return atlas.Fonts[0];
}

TEST(UiFont, CoversLatinExtendedAndCyrillic) {
    test::ImGuiHarness ui;
    const ImFont* font = builtUiFont(ui);
    ASSERT_NE(font, nullptr);
    for (ImWchar c : {0x0160, 0x00EB, 0x0107, 0x0110, 0x0416, 0x0448, 0x2014, 0x2026, 0x00B0})
        EXPECT_NE(font->FindGlyphNoFallback(c), nullptr) << std::hex << c;
}

// The status bar said "1.5 km SE of HaH?oterim" near Haifa: the window's font had no Latin Extended
// Additional letters (the Ḥ, ṭ, ẓ of transliterated names), nor the schwa of Azerbaijani ones. Every letter
// of a shipped place name in a script drawn without shaping (Latin, IPA, Greek, Cyrillic; not Arabic, Hebrew
// or the scripts of Asia, nor combining marks) now has a glyph.
TEST(UiFont, HasEveryLetterOfTheShippedPlaceNamesInScriptsItCanDraw) {
    test::ImGuiHarness ui;
    const ImFont* font = builtUiFont(ui);
    ASSERT_NE(font, nullptr);
    auto gazetteer = Gazetteer::load(Gazetteer::defaultPath());
    ASSERT_TRUE(gazetteer.ok()) << gazetteer.error().describe();
    const Gazetteer& g = *gazetteer.value();
    std::set<unsigned int> missing;
    for (PlaceIndex i = 0; i < g.size(); ++i) {
        const Place p = g.place(i);
        for (std::string_view text : {p.name, p.admin1Name, p.admin2Name})
            // Read as ImGui reads text to draw it.
            for (const char *at = text.data(), *end = at + text.size(); at < end;) {
                unsigned int c = 0;
                at += ImTextCharFromUtf8(&c, at, end);
                const bool drawable = c < 0x0590 || (c >= 0x1E00 && c < 0x1F00);
                if (drawable && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.insert(c);
            }
    }
    std::ostringstream list;
    for (unsigned int c : missing) list << " U+" << std::hex << c;
    EXPECT_TRUE(missing.empty()) << missing.size() << " missing:" << list.str();
}

TEST(UiFont, MissingFileFallsBackToTheBuiltInFont) {
    test::ImGuiHarness ui;
    EXPECT_FALSE(loadUiFont(*ui.io().Fonts, "/nonexistent/font.ttf", 15.f, 1.f));
    EXPECT_EQ(ui.io().Fonts->Fonts.Size, 1);
}

}  // namespace
}  // namespace fp
