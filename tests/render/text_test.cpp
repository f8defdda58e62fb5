#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include "render/gl/headless_context.h"
#include "render/gl/offscreen_target.h"
#include "render/text/font_atlas.h"
#include "render/text/font_locator.h"
#include "render/text/label_placer.h"
#include "render/text/text_renderer.h"
#include "render/text/utf8.h"

namespace fp {
namespace {

std::string testFont() {
    auto font = findSystemFont();
    EXPECT_TRUE(font.ok()) << (font.ok() ? "" : font.error().describe());
    return font.ok() ? font.value() : std::string();
}

std::filesystem::path buildDir() {
    // The test binary lives in the build tree; images written next to it are easy to find and inspect.
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

// ---------------------------------------------------------------------------------------------- fonts

TEST(FontLocator, FindsFontCoveringLatinExtendedAndCyrillic) {
    auto font = findSystemFont();
    ASSERT_TRUE(font.ok()) << font.error().describe();
    EXPECT_TRUE(std::filesystem::is_regular_file(font.value())) << font.value();
    auto atlas = FontAtlas::load(font.value());
    ASSERT_TRUE(atlas.ok()) << atlas.error().describe();
    for (char32_t cp : {U'Š', U'ë', U'ć', U'Đ', U'ш', U'Ж'}) EXPECT_TRUE(atlas->hasGlyph(cp)) << int(cp);
}

TEST(FontLocator, UnknownFamilyFallsBackToACoveringFont) {
    auto font = findSystemFont("No Such Family Flashpoint", true);
    ASSERT_TRUE(font.ok()) << font.error().describe();
    EXPECT_TRUE(std::filesystem::is_regular_file(font.value()));
}

TEST(FontAtlas, MissingFileIsNotFound) {
    auto atlas = FontAtlas::load("/nonexistent/font.ttf");
    ASSERT_FALSE(atlas.ok());
    EXPECT_EQ(atlas.error().code, ErrorCode::NotFound);
    EXPECT_EQ(atlas.error().source, "/nonexistent/font.ttf");
}

TEST(FontAtlas, ProducesGlyphsForLatinExtendedAndCyrillic) {
    auto atlas = FontAtlas::load(testFont());
    ASSERT_TRUE(atlas.ok()) << atlas.error().describe();
    const std::string text = "Štrpce Shtërpcë Штрпце ć";
    const uint64_t before = atlas->revision();
    const auto shaped = atlas->shape(text);
    ASSERT_EQ(shaped.size(), decodeUtf8(text).size());
    EXPECT_GT(atlas->revision(), before);
    for (char32_t cp : decodeUtf8(text)) {
        const GlyphInfo& g = atlas->glyph(cp);
        EXPECT_GT(g.advance, 0.f) << int(cp);
        if (cp == U' ') {
            EXPECT_FALSE(g.inAtlas);
            continue;
        }
        EXPECT_TRUE(atlas->hasGlyph(cp)) << int(cp);
        EXPECT_NE(g.glyphIndex, 0u) << int(cp);
        EXPECT_TRUE(g.inAtlas) << int(cp);
        EXPECT_GT(g.width, 2 * atlas->spreadPx()) << int(cp);
        EXPECT_GT(g.height, 2 * atlas->spreadPx()) << int(cp);
        EXPECT_LE(g.atlasX + g.width, atlas->width());
        EXPECT_LE(g.atlasY + g.height, atlas->height());
        // The SDF is inside (>128) somewhere and fully outside (0) at the padded border.
        uint8_t maxValue = 0;
        for (int y = 0; y < g.height; ++y)
            for (int x = 0; x < g.width; ++x)
                maxValue =
                    std::max(maxValue, atlas->pixels()[(g.atlasY + y) * atlas->width() + g.atlasX + x]);
        EXPECT_GT(maxValue, 128) << int(cp);
        EXPECT_EQ(atlas->pixels()[g.atlasY * atlas->width() + g.atlasX], 0) << int(cp);
    }
    // Accented capitals reach higher than plain ones.
    EXPECT_GT(atlas->glyph(U'Š').bearingY, atlas->glyph(U'S').bearingY);
    // Glyphs already cached do not touch the atlas again.
    const uint64_t after = atlas->revision();
    const size_t count = atlas->glyphCount();
    (void)atlas->shape(text);
    (void)atlas->measure(text, 30.f);
    EXPECT_EQ(atlas->revision(), after);
    EXPECT_EQ(atlas->glyphCount(), count);
}

TEST(FontAtlas, GlyphsDoNotOverlapInTheAtlas) {
    auto atlas = FontAtlas::load(testFont());
    ASSERT_TRUE(atlas.ok());
    std::vector<const GlyphInfo*> glyphs;
    for (char32_t cp = 0x21; cp < 0x17F; ++cp) glyphs.push_back(&atlas->glyph(cp));
    for (char32_t cp = 0x410; cp < 0x450; ++cp) glyphs.push_back(&atlas->glyph(cp));
    for (size_t i = 0; i < glyphs.size(); ++i)
        for (size_t j = i + 1; j < glyphs.size(); ++j) {
            const GlyphInfo& a = *glyphs[i];
            const GlyphInfo& b = *glyphs[j];
            if (!a.inAtlas || !b.inAtlas || a.glyphIndex == b.glyphIndex) continue;
            const bool disjoint = a.atlasX + a.width <= b.atlasX || b.atlasX + b.width <= a.atlasX ||
                                  a.atlasY + a.height <= b.atlasY || b.atlasY + b.height <= a.atlasY;
            ASSERT_TRUE(disjoint) << "glyphs " << a.glyphIndex << " and " << b.glyphIndex;
        }
}

TEST(FontAtlas, GrowsAndThenReportsFull) {
    FontAtlasOptions small;
    small.width = 128;
    small.initialHeight = 128;
    small.maxHeight = 256;
    auto atlas = FontAtlas::load(testFont(), small);
    ASSERT_TRUE(atlas.ok());
    for (char32_t cp = U'A'; cp <= U'Z'; ++cp) (void)atlas->glyph(cp);
    for (char32_t cp = 0x410; cp < 0x430; ++cp) (void)atlas->glyph(cp);
    EXPECT_EQ(atlas->height(), 256);
    EXPECT_TRUE(atlas->full());
    EXPECT_EQ(atlas->pixels().size(), size_t{128} * 256);
    // Measuring still works for glyphs that did not fit.
    EXPECT_GT(atlas->measure("ЖЖЖ", 20.f).width, 0.f);
}

TEST(FontAtlas, MeasureScalesLinearlyWithSize) {
    auto atlas = FontAtlas::load(testFont());
    ASSERT_TRUE(atlas.ok());
    const std::string text = "Štrpce Штрпце AVAV";
    const TextMetrics m10 = atlas->measure(text, 10.f);
    const TextMetrics m25 = atlas->measure(text, 25.f);
    const TextMetrics m80 = atlas->measure(text, 80.f);
    ASSERT_GT(m10.width, 0.f);
    EXPECT_NEAR(m25.width, m10.width * 2.5f, 1e-3f * m25.width);
    EXPECT_NEAR(m80.width, m10.width * 8.f, 1e-3f * m80.width);
    EXPECT_NEAR(m80.ascent, m10.ascent * 8.f, 1e-3f * m80.ascent);
    EXPECT_NEAR(m80.descent, m10.descent * 8.f, 1e-3f * m80.descent);
    EXPECT_GT(m10.ascent, m10.descent);
    EXPECT_GT(m10.descent, 0.f);
    // About half an em per character for a sans-serif at 10 px.
    EXPECT_GT(m10.width, 4.f * text.size() / 2);
    EXPECT_LT(m10.width, 10.f * text.size());
    EXPECT_EQ(atlas->measure("", 20.f).width, 0.f);
    // Kerning tightens "AV" in fonts that have it.
    EXPECT_LE(atlas->measure("AV", 40.f).width,
              atlas->measure("A", 40.f).width + atlas->measure("V", 40.f).width);
}

// ---------------------------------------------------------------------------------------------- UTF-8

TEST(TextUtf8, DecodesValidSequences) {
    EXPECT_EQ(decodeUtf8("aé\xE2\x82\xAC\xF0\x9F\x98\x80"),
              (std::vector<char32_t>{U'a', 0xE9, 0x20AC, 0x1F600}));
    EXPECT_EQ(decodeUtf8("Штрпце"), (std::vector<char32_t>{0x428, 0x442, 0x440, 0x43F, 0x446, 0x435}));
    EXPECT_TRUE(decodeUtf8("").empty());
}

TEST(TextUtf8, ReplacesEachMaximalInvalidSubsequence) {
    const char32_t R = kReplacementChar;
    auto d = [](std::string_view s) { return decodeUtf8(s); };
    using V = std::vector<char32_t>;
    EXPECT_EQ(d("a\x80z"), (V{U'a', R, U'z'}));         // stray continuation byte
    EXPECT_EQ(d("\xC3"), (V{R}));                       // truncated at the end
    EXPECT_EQ(d("\xE2\x82z"), (V{R, U'z'}));            // truncated before ASCII
    EXPECT_EQ(d("\xC0\xAF"), (V{R, R}));                // overlong '/'
    EXPECT_EQ(d("\xE0\x80\xAF"), (V{R, R, R}));         // overlong, three bytes
    EXPECT_EQ(d("\xED\xA0\x80"), (V{R, R, R}));         // UTF-16 surrogate
    EXPECT_EQ(d("\xF4\x90\x80\x80"), (V{R, R, R, R}));  // above U+10FFFF
    EXPECT_EQ(d("\xFF\xFEok"), (V{R, R, U'o', U'k'}));  // never valid
    EXPECT_EQ(d("\xC3\xC3\xA9"), (V{R, 0xE9}));         // a new lead byte ends the bad sequence
    EXPECT_EQ(d(std::string_view("a\0b", 3)), (V{U'a', 0, U'b'}));
}

TEST(TextUtf8, RandomBytesNeverCrashTheAtlas) {
    auto atlas = FontAtlas::load(testFont());
    ASSERT_TRUE(atlas.ok());
    std::mt19937 rng(1234);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 24);
    for (int i = 0; i < 2000; ++i) {
        std::string s(static_cast<size_t>(len(rng)), '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        const TextMetrics m = atlas->measure(s, 16.f);
        EXPECT_TRUE(std::isfinite(m.width));
        EXPECT_GE(m.width, 0.f);
        for (char32_t cp : decodeUtf8(s)) EXPECT_LE(cp, char32_t{0x10FFFF});
    }
    EXPECT_GT(atlas->measure("\xC3(\xA0\xA1", 16.f).width, 0.f);
}

// ---------------------------------------------------------------------------------------------- labels

bool boxesOverlapWithin(const LabelBox& a, const LabelBox& b, float gap) {
    return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
}

TEST(LabelPlacer, KeepsHigherPriorityOfOverlappingPair) {
    LabelPlacer placer;
    const std::vector<LabelCandidate> candidates = {
        {1, 100.f, 100.f, 80.f, 20.f, 1.f},
        {2, 120.f, 105.f, 80.f, 20.f, 5.f},   // overlaps 1, wins
        {3, 300.f, 100.f, 80.f, 20.f, 0.f},   // clear of both
        {4, 100.f, 122.f, 80.f, 20.f, 0.5f},  // 2 px below 1, but 1 lost: only 2 matters (gap -3 px)
    };
    const auto placed = placer.place(candidates, 640.f, 480.f, 2.f);
    std::vector<uint64_t> ids;
    for (const auto& p : placed) ids.push_back(p.id);
    EXPECT_EQ(ids, (std::vector<uint64_t>{2, 3}));
    EXPECT_FLOAT_EQ(placed[0].box.x0, 80.f);
    EXPECT_FLOAT_EQ(placed[0].box.y1, 115.f);
}

TEST(LabelPlacer, HonoursPadding) {
    LabelPlacer placer;
    // Boxes 3 px apart: accepted with padding 3, rejected with padding 4.
    const std::vector<LabelCandidate> c = {{1, 50.f, 50.f, 20.f, 10.f, 2.f},
                                           {2, 73.f, 50.f, 20.f, 10.f, 1.f}};
    EXPECT_EQ(placer.place(c, 200.f, 200.f, 3.f).size(), 2u);
    EXPECT_EQ(placer.place(c, 200.f, 200.f, 4.f).size(), 1u);
}

TEST(LabelPlacer, KeepsBoxesInsideTheViewport) {
    LabelPlacer placer;
    const std::vector<LabelCandidate> c = {
        {1, 5.f, 50.f, 20.f, 10.f, 9.f},     // sticks out left
        {2, 100.f, 197.f, 20.f, 10.f, 9.f},  // sticks out bottom
        {3, 195.f, 50.f, 20.f, 10.f, 9.f},   // sticks out right
        {4, 100.f, 2.f, 20.f, 10.f, 9.f},    // sticks out top
        {5, 10.f, 5.f, 20.f, 10.f, 1.f},     // exactly in the corner
        {6, NAN, 50.f, 20.f, 10.f, 1.f},     // garbage
        {7, 100.f, 100.f, -4.f, 10.f, 1.f},  // garbage
    };
    const auto placed = placer.place(c, 200.f, 200.f, 2.f);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].id, 5u);
}

TEST(LabelPlacer, BlockedAreasAreAvoided) {
    LabelPlacer placer;
    placer.reset(200.f, 200.f, 0.f);
    placer.block({-50.f, -50.f, 60.f, 60.f});
    EXPECT_FALSE(placer.tryPlace({10.f, 10.f, 30.f, 20.f}));
    EXPECT_TRUE(placer.tryPlace({60.f, 10.f, 90.f, 20.f}));
}

std::vector<LabelCandidate> randomCandidates(size_t n, uint32_t seed, float w, float h) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> x(-20.f, w + 20.f), y(-20.f, h + 20.f), bw(20.f, 160.f),
        bh(10.f, 24.f);
    std::uniform_int_distribution<int> prio(0, 9);  // many ties on purpose
    std::vector<LabelCandidate> c(n);
    for (size_t i = 0; i < n; ++i)
        c[i] = {i * 7919 % 100003, x(rng), y(rng), bw(rng), bh(rng), float(prio(rng))};
    return c;
}

TEST(LabelPlacer, IsDeterministicCollisionFreeAndMatchesBruteForce) {
    const float W = 1920.f, H = 1080.f, pad = 3.f;
    auto candidates = randomCandidates(4000, 42, W, H);
    LabelPlacer placer;
    const auto t0 = std::chrono::steady_clock::now();
    const auto placed = placer.place(candidates, W, H, pad);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(ms, 50.0);  // generous for CI; about 1 ms in a release build
    ASSERT_GT(placed.size(), 100u);

    for (size_t i = 0; i < placed.size(); ++i) {
        const LabelBox& a = placed[i].box;
        ASSERT_TRUE(a.x0 >= 0.f && a.y0 >= 0.f && a.x1 <= W && a.y1 <= H);
        for (size_t j = i + 1; j < placed.size(); ++j)
            ASSERT_FALSE(boxesOverlapWithin(a, placed[j].box, pad - 1e-3f))
                << placed[i].id << " " << placed[j].id;
    }

    // The same candidates in another order give the same labels in the same order.
    auto shuffled = candidates;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
    const auto again = LabelPlacer().place(shuffled, W, H, pad);
    ASSERT_EQ(again.size(), placed.size());
    for (size_t i = 0; i < placed.size(); ++i) EXPECT_EQ(again[i].id, placed[i].id);

    // Same result as the obvious quadratic greedy algorithm.
    auto order = candidates;
    std::stable_sort(order.begin(), order.end(), [](const LabelCandidate& a, const LabelCandidate& b) {
        return a.priority != b.priority ? a.priority > b.priority : a.id < b.id;
    });
    std::vector<uint64_t> expected;
    std::vector<LabelBox> kept;
    for (const auto& c : order) {
        const LabelBox b{c.centerX - c.width / 2, c.centerY - c.height / 2, c.centerX + c.width / 2,
                         c.centerY + c.height / 2};
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H) continue;
        if (std::any_of(kept.begin(), kept.end(),
                        [&](const LabelBox& k) { return boxesOverlapWithin(b, k, pad); }))
            continue;
        kept.push_back(b);
        expected.push_back(c.id);
    }
    std::vector<uint64_t> got;
    for (const auto& p : placed) got.push_back(p.id);
    EXPECT_EQ(got, expected);
}

// ---------------------------------------------------------------------------------------------- GL

struct Rgb {
    int r, g, b;
};

int colourDistance(const uint8_t* p, Rgb c) {
    return std::max({std::abs(p[0] - c.r), std::abs(p[1] - c.g), std::abs(p[2] - c.b)});
}

void savePng(const Image& img, const std::string& name) {
    const auto path = buildDir() / name;
    EXPECT_TRUE(stbi_write_png(path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4) != 0);
    std::cout << "[ image    ] " << path.string() << "\n";
}

TEST(TextRenderer, DrawsFillAndHaloInsideTheTextBox) {
    auto ctx = HeadlessContext::create();
    ASSERT_TRUE(ctx.ok()) << ctx.error().describe();
    const int W = 560, H = 200;
    auto target = OffscreenTarget::create(W, H);
    ASSERT_TRUE(target.ok()) << target.error().describe();
    auto text = TextRenderer::create(testFont());
    ASSERT_TRUE(text.ok()) << text.error().describe();

    const Rgb background{150, 190, 140}, fill{20, 30, 110}, halo{255, 255, 255};
    target->bind();
    glClearColor(background.r / 255.f, background.g / 255.f, background.b / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);

    const std::string label = "Štrpce Штрпце";
    const TextStyle style{40.f, Color::rgb(fill.r, fill.g, fill.b), Color::rgb(halo.r, halo.g, halo.b), 3.f};
    const float cx = W / 2.f, cy = H / 2.f;
    text->begin(W, H);
    text->addText(label, cx, cy, style);
    EXPECT_EQ(text->queuedQuads(), 24u);  // 13 characters, the space has no quad; halo + fill each
    text->flush();
    EXPECT_EQ(text->queuedQuads(), 0u);
    EXPECT_EQ(gl::takeGlError(), "");
    EXPECT_FALSE(glIsEnabled(GL_BLEND));  // state restored

    const Image img = target->readPixels();
    savePng(img, "text_render_test.png");

    const TextMetrics m = text->measure(label, style.sizePx);
    const float margin = style.haloWidthPx + 2.f;
    const float bx0 = cx - m.width / 2 - margin, bx1 = cx + m.width / 2 + margin;
    const float by0 = cy - m.height() / 2 - margin, by1 = cy + m.height() / 2 + margin;
    int fillInside = 0, haloInside = 0, changedOutside = 0;
    float fx0 = W, fx1 = 0, fy0 = H, fy1 = 0;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const uint8_t* p = img.pixel(x, y);
            const bool inside = x >= bx0 && x <= bx1 && y >= by0 && y <= by1;
            if (!inside) {
                if (colourDistance(p, background) > 2) ++changedOutside;
                continue;
            }
            if (colourDistance(p, fill) <= 8) {
                ++fillInside;
                fx0 = std::min<float>(fx0, x), fx1 = std::max<float>(fx1, x);
                fy0 = std::min<float>(fy0, y), fy1 = std::max<float>(fy1, y);
            }
            if (colourDistance(p, halo) <= 8) ++haloInside;
        }
    EXPECT_EQ(changedOutside, 0);
    EXPECT_GT(fillInside, 1500);
    EXPECT_GT(haloInside, 1000);
    // The ink spans most of the measured width and is centred on the anchor.
    EXPECT_GT(fx1 - fx0, 0.9f * m.width);
    EXPECT_NEAR((fx0 + fx1) / 2, cx, 3.f);
    EXPECT_NEAR((fy0 + fy1) / 2, cy, 0.15f * m.height());
    // Halo surrounds the ink: just left of the leftmost ink and above the topmost ink it is white.
    int haloLeft = 0;
    for (int y = static_cast<int>(fy0); y <= static_cast<int>(fy1); ++y)
        for (int x = static_cast<int>(fx0) - 4; x < static_cast<int>(fx0); ++x)
            if (colourDistance(img.pixel(x, y), halo) <= 8) ++haloLeft;
    EXPECT_GT(haloLeft, 10);
}

TEST(TextRenderer, SizesFromSmallToLargeForVisualCheck) {
    auto ctx = HeadlessContext::create();
    ASSERT_TRUE(ctx.ok()) << ctx.error().describe();
    const int W = 1000, H = 400;
    auto target = OffscreenTarget::create(W, H);
    ASSERT_TRUE(target.ok());
    auto text = TextRenderer::create(testFont());
    ASSERT_TRUE(text.ok()) << text.error().describe();
    target->bind();
    glClearColor(0.55f, 0.7f, 0.5f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    // Map-like clutter behind the labels so the halo's job is visible.
    glEnable(GL_SCISSOR_TEST);
    for (int i = 0; i < 12; ++i) {
        glScissor(i * 75, 0, 20, H);
        glClearColor(0.25f, 0.3f, 0.55f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);

    text->begin(W, H);
    float y = 20.f;
    for (float size : {9.f, 11.f, 13.f, 16.f, 20.f, 28.f, 40.f, 56.f}) {
        TextStyle s{size, Color::rgb(25, 25, 25), Color::rgb(255, 255, 255, 0.9f),
                    std::max(1.f, size / 10.f)};
        text->addText("Štrpce Shtërpcë Штрпце ćĐž " + std::to_string(int(size)) + "px", W / 2.f, y, s);
        y += size * 1.25f + 8.f;
    }
    text->addText("no halo", 60.f, 385.f, {14.f, Color::rgb(200, 20, 20), {}, 0.f});
    text->flush();
    EXPECT_EQ(gl::takeGlError(), "");
    savePng(target->readPixels(), "text_sizes_test.png");
}

}  // namespace
}  // namespace fp
