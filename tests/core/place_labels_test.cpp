#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/places/gazetteer.h"
#include "core/places/place_labels.h"
#include "places_test_util.h"

namespace fp {
namespace {

std::shared_ptr<const Gazetteer> region() {
    auto records = test::regionRecords();
    // A name tagged English, as the Flashpoint additions carry.
    records.push_back(test::placeRecord(0x80000010u, "Јариње", 20.7672, 43.1236, "XK", "PSTB", 0));
    records.back().featureClass = 'S';
    records.back().names.push_back({"Jarinje crossing", "en", NameKind::Alternate});
    auto g = Gazetteer::fromRecords(std::move(records), "test");
    EXPECT_TRUE(g.ok());
    return g.value();
}

PlaceIndex indexOf(const Gazetteer& g, uint32_t id) {
    auto i = g.findById(id);
    EXPECT_TRUE(i.has_value()) << id;
    return i.value_or(0);
}

TEST(PlaceLabels, ScriptChoiceChangesTheText) {
    auto g = region();
    const PlaceIndex jarinje = indexOf(*g, 0x80000010u);
    EXPECT_EQ(placeLabelText(*g, jarinje, PlaceLabelScript::Local), "Јариње");
    EXPECT_EQ(placeLabelText(*g, jarinje, PlaceLabelScript::Latin), "Jarinje");
    EXPECT_EQ(placeLabelText(*g, jarinje, PlaceLabelScript::English), "Jarinje crossing");
    const PlaceIndex strpce = indexOf(*g, 785388);
    EXPECT_EQ(placeLabelText(*g, strpce, PlaceLabelScript::Local), "Štrpce");
    EXPECT_EQ(placeLabelText(*g, strpce, PlaceLabelScript::Latin), "Štrpce");    // Latin already
    EXPECT_EQ(placeLabelText(*g, strpce, PlaceLabelScript::English), "Strpce");  // ASCII, no 'en' name
    EXPECT_EQ(toLatinScript("Штрпце", "XK"), "Štrpce");
    EXPECT_EQ(toLatinScript("Београд", "RS"), "Beograd");
    EXPECT_EQ(toLatinScript("Љубовија Џеп", "RS"), "Ljubovija Džep");
    EXPECT_EQ(toLatinScript("Москва", "RU"), "Moskva");
    EXPECT_EQ(toLatinScript("Zvečan"), "Zvečan");
}

TEST(PlaceLabels, ScriptNamesParse) {
    for (auto s : {PlaceLabelScript::Local, PlaceLabelScript::Latin, PlaceLabelScript::English})
        EXPECT_EQ(parsePlaceLabelScript(placeLabelScriptName(s)), s);
    EXPECT_EQ(parsePlaceLabelScript("LATIN"), PlaceLabelScript::Latin);
    EXPECT_EQ(parsePlaceLabelScript("cyrillic"), std::nullopt);
    EXPECT_EQ(parsePlaceLabelScript(""), std::nullopt);
}

TEST(PlaceLabels, ImportanceThresholdFallsAsTheMapZoomsIn) {
    EXPECT_NEAR(minLabelImportance(400), 0.5, 1e-9);
    EXPECT_NEAR(minLabelImportance(40), 0.2, 1e-9);
    EXPECT_LT(minLabelImportance(10), minLabelImportance(40));
    EXPECT_LE(minLabelImportance(1e9), 0.9);
    EXPECT_EQ(minLabelImportance(0), 1.0);
    EXPECT_EQ(minLabelImportance(std::nan("")), 1.0);
}

std::vector<std::string> texts(const std::vector<PlaceLabel>& labels) {
    std::vector<std::string> out;
    for (const auto& l : labels) out.push_back(l.text);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(PlaceLabels, ImportantPlacesFirstMoreWhenZoomedInNeverAreas) {
    auto g = region();
    const GeoBBox kosovo = GeoBBox::fromCorners(20.0, 41.8, 21.8, 43.3);
    // Country view: the district seat, not the villages.
    auto country = texts(selectPlaceLabels(*g, kosovo, 800, PlaceLabelScript::Local, 50));
    EXPECT_TRUE(has(country, "Mitrovicë"));
    EXPECT_FALSE(has(country, "Banjska"));
    EXPECT_FALSE(has(country, "Shtërpcë")) << "areas are labelled by the boundary layers";
    // Zoomed in: villages and the crossing too, most important first.
    auto close = selectPlaceLabels(*g, kosovo, 20, PlaceLabelScript::Local, 50);
    auto closeTexts = texts(close);
    EXPECT_TRUE(has(closeTexts, "Banjska"));
    EXPECT_TRUE(has(closeTexts, "Јариње"));
    EXPECT_FALSE(has(closeTexts, "Shtërpcë"));
    EXPECT_FALSE(has(closeTexts, "Belgrade")) << "outside the box";
    for (size_t i = 1; i < close.size(); ++i) EXPECT_GE(close[i - 1].importance, close[i].importance);
    EXPECT_EQ(close.front().text, "Mitrovicë");
    // Bounded.
    EXPECT_EQ(selectPlaceLabels(*g, kosovo, 20, PlaceLabelScript::Local, 2).size(), 2u);
    EXPECT_TRUE(selectPlaceLabels(*g, GeoBBox{}, 20, PlaceLabelScript::Local, 50).empty());
}

TEST(PlaceLabels, CacheRequeriesOnlyWhenTheViewLeavesItsBoxOrScaleStep) {
    auto g = region();
    PlaceLabelCache cache;
    PlaceLabelStyle style;
    const GeoBBox view = GeoBBox::fromCorners(20.6, 42.8, 21.0, 43.0);
    EXPECT_TRUE(cache.update(g, view, 30, style));
    const uint64_t gen = cache.generation();
    EXPECT_FALSE(cache.update(g, view, 30, style));
    // A small pan and a zoom within the same quarter-octave step keep the labels.
    EXPECT_FALSE(cache.update(g, GeoBBox::fromCorners(20.65, 42.82, 21.05, 43.02), 30.5, style));
    EXPECT_EQ(cache.generation(), gen);
    // Zooming out a step, panning far, or another script re-queries.
    EXPECT_TRUE(cache.update(g, view, 60, style));
    EXPECT_TRUE(cache.update(g, GeoBBox::fromCorners(22.0, 42.8, 22.4, 43.0), 60, style));
    style.script = PlaceLabelScript::Latin;
    EXPECT_TRUE(cache.update(g, GeoBBox::fromCorners(22.0, 42.8, 22.4, 43.0), 60, style));
    EXPECT_GT(cache.generation(), gen);
    // Hidden: no labels.
    style.visible = false;
    EXPECT_TRUE(cache.update(g, view, 30, style));
    EXPECT_TRUE(cache.labels().empty());
    EXPECT_FALSE(cache.update(nullptr, view, 30, style));
}

TEST(PlaceLabels, CacheFollowsTheScript) {
    auto g = region();
    PlaceLabelCache cache;
    PlaceLabelStyle style;
    const GeoBBox view = GeoBBox::fromCorners(20.6, 42.8, 21.0, 43.2);
    cache.update(g, view, 20, style);
    EXPECT_TRUE(has(texts(cache.labels()), "Јариње"));
    style.script = PlaceLabelScript::Latin;
    cache.update(g, view, 20, style);
    EXPECT_TRUE(has(texts(cache.labels()), "Jarinje"));
    EXPECT_FALSE(has(texts(cache.labels()), "Јариње"));
}

}  // namespace
}  // namespace fp
