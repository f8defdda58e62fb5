#include <gtest/gtest.h>

#include <algorithm>

#include "core/model/incident.h"

namespace fp {
namespace {

TimePoint day(int y, int m, int d) {
    return fromCivil({y, m, d, 0, 0, 0});
}

Incident make(std::string id, TimePoint start, std::string category, LonLat where = {21.0, 42.5}) {
    Incident inc;
    inc.id = std::move(id);
    inc.title = "Incident " + inc.id;
    inc.start = start;
    inc.category = std::move(category);
    inc.location = where;
    inc.actors = {"KFOR", "Kosovo Police"};
    inc.tags = {"north"};
    inc.sources = {{"RTS", "https://example.org/a", day(2022, 12, 11)}};
    return inc;
}

IncidentStore sample() {
    // Out of time order on purpose: the store then has a text-row index.
    return IncidentStore::build({make("c", day(2022, 12, 12), "Protest"),
                                 make("a", day(2022, 12, 10), "Battle"),
                                 make("b", day(2022, 12, 11), "Protest")});
}

std::vector<std::string> ids(const IncidentStore& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size(); ++i) out.emplace_back(s.id(i));
    return out;
}

TEST(IncidentEdits, ReplacedKeepsEveryFieldMovesInTimeAndLeavesTheOldStore) {
    const IncidentStore s = sample();
    Incident edited = s.get(0);  // "a"
    edited.title = "Roadblock at Jarinje";
    edited.start = day(2022, 12, 13);
    edited.end = day(2022, 12, 20);
    edited.timePrecision = TimePrecision::Week;
    edited.category = "Roadblock";
    edited.location = {20.78, 43.14};
    edited.locationPrecision = LocationPrecision::Near;
    edited.placeName = "Jarinje";
    edited.fatalities = 2;
    edited.description = "Trucks across the road";
    edited.provenance = {"2026-12-07T00:00:00Z", "2026-12-07T00:01:00Z", "ana", "Serbs blocked the road."};
    size_t at = 99;
    const IncidentStore e = s.withReplaced(0, edited, &at);
    EXPECT_EQ(at, 2u);
    EXPECT_EQ(ids(e), (std::vector<std::string>{"b", "c", "a"}));
    EXPECT_EQ(e.get(2), edited);
    EXPECT_EQ(e.origin(2), s.origin(0));
    EXPECT_EQ(e.categories()[e.categoryIndex()[2]], "Roadblock");
    EXPECT_TRUE(std::is_sorted(e.startSeconds().begin(), e.startSeconds().end()));
    EXPECT_EQ(e.timeRange().end, coveredSpan(edited.start, *edited.end, TimePrecision::Week).end);
    EXPECT_DOUBLE_EQ(e.extent().maxY, 43.14);
    // The store edited from stays as it was (undo keeps it).
    EXPECT_EQ(ids(s), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(s.get(0).title, "Incident a");
    EXPECT_EQ(s.categories().size(), 2u);
}

TEST(IncidentEdits, ReplacedEarlierMovesBeforeEqualStartsStayStable) {
    const IncidentStore s = sample();
    Incident c = s.get(2);
    c.start = day(2022, 12, 11);  // same start as "b": goes after it
    size_t at = 0;
    const IncidentStore e = s.withReplaced(2, c, &at);
    EXPECT_EQ(ids(e), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(at, 2u);
    c.start = day(2022, 12, 1);
    const IncidentStore f = e.withReplaced(2, c, &at);
    EXPECT_EQ(ids(f), (std::vector<std::string>{"c", "a", "b"}));
    EXPECT_EQ(at, 0u);
    EXPECT_EQ(f.timeRange().begin, day(2022, 12, 1));
}

TEST(IncidentEdits, AddedAndRemovedKeepOriginsOfLoadedRows) {
    const IncidentStore s = sample();
    // Input rows were c (0), a (1), b (2).
    EXPECT_EQ(s.origin(0), 1u);
    EXPECT_EQ(s.origin(2), 0u);
    size_t at = 0;
    const IncidentStore added = s.withAdded(make("n", day(2022, 12, 11), "Arrest"), &at);
    EXPECT_EQ(at, 2u);
    EXPECT_EQ(ids(added), (std::vector<std::string>{"a", "b", "n", "c"}));
    EXPECT_EQ(added.origin(2), IncidentStore::kAdded);
    EXPECT_EQ(added.origin(3), 0u);
    EXPECT_EQ(added.get(2).actors, (std::vector<std::string>{"KFOR", "Kosovo Police"}));
    const IncidentStore removed = added.withRemoved(0);
    EXPECT_EQ(ids(removed), (std::vector<std::string>{"b", "n", "c"}));
    EXPECT_EQ(removed.origin(0), 2u);
    EXPECT_EQ(removed.timeRange().begin, day(2022, 12, 11));
    EXPECT_EQ(s.size(), 3u);
}

TEST(IncidentEdits, AnEmptyStoreTakesItsFirstIncident) {
    const IncidentStore empty;
    size_t at = 9;
    const IncidentStore one = empty.withAdded(make("x", day(2023, 1, 7), "Shooting", {21.1, 42.3}), &at);
    EXPECT_EQ(at, 0u);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one.get(0).placeName, "");
    EXPECT_EQ(one.id(0), "x");
    EXPECT_EQ(one.categories(), std::vector<std::string>{"Shooting"});
    EXPECT_DOUBLE_EQ(one.extent().minX, 21.1);
    EXPECT_TRUE(one.withRemoved(0).empty());
}

TEST(IncidentEdits, StampProvenanceKeepsCreatedAndNamesTheUser) {
    Incident inc;
    stampProvenance(inc);
    EXPECT_FALSE(inc.provenance.created.empty());
    EXPECT_EQ(inc.provenance.created, inc.provenance.modified);
    EXPECT_FALSE(inc.provenance.by.empty());
    inc.provenance.created = "2020-01-01T00:00:00Z";
    stampProvenance(inc);
    EXPECT_EQ(inc.provenance.created, "2020-01-01T00:00:00Z");
}

}  // namespace
}  // namespace fp
