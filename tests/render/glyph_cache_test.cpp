#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "render/text/font_atlas.h"
#include "render/text/font_locator.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

TEST(GlyphCache, AtlasFromCachedGlyphsIsTheAtlasFreeTypeMakes) {
    const fs::path dir = fs::temp_directory_path() / ("fp-glyph-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    ::setenv("FLASHPOINT_CACHE_DIR", dir.c_str(), 1);
    auto font = findSystemFont();
    ASSERT_TRUE(font.ok()) << font.error().describe();
    const std::string text = "Štrpce Ðakovica Жабљак AV To";
    std::vector<uint8_t> pixels;
    std::vector<GlyphInfo> glyphs;
    for (int run = 0; run < 2; ++run) {  // the first rasterises and stores, the second reads back
        auto atlas = FontAtlas::load(font.value());
        ASSERT_TRUE(atlas.ok());
        std::vector<GlyphInfo> shaped;
        for (const ShapedGlyph& g : atlas->shape(text)) shaped.push_back(*g.glyph);
        if (run == 0) {
            pixels = atlas->pixels();
            glyphs = shaped;
            continue;
        }
        EXPECT_EQ(atlas->pixels(), pixels);
        ASSERT_EQ(shaped.size(), glyphs.size());
        for (size_t i = 0; i < shaped.size(); ++i) {
            EXPECT_EQ(shaped[i].glyphIndex, glyphs[i].glyphIndex);
            EXPECT_EQ(shaped[i].advance, glyphs[i].advance);
            EXPECT_EQ(shaped[i].bearingX, glyphs[i].bearingX);
            EXPECT_EQ(shaped[i].bearingY, glyphs[i].bearingY);
            EXPECT_EQ(shaped[i].width, glyphs[i].width);
            EXPECT_EQ(shaped[i].height, glyphs[i].height);
            EXPECT_EQ(shaped[i].atlasX, glyphs[i].atlasX);
            EXPECT_EQ(shaped[i].atlasY, glyphs[i].atlasY);
        }
    }
    size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir))
        entries += e.path().filename().string().rfind("glyphs", 0) == 0;
    EXPECT_EQ(entries, 1u);
    ::unsetenv("FLASHPOINT_CACHE_DIR");
    fs::remove_all(dir);
}

}  // namespace
}  // namespace fp
