#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/io/vector_loader.h"
#include "core/model/map_scene.h"
#include "core/places/gazetteer.h"
#include "core/places/location_describer.h"
#include "core/places/reverse_geocode.h"
#include "places_test_util.h"

namespace fp {
namespace {

/// A polygon layer with a "name" field; each feature one square part [x0,x1]x[y0,y1], optionally with a
/// square hole.
struct Square {
    std::string name;
    double x0, y0, x1, y1;
    double holeInset = 0.0;  ///< > 0: a hole this far inside the square
};

std::shared_ptr<const VectorLayer> squares(const std::string& displayName, const std::vector<Square>& items) {
    auto layer = std::make_shared<VectorLayer>();
    layer->displayName = displayName;
    layer->fieldNames = {"name"};
    auto& g = layer->geometry;
    auto ring = [&](double x0, double y0, double x1, double y1) {
        for (LonLat v : {LonLat{x0, y0}, LonLat{x1, y0}, LonLat{x1, y1}, LonLat{x0, y1}})
            g.vertices.push_back(v);
        g.ringStart.push_back(static_cast<uint32_t>(g.vertices.size()));
    };
    for (const auto& s : items) {
        ring(s.x0, s.y0, s.x1, s.y1);
        if (s.holeInset > 0)
            ring(s.x0 + s.holeInset, s.y0 + s.holeInset, s.x1 - s.holeInset, s.y1 - s.holeInset);
        g.partRingStart.push_back(static_cast<uint32_t>(g.ringStart.size() - 1));
        g.partKind.push_back(PartKind::Polygon);
        g.featurePartStart.push_back(static_cast<uint32_t>(g.partKind.size()));
        layer->attributes.push_back(s.name);
        layer->extent.extend(s.x0, s.y0);
        layer->extent.extend(s.x1, s.y1);
    }
    return layer;
}

std::shared_ptr<const Gazetteer> region() {
    auto g = Gazetteer::fromRecords(test::regionRecords(), "test");
    EXPECT_TRUE(g.ok());
    return g.value();
}

TEST(AdminLevel, FromLayerNames) {
    EXPECT_EQ(adminLevelOfLayerName("Kosovo: municipalities"), AdminLevel::Municipality);
    EXPECT_EQ(adminLevelOfLayerName("Kosovo: districts"), AdminLevel::District);
    EXPECT_EQ(adminLevelOfLayerName("Serbia: districts"), AdminLevel::District);
    EXPECT_EQ(adminLevelOfLayerName("srb_okruzi"), std::nullopt);  // "okruzi" is not "okrug"
    EXPECT_EQ(adminLevelOfLayerName("Serbia okrug"), AdminLevel::District);
    EXPECT_EQ(adminLevelOfLayerName("geoBoundaries-XKX-ADM2"), AdminLevel::Municipality);
    EXPECT_EQ(adminLevelOfLayerName("Opštine"), AdminLevel::Municipality);
    EXPECT_EQ(adminLevelOfLayerName("Kosovo and Serbia"), std::nullopt);
    EXPECT_EQ(adminLevelOfLayerName("Land (region)"), std::nullopt);
}

TEST(AdminLevel, AreaLabelsSayTheirLevelOnce) {
    EXPECT_EQ(adminAreaLabel("Zveçan", AdminLevel::Municipality), "Zveçan municipality");
    EXPECT_EQ(adminAreaLabel("Mitrovica", AdminLevel::District), "Mitrovica district");
    EXPECT_EQ(adminAreaLabel("Raški okrug", AdminLevel::District), "Raški okrug");
    EXPECT_EQ(adminAreaLabel("Grad Beograd", AdminLevel::District), "Grad Beograd");
    EXPECT_EQ(adminAreaLabel("", AdminLevel::District), "");
}

TEST(AdminAreaIndex, PointInPolygonWithHolesAndLevels) {
    AdminAreaIndex index({{squares("districts", {{"West", 0, 0, 10, 10, 0}, {"East", 10, 0, 20, 10, 0}}),
                           AdminLevel::District, "name"},
                          {squares("munis", {{"Ring", 0, 0, 10, 10, 3}}), AdminLevel::Municipality, "name"}});
    EXPECT_EQ(index.featureCount(), 3u);
    auto hits = index.containing({1, 1});
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].level, AdminLevel::District);
    EXPECT_EQ(hits[0].name, "West");
    EXPECT_EQ(hits[1].name, "Ring");
    hits = index.containing({5, 5});  // in the municipality's hole
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].name, "West");
    hits = index.containing({15, 5});
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].name, "East");
    EXPECT_TRUE(index.containing({25, 5}).empty());
    EXPECT_TRUE(index.containing({std::nan(""), 5}).empty());
    EXPECT_TRUE(AdminAreaIndex().containing({1, 1}).empty());
}

TEST(AdminAreaIndex, FindsTheScenesAdminLayersOnce) {
    MapScene scene;
    auto munis = squares("kosovo_municipalities", {{"Zveçan", 20.7, 42.85, 20.95, 43.0, 0}});
    LayerStyle outline;  // no label field: the name field is guessed
    scene.addLayer(munis, outline, "", "Kosovo: municipalities");
    scene.addLayer(munis, outline, "", "Kosovo: municipalities (outline)");
    scene.addLayer(squares("countries", {{"Kosovo", 20, 41.8, 21.8, 43.3, 0}}), outline, "",
                   "Kosovo and Serbia");
    auto sources = AdminAreaIndex::sourcesOf(scene);
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources[0].level, AdminLevel::Municipality);
    EXPECT_EQ(sources[0].nameField, "name");
}

TEST(ReverseGeocode, CompassDistanceAndRadius) {
    EXPECT_STREQ(compassPoint(0), "N");
    EXPECT_STREQ(compassPoint(44), "NE");
    EXPECT_STREQ(compassPoint(359), "N");
    EXPECT_STREQ(compassPoint(-90), "W");
    EXPECT_STREQ(compassPoint(22.5 + 1, 16), "NNE");
    EXPECT_STREQ(compassPoint(200, 16), "SSW");
    EXPECT_EQ(formatDistanceKm(0.42), "400 m");
    EXPECT_EQ(formatDistanceKm(0.01), "100 m");
    EXPECT_EQ(formatDistanceKm(1.3), "1.5 km");
    EXPECT_EQ(formatDistanceKm(3.1), "3 km");
    EXPECT_EQ(formatDistanceKm(17.4), "17 km");
    EXPECT_EQ(formatDistanceKm(123), "125 km");
    EXPECT_DOUBLE_EQ(placeRadiusKm(0), 1.0);
    EXPECT_NEAR(placeRadiusKm(100000), 1.58, 0.01);
    EXPECT_DOUBLE_EQ(placeRadiusKm(100000000), 8.0);
}

TEST(ReverseGeocode, DistanceBearingAndAreasFromLayers) {
    auto g = region();
    AdminAreaIndex areas(
        {{squares("d", {{"Mitrovica", 20.5, 42.7, 21.2, 43.2, 0}}), AdminLevel::District, "name"},
         {squares("m", {{"Zveçan", 20.7, 42.89, 20.95, 43.0, 0}}), AdminLevel::Municipality, "name"}});
    // 3 km north-east of Zvečan (20.84028, 42.9075).
    const double dLat = 3.0 / std::sqrt(2.0) / 111.195;
    const LonLat p{20.84028 + dLat / std::cos(42.9075 * 3.14159265 / 180.0), 42.9075 + dLat};
    auto d = describeLocation(p, g.get(), &areas);
    ASSERT_TRUE(d.place.has_value());
    EXPECT_EQ(d.placeName, "Zvečan");
    EXPECT_NEAR(d.distanceKm, 3.0, 0.05);
    EXPECT_NEAR(d.bearingDeg, 45.0, 1.0);
    EXPECT_FALSE(d.inPlace);
    EXPECT_EQ(d.text, "3 km NE of Zvečan, Zveçan municipality, Mitrovica district");
    // Close to the centre: "in".
    d = describeLocation({20.8410, 42.9080}, g.get(), &areas);
    EXPECT_EQ(d.text, "in Zvečan, Zveçan municipality, Mitrovica district");
    // The place's name follows the chosen script.
    ReverseGeocodeOptions english;
    english.script = PlaceLabelScript::English;
    EXPECT_EQ(describeLocation({20.8410, 42.9080}, g.get(), &areas, english).placeName, "Zvecan");
}

TEST(ReverseGeocode, FallsBackToTheGazetteersAdminNames) {
    auto g = region();
    AdminAreaIndex none;
    auto d = describeLocation({27.0, 42.0}, g.get(), &none);  // nothing within 30 km
    EXPECT_FALSE(d.place.has_value());
    EXPECT_TRUE(d.text.empty());
    // Štrpce's admin names from the gazetteer: no boundary layer covers the point.
    d = describeLocation({21.03, 42.25}, g.get(), &none);
    ASSERT_TRUE(d.place.has_value());
    EXPECT_EQ(d.placeName, "Štrpce");
    EXPECT_EQ(d.text, "1 km N of Štrpce, Shtërpcë / Štrpce municipality, Ferizaj / Uroševac district");
}

TEST(ReverseGeocode, InvalidPointsAndNoSources) {
    EXPECT_TRUE(describeLocation({200, 0}, nullptr, nullptr).text.empty());
    EXPECT_TRUE(describeLocation({20, 42}, nullptr, nullptr).text.empty());
}

/// The committed gazetteer and boundary layers, as the default scene has them.
TEST(ReverseGeocodeWorld, ZvecanAndRaskaFromTheEmbeddedLayers) {
    auto g = Gazetteer::load(std::string(FP_GEODATA_DIR) + "/places/places.fpgaz");
    ASSERT_TRUE(g.ok()) << g.error().describe();
    std::vector<AdminAreaSource> sources;
    for (auto [file, level] : {std::pair{"kosovo_municipalities", AdminLevel::Municipality},
                               std::pair{"kosovo_districts", AdminLevel::District},
                               std::pair{"serbia_districts", AdminLevel::District}}) {
        LoadReport report;
        auto layers = loadVectorSource(std::string(FP_GEODATA_DIR) + "/boundaries/" + file + ".shp", report);
        ASSERT_TRUE(layers.ok()) << layers.error().describe();
        sources.push_back({std::make_shared<VectorLayer>(std::move(layers.value()[0])), level, "name"});
    }
    AdminAreaIndex areas(std::move(sources));
    auto zvecan = g.value()->search("Zvečan", {.limit = 1, .country = "XK", .includeAreas = false});
    ASSERT_TRUE(zvecan.ok() && !zvecan.value().empty());
    const LonLat z = g.value()->place(zvecan.value()[0].place).position;
    auto d = describeLocation(z, g.value().get(), &areas);
    EXPECT_EQ(d.municipality, "Zveçan municipality");
    EXPECT_EQ(d.district, "Mitrovica district");
    EXPECT_TRUE(d.inPlace);
    EXPECT_EQ(d.text.rfind("in Zve", 0), 0u) << d.text;
    // Raška, Serbia: the okrug says its level itself.
    d = describeLocation({20.6140, 43.2860}, g.value().get(), &areas);
    EXPECT_EQ(d.district, "Raški okrug") << d.text;
    EXPECT_TRUE(d.municipality.empty());
}

TEST(LocationDescriber, DescribesFromTheScenesAreasAndGazetteerAndFollowsLayerChanges) {
    MapScene scene;
    scene.addLayer(squares("kosovo_municipalities", {{"Zveçan", 20.7, 42.85, 20.95, 43.0, 0}}), LayerStyle{});
    scene.gazetteer = region();
    LocationDescriber describer;
    const LonLat nearZvecan{20.8660, 42.9265};  // ~3 km NE of Zvečan
    const std::string first = describer.describe(scene, nearZvecan);
    EXPECT_NE(first.find("NE of Zvečan"), std::string::npos) << first;
    EXPECT_NE(first.find("Zveçan municipality"), std::string::npos) << first;
    EXPECT_EQ(&describer.describe(scene, nearZvecan), &describer.describe(scene, nearZvecan));
    // Without the area layer the municipality is no longer named.
    scene.remove(scene.layers.front().id);
    const std::string after = describer.describe(scene, nearZvecan);
    EXPECT_EQ(after.find("municipality"), std::string::npos) << after;
    EXPECT_NE(after.find("Zvečan"), std::string::npos) << after;
    // Nothing known in the middle of the Atlantic.
    EXPECT_TRUE(describer.describe(scene, {-30.0, 40.0}).empty());
}

}  // namespace
}  // namespace fp
