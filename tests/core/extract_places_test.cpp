// Place mentions of core/extract: spellings and scripts, cue words, parts of countries, context.
#include <gtest/gtest.h>

#include "core/extract/place_finder.h"
#include "extract_test_util.h"

namespace fp {
namespace {

std::vector<PlaceMention> placesIn(const std::string& text, std::vector<UnplacedName>* unplaced = nullptr) {
    PlaceFinder finder(test::worldGazetteer());
    const TextUnits units = splitText(text);
    return finder.find(units, text, unplaced);
}

const PlaceMention* named(const std::vector<PlaceMention>& all, const std::string& text,
                          const std::string& name) {
    for (const PlaceMention& m : all)
        if (text.substr(m.nameSpan.begin, m.nameSpan.size()) == name) return &m;
    return nullptr;
}

TEST(ExtractPlaces, StrpceIsFoundInEverySpellingAndScript) {
    for (const std::string name : {"Strpce", "Štrpce", "Shtërpcë", "Штрпце", "Shterpce"}) {
        const std::string text = "Police in Kosovo said shots were fired in " + name + " on Friday.";
        const auto all = placesIn(text);
        const PlaceMention* m = named(all, text, name);
        ASSERT_NE(m, nullptr) << name;
        ASSERT_TRUE(m->place.has_value()) << name;
        EXPECT_EQ(test::worldGazetteer()->place(*m->place).id, 785388u) << name;
        EXPECT_EQ(m->name, "Štrpce");
        EXPECT_EQ(m->precision, LocationPrecision::Exact);
        EXPECT_TRUE(m->locative);
    }
}

TEST(ExtractPlaces, CueWordsSetPrecisionAndKind) {
    const std::string text =
        "Serbs gathered at the Jarinje crossing, near Zubin Potok and in north Mitrovica, while police "
        "patrolled "
        "northern Kosovo.";
    const auto all = placesIn(text);
    const PlaceMention* jarinje = named(all, text, "Jarinje");
    ASSERT_NE(jarinje, nullptr);
    EXPECT_EQ(test::worldGazetteer()->place(*jarinje->place).featureCode, "PSTB");
    EXPECT_EQ(text.substr(jarinje->span.begin, jarinje->span.size()), "at the Jarinje crossing");
    EXPECT_EQ(jarinje->precision, LocationPrecision::Exact);
    const PlaceMention* zubin = named(all, text, "Zubin Potok");
    ASSERT_NE(zubin, nullptr);
    EXPECT_EQ(zubin->precision, LocationPrecision::Near);
    const PlaceMention* mitrovica = named(all, text, "Mitrovica");
    ASSERT_NE(mitrovica, nullptr);
    EXPECT_EQ(test::worldGazetteer()->place(*mitrovica->place).id, 789225u);  // Mitrovicë, not Sremska
    EXPECT_EQ(mitrovica->precision, LocationPrecision::Near);
    const PlaceMention* north = named(all, text, "Kosovo");
    ASSERT_NE(north, nullptr);
    EXPECT_EQ(north->kind, PlaceMentionKind::Part);
    EXPECT_EQ(north->name, "northern Kosovo");
    EXPECT_EQ(north->precision, LocationPrecision::Region);
    EXPECT_FALSE(north->place.has_value());  // a region, never a point in a town
    EXPECT_GT(north->position.lat, 42.8);    // the north of Kosovo (which spans 41.9 .. 43.3)
}

TEST(ExtractPlaces, PartsOfTheCountryAndAnaphorsTakeTheMainCountry) {
    const std::string text =
        "Kosovo police said roads were blocked in the north of the country. Tension rose in Kosovo and in "
        "the "
        "Serb-majority north. Envoys will visit the region.";
    const auto all = placesIn(text);
    std::vector<std::string> names;
    for (const PlaceMention& m : all) names.push_back(m.name + "/" + std::to_string(int(m.kind)));
    EXPECT_EQ(names, (std::vector<std::string>{"Kosovo/1", "northern Kosovo/2", "Kosovo/1",
                                               "northern Kosovo/2", "Kosovo/3"}));
}

TEST(ExtractPlaces, AmbiguousNamesAreResolvedFromTheOtherPlacesOfTheText) {
    // Two Kosovo villages are called Banjska: one in Zvečan municipality, one near Vučitrn.
    const std::string zvecan = "Police in Zvecan and Leposavic said gunmen fled to Banjska in Kosovo.";
    const auto inZvecan = placesIn(zvecan);  // kept: named() points into it
    const PlaceMention* a = named(inZvecan, zvecan, "Banjska");
    ASSERT_NE(a, nullptr);
    EXPECT_NEAR(a->position.lon, 20.78, 0.02);
    EXPECT_LT(a->confidence, 1.0);
    const std::string vucitrn = "Police in Vucitrn said gunmen fled to Banjska in Kosovo.";
    const auto inVucitrn = placesIn(vucitrn);
    const PlaceMention* b = named(inVucitrn, vucitrn, "Banjska");
    ASSERT_NE(b, nullptr);
    EXPECT_NEAR(b->position.lon, 20.95, 0.02);
    // Mitrovica among towns of Syrmia, Serbia, is Sremska Mitrovica.
    const std::string srem = "Farmers in Serbia blocked roads near Ruma, Sid and Mitrovica.";
    const auto inSrem = placesIn(srem);
    const PlaceMention* c = named(inSrem, srem, "Mitrovica");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(test::worldGazetteer()->place(*c->place).id, 3190103u);
}

TEST(ExtractPlaces, CommonWordsAndPeopleAreNotPlaces) {
    std::vector<UnplacedName> unplaced;
    const std::string text =
        "Kosovo's Interior Minister Xhelal Svecla and President Aleksandar Vucic spoke to Police on Sunday "
        "in "
        "Pristina.";
    const auto all = placesIn(text, &unplaced);
    std::vector<std::string> names;
    for (const PlaceMention& m : all) names.push_back(m.name);
    EXPECT_EQ(names, (std::vector<std::string>{"Kosovo", "Pristina"}));
}

}  // namespace
}  // namespace fp
