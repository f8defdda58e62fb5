#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/places/gazetteer.h"
#include "core/places/place_record.h"
#include "core/project/default_scene.h"
#include "core/project/map_state.h"
#include "render/map_renderer.h"
#include "render_test_util.h"

namespace fp {
namespace {

/// The embedded default scene with its gazetteer, loaded once for the suite.
class PlaceLabelsRender : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::vector<LoadReport> reports;
        auto scene = loadDefaultScene(reports);
        ASSERT_TRUE(scene.ok()) << scene.error().describe();
        ASSERT_TRUE(scene->gazetteer) << "the embedded gazetteer did not load";
        s_scene = new MapScene(std::move(scene).value());
    }
    static void TearDownTestSuite() {
        delete s_scene;
        s_scene = nullptr;
    }

    /// Draws `scene` framing `box` at w x h and returns what the labeller placed.
    static std::vector<DrawnLabel> drawn(const MapScene& scene, const GeoBBox& box, int w, int h,
                                         Image* image = nullptr) {
        test::sharedContext();
        auto state = MapState::create(scene).value();
        state.resize(w, h, 1.0f);
        state.frame(box);
        auto target = OffscreenTarget::create(w, h).value();
        auto renderer = MapRenderer::create().value();
        renderer->sync(state.scene(), state.projection());
        target.bind();
        renderer->draw(state.scene(), state.view());
        if (image) *image = target.readPixels();
        return renderer->drawnLabels();
    }

    static std::vector<std::string> placeTexts(const std::vector<DrawnLabel>& labels) {
        std::vector<std::string> out;
        for (const auto& l : labels)
            if (l.isPlace) out.push_back(l.text);
        return out;
    }
    static bool has(const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    }
    static void expectNoOverlap(const std::vector<DrawnLabel>& labels, int w, int h) {
        for (size_t i = 0; i < labels.size(); ++i) {
            const LabelBox& a = labels[i].box;
            EXPECT_TRUE(a.x0 >= 0 && a.y0 >= 0 && a.x1 <= w && a.y1 <= h) << labels[i].text;
            for (size_t j = i + 1; j < labels.size(); ++j) {
                const LabelBox& b = labels[j].box;
                EXPECT_FALSE(overlaps(a, b)) << labels[i].text << " overlaps " << labels[j].text;
            }
        }
    }
    static MapScene* s_scene;
};

MapScene* PlaceLabelsRender::s_scene = nullptr;

const GeoBBox kNorthKosovo = GeoBBox::fromCorners(20.3, 42.6, 21.2, 43.3);

TEST_F(PlaceLabelsRender, CountryViewShowsCitiesZoomedViewShowsTowns) {
    const auto country = drawn(*s_scene, defaultFocusBBox(), 800, 900);
    const auto countryPlaces = placeTexts(country);
    EXPECT_GE(countryPlaces.size(), 8u);
    EXPECT_TRUE(has(countryPlaces, "Belgrade"));
    EXPECT_FALSE(has(countryPlaces, "Zvečan")) << "a small town at the country view";
    expectNoOverlap(country, 800, 900);

    const auto north = drawn(*s_scene, kNorthKosovo, 1000, 900);
    const auto northPlaces = placeTexts(north);
    EXPECT_GE(northPlaces.size(), 15u);
    EXPECT_TRUE(has(northPlaces, "Zvečan"));
    EXPECT_TRUE(has(northPlaces, "Leposaviq"));
    EXPECT_FALSE(has(northPlaces, "Belgrade")) << "outside the view";
    expectNoOverlap(north, 1000, 900);
    // Area labels (districts) and places share the placer: both kinds are there, and never overlap.
    EXPECT_TRUE(std::any_of(north.begin(), north.end(), [](const DrawnLabel& l) { return !l.isPlace; }));
}

TEST_F(PlaceLabelsRender, HiddenOrWithoutGazetteerNoPlaces) {
    MapScene scene = *s_scene;
    scene.placeLabels.visible = false;
    EXPECT_TRUE(placeTexts(drawn(scene, kNorthKosovo, 600, 500)).empty());
    scene.placeLabels.visible = true;
    scene.gazetteer.reset();
    EXPECT_TRUE(placeTexts(drawn(scene, kNorthKosovo, 600, 500)).empty());
}

TEST_F(PlaceLabelsRender, ScriptChoiceChangesTheText) {
    // A gazetteer whose main name is Cyrillic, with an English name, over the real map.
    PlaceRecord r;
    r.id = 785388;
    r.position = {21.02722, 42.23944};
    r.featureCode = "PPLA2";
    r.countryCode = "XK";
    r.population = 6913;
    r.names = {{"Штрпце", "sr-Cyrl", NameKind::Primary}, {"Shtërpcë", "en", NameKind::Alternate}};
    MapScene scene = *s_scene;
    scene.gazetteer = Gazetteer::fromRecords({r}, "test").value();
    const GeoBBox strpce = GeoBBox::fromCorners(20.9, 42.15, 21.15, 42.33);
    EXPECT_TRUE(has(placeTexts(drawn(scene, strpce, 500, 400)), "Штрпце"));
    scene.placeLabels.script = PlaceLabelScript::Latin;
    EXPECT_TRUE(has(placeTexts(drawn(scene, strpce, 500, 400)), "Štrpce"));
    scene.placeLabels.script = PlaceLabelScript::English;
    EXPECT_TRUE(has(placeTexts(drawn(scene, strpce, 500, 400)), "Shtërpcë"));
    // On the embedded data: English is the ASCII spelling.
    MapScene real = *s_scene;
    real.placeLabels.script = PlaceLabelScript::English;
    EXPECT_TRUE(has(placeTexts(drawn(real, kNorthKosovo, 1000, 900)), "Zvecan"));
}

TEST_F(PlaceLabelsRender, DotsAreDrawnAtThePlaces) {
    Image image;
    MapScene scene = *s_scene;
    const auto labels = drawn(scene, kNorthKosovo, 1000, 900, &image);
    size_t dark = 0, places = 0;
    for (const auto& l : labels) {
        if (!l.isPlace) continue;
        ++places;
        const uint8_t* p = image.pixel(static_cast<int>(l.dot.x), static_cast<int>(l.dot.y));
        dark += p[0] < 110 && p[1] < 110 && p[2] < 110;
    }
    ASSERT_GT(places, 0u);
    // Incidents are drawn above and may cover a few dots.
    EXPECT_GT(dark, places * 8 / 10);
}

}  // namespace
}  // namespace fp
