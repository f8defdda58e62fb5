// Geocoding of place names: the ranking/ambiguity rules on a small gazetteer, country codes, and the review
// choices (JSON and store rebuild).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/geocode/country_codes.h"
#include "core/geocode/geocode_review.h"
#include "core/proj/geodesic.h"
#include "places_test_util.h"

namespace fp {
namespace {

std::shared_ptr<const Gazetteer> regionGazetteer() {
    static auto g = Gazetteer::fromRecords(test::regionRecords(), "test").value();
    return g;
}

double km(LonLat a, LonLat b) {
    return geodesicDistance(a, b) / 1000.0;
}

TEST(CountryCodes, NamesAndCodes) {
    EXPECT_EQ(countryCodeFromText("Kosovo"), "XK");
    EXPECT_EQ(countryCodeFromText("XKX"), "XK");
    EXPECT_EQ(countryCodeFromText("0"), "XK");  // ACLED's iso for Kosovo
    EXPECT_EQ(countryCodeFromText("Serbia"), "RS");
    EXPECT_EQ(countryCodeFromText("serbia"), "RS");
    EXPECT_EQ(countryCodeFromText("SRB"), "RS");
    EXPECT_EQ(countryCodeFromText("688"), "RS");
    EXPECT_EQ(countryCodeFromText("rs"), "RS");
    EXPECT_EQ(countryCodeFromText("Republic of Serbia"), "RS");
    EXPECT_EQ(countryCodeFromText("North Macedonia"), "MK");
    EXPECT_EQ(countryCodeFromText("Atlantis"), "");
    EXPECT_EQ(countryCodeFromText(""), "");
    EXPECT_EQ(countryCodeFromText("99999"), "");
}

TEST(IncidentGeocoder, SpellingsOfOneTownMatchTheTownNotItsMunicipality) {
    IncidentGeocoder geo(regionGazetteer());
    for (const char* name : {"Štrpce", "Strpce", "Shtërpcë", "Штрпце", "STRPCE"}) {
        const GeocodeResult& r = geo.geocode({name, "Kosovo", {}, {}});
        ASSERT_EQ(r.outcome, GeocodeOutcome::Matched) << name << ": " << r.reason;
        EXPECT_EQ(r.candidates.front().placeId, 785388u) << name;
        EXPECT_EQ(r.candidates.front().featureClass, 'P');
        Incident inc;
        applyGeocode(r.candidates.front(), r, std::nullopt, inc);
        EXPECT_EQ(inc.locationPrecision, LocationPrecision::Near);
        EXPECT_LT(km(inc.location, {21.0272, 42.2394}), 1.0);
        EXPECT_NE(std::find(inc.tags.begin(), inc.tags.end(), "geocoded"), inc.tags.end());
        EXPECT_NE(std::find(inc.tags.begin(), inc.tags.end(), "geocode:id=785388"), inc.tags.end());
    }
    EXPECT_EQ(geo.distinctQueries(), 5u);
    geo.geocode({"Strpce", "Kosovo", {}, {}});  // cached
    EXPECT_EQ(geo.distinctQueries(), 5u);
}

TEST(IncidentGeocoder, AmbiguousWithoutContextDecidedByCountryOrAdmin) {
    IncidentGeocoder geo(regionGazetteer());
    const GeocodeResult& bare = geo.geocode({"Mitrovica", "", {}, {}});
    EXPECT_EQ(bare.outcome, GeocodeOutcome::Ambiguous) << bare.reason;
    ASSERT_GE(bare.candidates.size(), 2u);
    std::vector<std::string> countries;
    for (const auto& c : bare.candidates) countries.push_back(c.country);
    EXPECT_NE(std::find(countries.begin(), countries.end(), "XK"), countries.end());
    EXPECT_NE(std::find(countries.begin(), countries.end(), "RS"), countries.end());
    EXPECT_NE(bare.reason.find("Sremska Mitrovica"), std::string::npos) << bare.reason;

    const GeocodeResult& kosovo = geo.geocode({"Mitrovica", "XK", {}, {}});
    ASSERT_EQ(kosovo.outcome, GeocodeOutcome::Matched) << kosovo.reason;
    EXPECT_EQ(kosovo.candidates.front().placeId, 789225u);
    const GeocodeResult& admin = geo.geocode({"Mitrovica", "", {"Mitrovica"}, {}});
    ASSERT_EQ(admin.outcome, GeocodeOutcome::Matched) << admin.reason;
    EXPECT_EQ(admin.candidates.front().placeId, 789225u);
    const GeocodeResult& serbia = geo.geocode({"Mitrovica", "Serbia", {}, {}});
    ASSERT_EQ(serbia.outcome, GeocodeOutcome::Matched) << serbia.reason;
    EXPECT_EQ(serbia.candidates.front().placeId, 3190103u);

    // Two villages of one name 18 km apart in the same country: only an admin area could tell them apart.
    const GeocodeResult& villages = geo.geocode({"Banjska", "Kosovo", {}, {}});
    EXPECT_EQ(villages.outcome, GeocodeOutcome::Ambiguous) << villages.reason;
}

TEST(IncidentGeocoder, UnmatchedNamesGetNoPosition) {
    IncidentGeocoder geo(regionGazetteer());
    const GeocodeResult& r = geo.geocode({"Xyzzyville", "Kosovo", {}, {}});
    EXPECT_EQ(r.outcome, GeocodeOutcome::Unmatched);
    EXPECT_NE(r.reason.find("no place named 'Xyzzyville' in Kosovo"), std::string::npos) << r.reason;
    // Punctuation only, very long, and a name of another country than the one given.
    EXPECT_EQ(geo.geocode({"?!;", "", {}, {}}).outcome, GeocodeOutcome::Unmatched);
    EXPECT_NE(geo.geocode({"?!;", "", {}, {}}).reason.find("cannot be searched"), std::string::npos);
    EXPECT_EQ(geo.geocode({std::string(400, 'a'), "", {}, {}}).outcome, GeocodeOutcome::Unmatched);
    EXPECT_EQ(geo.geocode({"Belgrade", "Kosovo", {}, {}}).outcome, GeocodeOutcome::Unmatched);
    // A typo is accepted when no place has the name as written; a prefix is not a name.
    const GeocodeResult& typo = geo.geocode({"Zvecsn", "Kosovo", {}, {}});
    ASSERT_EQ(typo.outcome, GeocodeOutcome::Matched) << typo.reason;
    EXPECT_EQ(typo.candidates.front().match, MatchKind::Fuzzy);
    const GeocodeResult& prefix = geo.geocode({"Zve", "Kosovo", {}, {}});
    EXPECT_EQ(prefix.outcome, GeocodeOutcome::Unmatched);
}

TEST(IncidentGeocoder, PrecisionFollowsFeatureAndSource) {
    GeocodeResult r;
    GeocodeCandidate town, area;
    town.featureClass = 'P';
    area.featureClass = 'A';
    auto precision = [&](const GeocodeCandidate& c, std::optional<LocationPrecision> source) {
        Incident inc;
        applyGeocode(c, r, source, inc);
        return inc.locationPrecision;
    };
    EXPECT_EQ(precision(town, std::nullopt), LocationPrecision::Near);
    EXPECT_EQ(precision(town, LocationPrecision::Exact), LocationPrecision::Exact);
    EXPECT_EQ(precision(town, LocationPrecision::Region), LocationPrecision::Region);
    EXPECT_EQ(precision(area, std::nullopt), LocationPrecision::Region);
    EXPECT_EQ(precision(area, LocationPrecision::Exact), LocationPrecision::Region);
}

PendingGeocodeRow pendingRow() {
    IncidentGeocoder geo(regionGazetteer());
    PendingGeocodeRow row;
    row.source = "events.csv";
    row.row = 8;
    row.query = {"Mitrovica", "", {}, {}};
    row.result = geo.geocode(row.query);
    row.incident.id = "E8";
    row.incident.title = "Protest";
    row.incident.start = TimePoint{1671235200};
    row.incident.placeName = "Mitrovica";
    return row;
}

TEST(GeocodeReview, ChoicesRoundTripThroughJsonAndRebuildTheStore) {
    const PendingGeocodeRow row = pendingRow();
    ASSERT_EQ(row.result.outcome, GeocodeOutcome::Ambiguous);
    size_t sremska = 0;
    while (row.result.candidates[sremska].placeId != 3190103u) ++sremska;
    const GeocodeChoice pick = choiceForCandidate(row, sremska);
    EXPECT_EQ(pick.kind, GeocodeChoice::Kind::Candidate);
    EXPECT_EQ(pick.precision, LocationPrecision::Near);
    const GeocodeChoice click = choiceForMapPoint(row, {20.87, 42.89});
    GeocodeChoice skip;
    skip.source = "other.csv";
    skip.row = 3;
    skip.name = "Xyzzyville";

    const nlohmann::json json = geocodeChoicesToJson({pick, click, skip});
    auto back = geocodeChoicesFromJson(nlohmann::json::parse(json.dump()));
    ASSERT_TRUE(back.ok()) << back.error().describe();
    ASSERT_EQ(back->size(), 3u);
    EXPECT_EQ(back.value()[0].placeId, 3190103u);
    EXPECT_EQ(back.value()[0].placeName, "Sremska Mitrovica");
    EXPECT_EQ(back.value()[1].kind, GeocodeChoice::Kind::MapPoint);
    EXPECT_DOUBLE_EQ(back.value()[1].position.lon, 20.87);
    EXPECT_EQ(back.value()[2].kind, GeocodeChoice::Kind::Skip);
    EXPECT_TRUE(back.value()[0].matches(row));
    EXPECT_FALSE(back.value()[2].matches(row));

    // The later choice (the map click) wins; the store gains the row.
    GeocodeSummary summary;
    summary.pending.push_back(row);
    const auto resolved = applyGeocodeChoices(summary, back.value());
    ASSERT_EQ(resolved.size(), 1u);
    EXPECT_TRUE(summary.pending.empty());
    EXPECT_DOUBLE_EQ(resolved[0].location.lat, 42.89);
    EXPECT_NE(std::find(resolved[0].tags.begin(), resolved[0].tags.end(), "geocode:by=user"),
              resolved[0].tags.end());
    Incident other;
    other.id = "E1";
    other.start = TimePoint{1671000000};
    other.location = {21.0, 42.5};
    const IncidentStore before = IncidentStore::build({other});
    const IncidentStore after = storeWithIncidents(before, resolved);
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after.id(0), "E1");
    EXPECT_EQ(after.id(1), "E8");
    EXPECT_DOUBLE_EQ(after.lon()[1], 20.87);
}

TEST(GeocodeReview, SkipKeepsTheRowListedAndBadJsonIsNamed) {
    GeocodeSummary summary;
    summary.pending.push_back(pendingRow());
    GeocodeChoice skip;
    skip.source = "events.csv";
    skip.row = 8;
    skip.name = "Mitrovica";
    EXPECT_TRUE(applyGeocodeChoices(summary, {skip}).empty());
    ASSERT_EQ(summary.pending.size(), 1u);
    EXPECT_TRUE(summary.pending[0].skipped);
    EXPECT_FALSE(resolvedIncident(summary.pending[0], skip).ok());

    auto notList = geocodeChoicesFromJson(nlohmann::json::object());
    ASSERT_FALSE(notList.ok());
    auto badKind = geocodeChoicesFromJson(
        nlohmann::json::parse(R"([{"source":"a.csv","row":2,"name":"X","kind":"guess"}])"));
    ASSERT_FALSE(badKind.ok());
    EXPECT_NE(badKind.error().message.find("entry 1: 'kind' is 'guess'"), std::string::npos);
    auto badLat = geocodeChoicesFromJson(
        nlohmann::json::parse(R"([{"source":"a.csv","row":2,"name":"X","kind":"map","lon":20,"lat":95}])"));
    ASSERT_FALSE(badLat.ok());
    EXPECT_NE(badLat.error().message.find("outside"), std::string::npos);
}

}  // namespace
}  // namespace fp
