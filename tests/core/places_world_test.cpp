#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/geocode/incident_geocoder.h"
#include "core/places/gazetteer.h"

// The committed world gazetteer (GeoNames cities500 + Kosovo/Serbia additions), loaded once for the suite.
namespace fp {
namespace {

class WorldGazetteer : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto g = Gazetteer::load(std::string(FP_GEODATA_DIR) + "/places/places.fpgaz");
        ASSERT_TRUE(g.ok()) << g.error().describe();
        s_world = g.value();
    }
    static void TearDownTestSuite() { s_world.reset(); }

    static Place first(const std::string& query, PlaceSearchOptions o = {}) {
        auto hits = s_world->search(query, o);
        EXPECT_TRUE(hits.ok() && !hits.value().empty()) << query;
        static const Place none;
        return hits.ok() && !hits.value().empty() ? s_world->place(hits.value()[0].place) : none;
    }
    static std::shared_ptr<const Gazetteer> s_world;
};

std::shared_ptr<const Gazetteer> WorldGazetteer::s_world;

TEST_F(WorldGazetteer, HoldsTheWholeWorldAndTheAdditions) {
    EXPECT_GT(s_world->size(), 199000u);
    for (const char* name : {"Rudare", "Gotovuša", "Banjska", "Jarinje", "Brnjak", "Merdare"}) {
        const Place& p = first(name, {.limit = 1, .country = "XK"});
        EXPECT_NE(p.id, 0u) << name;
    }
    // The Kosovo municipalities and the Serbian districts are places too (areas at a point on them).
    const Place& muni = first("Zubin Potok", {.limit = 5, .country = "XK"});
    EXPECT_NE(muni.id, 0u);
    const Place& okrug = first("Рашки округ");
    EXPECT_EQ(okrug.featureCode, "ADM1");
    EXPECT_EQ(okrug.country(), "RS");
}

TEST_F(WorldGazetteer, StrpceIsFirstInEverySpellingAndScript) {
    for (const char* q : {"strpce", "Shtërpcë", "Штрпце", "Štrpce", "STRPCE"}) {
        const Place& p = first(q);
        EXPECT_EQ(p.id, 785388u) << q;
        EXPECT_EQ(p.country(), "XK") << q;
    }
}

TEST_F(WorldGazetteer, MitrovicaInKosovoAndSremskaMitrovicaInSerbiaAreToldApart) {
    auto hits = s_world->search("Mitrovica", {.limit = 5}).value();
    ASSERT_GE(hits.size(), 2u);
    bool sawKosovo = false, sawSerbia = false;
    for (const auto& h : hits) {
        const Place& p = s_world->place(h.place);
        if (p.id == 789225u) {
            sawKosovo = true;
            EXPECT_EQ(p.country(), "XK");
            EXPECT_NE(s_world->adminLabel(h.place).find("Mitrovica"), std::string::npos);
        }
        if (p.id == 3190103u) {
            sawSerbia = true;
            EXPECT_EQ(p.country(), "RS");
            EXPECT_EQ(p.admin1Name, "Sremski okrug");
        }
    }
    EXPECT_TRUE(sawKosovo && sawSerbia);
    EXPECT_EQ(first("Mitrovica").id, 789225u);
}

TEST_F(WorldGazetteer, KosovoPlacesKnowTheirMunicipalityAndDistrict) {
    const Place& zvecan = first("Zvečan", {.limit = 1, .includeAreas = false});
    EXPECT_EQ(zvecan.admin2Name, "Zveçan / Zvečan");
    EXPECT_EQ(zvecan.admin1Name, "Mitrovica");
    const Place& gotovusa = first("Gotovuša");
    EXPECT_NE(gotovusa.admin2Name.find("Štrpce"), std::string::npos);
}

TEST_F(WorldGazetteer, PlacesOutsideKosovoAndSerbiaKnowTheirFirstLevelArea) {
    // Natural Earth admin-1 names tell the many Springfields of the United States apart.
    auto hits = s_world->search("Springfield", {.limit = 6, .country = "US"}).value();
    ASSERT_EQ(hits.size(), 6u);
    std::set<std::string> labels;
    for (const auto& h : hits) {
        EXPECT_FALSE(s_world->adminLabel(h.place).empty()) << s_world->place(h.place).id;
        labels.insert(s_world->adminLabel(h.place));
    }
    EXPECT_EQ(labels.size(), hits.size());
    EXPECT_TRUE(labels.count("Illinois") && labels.count("Missouri"));
    EXPECT_EQ(first("Kramatorsk").admin1Name, "Donetsk");
    // French departments are second-level: the department is admin2, its region admin1.
    const Place& lyon = first("Lyon", {.limit = 1, .country = "FR"});
    EXPECT_EQ(lyon.admin2Name, "Rhône");
    EXPECT_EQ(lyon.admin1Name, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(first("Paris", {.limit = 1, .country = "FR"}).admin1Name, "Île-de-France");
    EXPECT_EQ(first("Paris", {.limit = 1, .country = "US"}).admin1Name, "Texas");
}

TEST_F(WorldGazetteer, FirstLevelAreasOfTheWorldArePlaces) {
    for (const char* q : {"Illinois", "Donetsk Oblast", "Донецька область"}) {
        const Place& area = first(q, {.limit = 1, .includeAreas = true});
        EXPECT_EQ(area.featureCode, "ADM1") << q;
        EXPECT_GE(area.id, kFlashpointPlaceIdBase + 0x10000) << q;
    }
    EXPECT_EQ(first("Illinois").country(), "US");
    EXPECT_EQ(first("Donetsk Oblast").country(), "UA");
    // Regions above second-level units are areas too.
    const Place& region = first("Auvergne-Rhône-Alpes", {.limit = 1, .country = "FR"});
    EXPECT_EQ(region.featureCode, "ADM1");
    EXPECT_GE(region.id, kFlashpointPlaceIdBase + 0x20000);
    EXPECT_EQ(first("Sahel", {.limit = 1, .country = "BF"}).featureCode, "ADM1");
}

TEST_F(WorldGazetteer, TheSourcesAdminColumnsDecideBetweenPlacesOfOneNameWorldwide) {
    IncidentGeocoder geo(s_world);
    for (const auto& [state, id] :
         {std::pair{"Missouri", 4409896u}, {"Illinois", 4250542u}, {"Ohio", 4525353u}}) {
        const GeocodeResult& r = geo.geocode({"Springfield", "United States", {state}, {}});
        ASSERT_EQ(r.outcome, GeocodeOutcome::Matched) << state << ": " << r.reason;
        EXPECT_EQ(r.candidates.front().placeId, id) << state;
    }
    // A row that names a first-level area (ACLED: location = admin1) is located at the area, precision 3.
    for (const auto& [name, country] :
         {std::pair{"Illinois", "United States"}, {"Donetsk Oblast", "Ukraine"}, {"Sahel", "Burkina Faso"}}) {
        const GeocodeResult& r = geo.geocode({name, country, {name}, {}});
        ASSERT_EQ(r.outcome, GeocodeOutcome::Matched) << name << ": " << r.reason;
        EXPECT_EQ(r.candidates.front().featureClass, 'A') << name;
        Incident inc;
        applyGeocode(r.candidates.front(), r, std::nullopt, inc);
        EXPECT_EQ(inc.locationPrecision, LocationPrecision::Region) << name;
    }
}

TEST_F(WorldGazetteer, TyposPunctuationAndSlashes) {
    EXPECT_EQ(first("Zvecan").id, 783770u);
    EXPECT_EQ(first("Zvecann").id, 783770u);
    EXPECT_EQ(first("Priština").country(), "XK");
    EXPECT_EQ(first("Pristina").country(), "XK");
    EXPECT_EQ(first("Beograd").id, 792680u);
    EXPECT_EQ(first("Београд").id, 792680u);
    EXPECT_EQ(first("St. Petersburg").country(), "RU");
    EXPECT_EQ(first("Kosovska Mitrovica/Mitrovicë").id, 789225u);
}

TEST_F(WorldGazetteer, NearestPopulatedPlaceNeverInvents) {
    auto near = s_world->nearest({20.87, 42.93}, {.limit = 1, .maxDistanceKm = 10});
    ASSERT_EQ(near.size(), 1u);
    EXPECT_LT(near[0].distanceKm, 10.0);
    EXPECT_TRUE(s_world->nearest({-30.0, 0.0}, {.limit = 1, .maxDistanceKm = 50}).empty());  // mid-Atlantic
}

}  // namespace
}  // namespace fp
