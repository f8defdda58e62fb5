#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "core/places/gazetteer.h"
#include "core/places/name_index.h"
#include "core/places/normalize.h"
#include "places_test_util.h"

namespace fp {
namespace {

using test::placeRecord;
using test::regionRecords;

std::shared_ptr<const Gazetteer> region() {
    auto g = Gazetteer::fromRecords(regionRecords(), "region");
    EXPECT_TRUE(g.ok());
    return g.value();
}

uint32_t firstId(const Gazetteer& g, const std::string& query, PlaceSearchOptions o = {}) {
    auto hits = g.search(query, o);
    EXPECT_TRUE(hits.ok()) << query << ": " << (hits.ok() ? "" : hits.error().describe());
    if (!hits.ok() || hits.value().empty()) return 0;
    return g.place(hits.value().front().place).id;
}

TEST(PlaceNames, NormaliseCaseDiacriticsAndScript) {
    EXPECT_EQ(normalizePlaceName("Štrpce"), "strpce");
    EXPECT_EQ(normalizePlaceName("Shtërpcë"), "shterpce");
    EXPECT_EQ(normalizePlaceName("Штрпце"), "strpce");
    EXPECT_EQ(normalizePlaceName("ŠTRPCE"), "strpce");
    EXPECT_EQ(normalizePlaceName("Звечан"), "zvecan");
    EXPECT_EQ(normalizePlaceName("Zveçan"), "zvecan");
    EXPECT_EQ(normalizePlaceName("Đakovica"), normalizePlaceName("Ђаковица"));
    EXPECT_EQ(normalizePlaceName("  St. Petersburg "), "st petersburg");
    EXPECT_EQ(normalizePlaceName("Sankt-Peterburg"), "sankt peterburg");
    EXPECT_EQ(normalizePlaceName("Hunt’s Bay"), "hunts bay");
    EXPECT_EQ(normalizePlaceName("\"Zvečan\""), "zvecan");
    EXPECT_EQ(normalizePlaceName("Kosovska Mitrovica/Mitrovicë"), "kosovska mitrovica mitrovice");
}

TEST(PlaceNames, NothingSearchableGivesAnEmptyKey) {
    EXPECT_EQ(normalizePlaceName(""), "");
    EXPECT_EQ(normalizePlaceName("!!! ---"), "");
    EXPECT_EQ(normalizePlaceName("\xff\xfe broken"), "");  // invalid UTF-8
}

TEST(PlaceNames, EditDistanceCountsSwapsAsOneAndIsBounded) {
    EXPECT_EQ(boundedEditDistance("mitrovca", "mitrovica", 2).first, 1);
    EXPECT_EQ(boundedEditDistance("zevcan", "zvecan", 2).first, 1);                 // adjacent swap
    EXPECT_EQ(boundedEditDistance("abc", "xyz", 1).first, 2);                       // capped at max + 1
    EXPECT_EQ(boundedEditDistance("mitrovca", "mitrovica e veriut", 1).second, 1);  // as a prefix
}

/// Optimal string alignment distances from `a` to every prefix of `b`, from the whole table.
std::vector<int> distancesToPrefixes(std::string_view a, std::string_view b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()];
}

TEST(PlaceNames, EditDistanceAgreesWithTheWholeTable) {
    std::mt19937 random(15);
    auto word = [&] {
        std::string w(random() % 13, 'a');
        for (char& c : w) c = static_cast<char>('a' + random() % 3);
        return w;
    };
    for (int k = 0; k < 20000; ++k) {
        const std::string a = word(), b = word();
        const int max = static_cast<int>(random() % 4), over = max + 1;
        const std::vector<int> row = distancesToPrefixes(a, b);
        const int n = static_cast<int>(a.size());
        const int m = std::min(static_cast<int>(b.size()), n + max);
        int prefix = over;
        for (int j = std::max(0, n - max); j <= m; ++j)
            prefix = std::min(prefix, row[static_cast<size_t>(j)]);
        const int whole = std::min(row.back(), over);
        EXPECT_EQ(boundedEditDistance(a, b, max), std::make_pair(whole, prefix))
            << "'" << a << "' '" << b << "' " << max;
    }
}

TEST(GazetteerSearch, EverySpellingAndScriptFindsStrpceFirst) {
    auto g = region();
    for (const char* q : {"strpce", "Štrpce", "Shtërpcë", "Штрпце", "STRPCE", "shterpce"})
        EXPECT_EQ(firstId(*g, q), 785388u) << q;
}

TEST(GazetteerSearch, ResultsCarryCountryAndAdminSoNamesakesAreToldApart) {
    auto g = region();
    auto hits = g->search("Mitrovica").value();
    ASSERT_GE(hits.size(), 2u);
    const Place& first = g->place(hits[0].place);
    const Place& second = g->place(hits[1].place);
    EXPECT_EQ(first.id, 789225u);  // the larger, admin-seat town ranks first
    EXPECT_EQ(first.country(), "XK");
    EXPECT_EQ(second.id, 3190103u);
    EXPECT_EQ(second.country(), "RS");
    EXPECT_EQ(g->adminLabel(hits[1].place), "Sremski okrug");
    EXPECT_EQ(countryDisplayName("XK"), "Kosovo");
    EXPECT_EQ(countryDisplayName("RS"), "Serbia");
}

TEST(GazetteerSearch, RanksExactAbovePrefixAboveFuzzy) {
    std::vector<PlaceRecord> v;
    v.push_back(placeRecord(1, "Banja", 20.0, 43.0, "RS"));
    v.push_back(placeRecord(2, "Banjaluka", 20.1, 43.1, "RS"));
    v.push_back(placeRecord(3, "Banje", 20.2, 43.2, "RS"));
    auto g = Gazetteer::fromRecords(v, "t").value();
    auto hits = g->search("banja").value();
    ASSERT_EQ(hits.size(), 3u);
    EXPECT_EQ(hits[0].match, MatchKind::Exact);
    EXPECT_EQ(hits[1].match, MatchKind::Prefix);
    EXPECT_EQ(hits[2].match, MatchKind::Fuzzy);
    EXPECT_EQ(hits[2].editDistance, 1);
    EXPECT_EQ(g->place(hits[2].place).id, 3u);
    EXPECT_GT(hits[0].score, hits[1].score);
    EXPECT_GT(hits[1].score, hits[2].score);
}

TEST(GazetteerSearch, ToleratesSmallTyposButNotUnrelatedNames) {
    auto g = region();
    EXPECT_EQ(firstId(*g, "Mitrovca"), 789225u);
    EXPECT_EQ(firstId(*g, "Zevcan"), 783770u);
    EXPECT_EQ(firstId(*g, "Belgarde"), 792680u);
    EXPECT_TRUE(g->search("Xqzwv").value().empty());
    PlaceSearchOptions strict;
    strict.fuzzy = false;
    EXPECT_TRUE(g->search("Mitrovca", strict).value().empty());
}

TEST(GazetteerSearch, TypeAheadPrefixesAndLaterWords) {
    auto g = region();
    EXPECT_EQ(firstId(*g, "beog"), 792680u);
    auto hits = g->search("mitro").value();
    ASSERT_GE(hits.size(), 2u);
    EXPECT_EQ(hits[0].match, MatchKind::Prefix);
    auto sremska = g->search("mitrovica", {.limit = 10, .country = "RS"}).value();
    ASSERT_EQ(sremska.size(), 1u);
    EXPECT_EQ(g->place(sremska[0].place).id, 3190103u);
}

TEST(GazetteerSearch, CountryFilterAndViewCentreAndAdminHint) {
    auto g = region();
    // Two villages named Banjska: the one nearer the view centre wins.
    PlaceSearchOptions nearZvecan;
    nearZvecan.near = LonLat{20.78, 42.97};
    EXPECT_EQ(firstId(*g, "Banjska", nearZvecan), 9000001u);
    PlaceSearchOptions nearVucitrn;
    nearVucitrn.near = LonLat{20.96, 42.82};
    EXPECT_EQ(firstId(*g, "Banjska", nearVucitrn), 9000002u);
    // An admin hint lifts the namesake in that area.
    PlaceSearchOptions okrug;
    okrug.adminHint = "Sremski okrug";
    EXPECT_EQ(firstId(*g, "Mitrovica", okrug), 3190103u);
    PlaceSearchOptions us;
    us.country = "us";
    EXPECT_EQ(firstId(*g, "St. Petersburg", us), 4171563u);
}

TEST(GazetteerSearch, PunctuationQuotesAndSlashAlternatives) {
    auto g = region();
    EXPECT_EQ(firstId(*g, "St. Petersburg"),
              498817u);  // the city (exact via "St Petersburg") outranks the town
    EXPECT_EQ(firstId(*g, "\"Zvečan\""), 783770u);
    EXPECT_EQ(firstId(*g, "'Štrpce'"), 785388u);
    EXPECT_EQ(firstId(*g, "Kosovska Mitrovica/Mitrovicë"), 789225u);
    EXPECT_EQ(firstId(*g, "Санкт-Петербург"), 498817u);
}

TEST(GazetteerSearch, MixedScriptsInOneQuery) {
    auto g = region();
    EXPECT_EQ(firstId(*g, "Kosovska Митровица"), 789225u);
    EXPECT_EQ(firstId(*g, "Štrпце"), 785388u);
}

TEST(GazetteerSearch, EmptyAndUnsearchableQueriesAreClearErrors) {
    auto g = region();
    for (const char* q : {"", "   ", "!?.", "—"}) {
        auto r = g->search(q);
        ASSERT_FALSE(r.ok()) << q;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(r.error().source, "query");
    }
}

TEST(GazetteerSearch, VeryLongQueriesAreRefusedWithoutWork) {
    auto g = region();
    const std::string huge(10000, 'a');
    auto r = g->search(huge);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().describe().find("10000 bytes"), std::string::npos) << r.error().describe();
    // At the limit the query is searched (and simply matches nothing).
    auto atLimit = g->search(std::string(Gazetteer::kMaxQueryBytes, 'z'));
    ASSERT_TRUE(atLimit.ok());
    EXPECT_TRUE(atLimit.value().empty());
}

TEST(GazetteerSearch, BadOptionsAreRefused) {
    auto g = region();
    EXPECT_FALSE(g->search("Zvečan", {.limit = 0}).ok());
    EXPECT_FALSE(g->search("Zvečan", {.limit = 5000}).ok());
    EXPECT_FALSE(g->search("Zvečan", {.limit = 5, .country = "XKX"}).ok());
    EXPECT_FALSE(g->search("Zvečan", {.limit = 5, .country = "1K"}).ok());
}

TEST(GazetteerSearch, AreasCanBeLeftOut) {
    auto g = region();
    auto all = g->search("Štrpce").value();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(g->place(all[0].place).featureCode, "PPLA2");  // the town before its municipality
    EXPECT_TRUE(g->place(all[1].place).isArea());
    auto towns = g->search("Štrpce", {.limit = 10, .includeAreas = false}).value();
    EXPECT_EQ(towns.size(), 1u);
}

TEST(GazetteerRecords, InvalidRecordsAreRefusedNamingThem) {
    auto v = regionRecords();
    v[2].position = {200.0, 10.0};
    auto r = Gazetteer::fromRecords(v, "mine.tsv");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().describe().find("mine.tsv"), std::string::npos);
    EXPECT_NE(r.error().describe().find("3190103"), std::string::npos);
    v = regionRecords();
    v[1].id = v[0].id;
    EXPECT_FALSE(Gazetteer::fromRecords(v, "dup").ok());
    v = regionRecords();
    v[0].names[0].text = "...";
    EXPECT_FALSE(Gazetteer::fromRecords(v, "noname").ok());
}

TEST(GazetteerLookup, ByIdNearestAndInBox) {
    auto g = region();
    ASSERT_TRUE(g->findById(783770).has_value());
    EXPECT_EQ(g->place(*g->findById(783770)).name, "Zvečan");
    EXPECT_FALSE(g->findById(42).has_value());

    // 3 km from Zvečan: Zvečan is nearest, then Mitrovicë.
    auto near = g->nearest({20.84, 42.935}, {.limit = 2, .maxDistanceKm = 20});
    ASSERT_EQ(near.size(), 2u);
    EXPECT_EQ(g->place(near[0].place).id, 783770u);
    EXPECT_NEAR(near[0].distanceKm, 3.1, 0.2);
    EXPECT_LT(near[0].distanceKm, near[1].distanceKm);
    EXPECT_TRUE(g->nearest({0.0, 0.0}).empty());  // nothing within 50 km: no invented neighbour

    // Kosovo's box, most important first: Mitrovicë (PPLA, 107k) before Zvečan and Štrpce.
    auto box = g->inBox(GeoBBox::fromCorners(20.0, 41.8, 21.8, 43.3), 3);
    ASSERT_EQ(box.size(), 3u);
    EXPECT_EQ(g->place(box[0]).id, 789225u);
    EXPECT_EQ(g->place(box[1]).id, 783770u);
    auto world = g->inBox(GeoBBox::fromCorners(-180, -90, 180, 90), 1);
    ASSERT_EQ(world.size(), 1u);
    EXPECT_EQ(g->place(world[0]).id, 792680u);  // Belgrade: the capital
}

TEST(PlacesByCountry, PopulatedPositionsAreTheCountrysTownsInIndexOrder) {
    const auto g = region();
    std::vector<LonLat> scanned;
    for (PlaceIndex i = 0; i < g->size(); ++i)
        if (g->place(i).featureClass == 'P' && g->place(i).country() == "XK")
            scanned.push_back(g->place(i).position);
    ASSERT_EQ(scanned.size(), 5u);  // Štrpce, Mitrovicë, Zvečan and both Banjskas, not the district Shtërpcë
    const auto xk = g->populatedPositions("XK");
    ASSERT_EQ(xk.size(), scanned.size());
    for (size_t i = 0; i < xk.size(); ++i) {
        EXPECT_EQ(xk[i].lon, scanned[i].lon) << i;
        EXPECT_EQ(xk[i].lat, scanned[i].lat) << i;
    }
    EXPECT_EQ(g->populatedPositions("RS").size(), 2u);
    EXPECT_TRUE(g->populatedPositions("ZZ").empty());
    EXPECT_TRUE(g->populatedPositions("").empty());
}

}  // namespace
}  // namespace fp
