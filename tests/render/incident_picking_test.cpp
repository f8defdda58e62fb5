#include <gtest/gtest.h>

#include <set>

#include "core/proj/crs.h"
#include "incident_test_data.h"
#include "render/incidents/incident_badges.h"
#include "render/incidents/incident_layout.h"
#include "render/incidents/incident_picker.h"
#include "render/incidents/incident_prep.h"

namespace fp {
namespace {

using test::makeIncident;

class IncidentPicking : public ::testing::Test {
protected:
    IncidentPicking()
        : projection(MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value()),
          store(test::makeStore({
              makeIncident("a", "Arrest", 20.0, 42.5, LocationPrecision::Exact, 0),
              makeIncident("b", "Diplomacy", 21.0, 42.5, LocationPrecision::Near, 1),
              // Three at one place (the last two 5 m from the first) and one 200 m away: its own group.
              makeIncident("g1", "Protests", 20.5, 43.0, LocationPrecision::Exact, 2),
              makeIncident("g2", "Protests", 20.50006, 43.0, LocationPrecision::Exact, 3),
              makeIncident("g3", "Arrest", 20.5, 43.00004, LocationPrecision::Exact, 4),
              makeIncident("far", "Arrest", 20.5025, 43.0, LocationPrecision::Exact, 5),
          })),
          prep(prepareIncidents(*store, projection)) {}

    IncidentPickQuery queryAt(LonLat p, double unitsPerPixel = 100.0) const {
        IncidentPickQuery q;
        q.point = projection.project(p);
        q.unitsPerPixel = unitsPerPixel;
        return q;
    }
    std::set<std::string> ids(const IncidentPickResult& r) const {
        std::set<std::string> out;
        for (const auto& h : r.hits) out.emplace(store->id(h.storeIndex));
        return out;
    }

    MapProjection projection;
    std::shared_ptr<const IncidentStore> store;
    IncidentPrep prep;
};

TEST_F(IncidentPicking, GroupsIncidentsAtTheSamePlaceOnly) {
    ASSERT_EQ(prep.instances.size(), 6u);
    ASSERT_EQ(prep.groups.size(), 4u);  // a, b, {g1, g2, g3}, far
    const IncidentInstance& g1 = prep.instances[prep.instanceOf[2]];
    EXPECT_EQ(g1.groupSize, 3);
    EXPECT_EQ(prep.instances[prep.instanceOf[4]].group, g1.group);
    EXPECT_NE(prep.instances[prep.instanceOf[5]].group, g1.group);
    // Ranks follow time order, and the group counts categories for its badge.
    EXPECT_EQ(prep.instances[prep.instanceOf[2]].rank, 0);
    EXPECT_EQ(prep.instances[prep.instanceOf[4]].rank, 2);
    const IncidentGroup& g = prep.groups[g1.group];
    EXPECT_EQ(g.categoryCount, 2u);
    ASSERT_EQ(prep.largestGroups.size(), 1u);
    EXPECT_EQ(prep.largestGroups[0], g1.group);
}

TEST_F(IncidentPicking, HitsTheMarkerUnderThePointerAndMissesBesideIt) {
    IncidentFilter all;
    EXPECT_EQ(ids(pickIncidents(prep, all, queryAt({20.0, 42.5}))), std::set<std::string>{"a"});
    // 100 m per pixel: 2 km east is 20 px away, beyond an 11 px marker plus slop.
    const MapXY a = projection.project({20.0, 42.5});
    IncidentPickQuery q = queryAt({20.0, 42.5});
    q.point = {a.x + 2000.0, a.y};
    EXPECT_TRUE(pickIncidents(prep, all, q).hits.empty());
    q.point = {a.x + 700.0, a.y};  // 7 px: inside radius 5.5 + slop 3
    EXPECT_EQ(pickIncidents(prep, all, q).hits.size(), 1u);
}

TEST_F(IncidentPicking, AGroupReturnsAllItsMembersInTimeOrder) {
    IncidentFilter all;
    auto r = pickIncidents(prep, all, queryAt({20.5, 43.0}, 1.0));  // 1 m per pixel: "far" is 200 px away
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_EQ(r.total, 3u);
    EXPECT_EQ(store->id(r.hits[0].storeIndex), "g1");
    EXPECT_EQ(r.hits[0].groupSize, 3u);
    // Zoomed out, the neighbouring group is under the pointer too.
    EXPECT_EQ(pickIncidents(prep, all, queryAt({20.5, 43.0}, 100.0)).total, 4u);
}

TEST_F(IncidentPicking, HiddenCategoriesAndTheTimeWindowAreNotPicked) {
    IncidentFilter noArrests;
    noArrests.categoryVisible.assign(store->categories().size(), 1);
    for (size_t c = 0; c < store->categories().size(); ++c)
        if (store->categories()[c] == "Arrest") noArrests.categoryVisible[c] = 0;
    EXPECT_TRUE(pickIncidents(prep, noArrests, queryAt({20.0, 42.5})).hits.empty());
    EXPECT_EQ(ids(pickIncidents(prep, noArrests, queryAt({20.5, 43.0}, 1.0))),
              (std::set<std::string>{"g1", "g2"}));

    IncidentFilter firstDays;
    firstDays.windowEnd = kSecondsPerDay + 10;  // days 0 and 1 only
    EXPECT_EQ(pickIncidents(prep, firstDays, queryAt({20.0, 42.5})).hits.size(), 1u);
    EXPECT_TRUE(pickIncidents(prep, firstDays, queryAt({20.5, 43.0}, 1.0)).hits.empty());
}

TEST_F(IncidentPicking, ASpreadGroupIsPickedAtItsSpiderPositions) {
    IncidentFilter all;
    const uint32_t group = prep.instances[prep.instanceOf[3]].group;
    IncidentPickQuery q = queryAt({20.5, 43.0}, 1.0);
    q.spreadGroup = group;
    q.spreadSpacingPx = 24.f;
    // The place itself is now empty (members moved out at least 24 px).
    EXPECT_TRUE(pickIncidents(prep, all, q).hits.empty());
    const IncidentInstance& g2 = prep.instances[prep.instanceOf[3]];
    const SpiderOffset o = spiderOffset(g2.rank, g2.groupSize, q.spreadSpacingPx);
    q.point = {prep.origin.x + g2.x + o.x * q.unitsPerPixel, prep.origin.y + g2.y + o.y * q.unitsPerPixel};
    auto r = pickIncidents(prep, all, q);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(store->id(r.hits[0].storeIndex), "g2");
    EXPECT_TRUE(r.hits[0].spread);
}

TEST(SpiderOffset, KeepsMembersApart) {
    for (uint32_t count : {2u, 3u, 8u, 9u, 50u, 400u}) {
        float nearest = 1e9f;
        for (uint32_t i = 0; i < count; ++i)
            for (uint32_t j = i + 1; j < count; ++j) {
                const SpiderOffset a = spiderOffset(i, count, 20.f), b = spiderOffset(j, count, 20.f);
                nearest = std::min(nearest, std::hypot(a.x - b.x, a.y - b.y));
            }
        EXPECT_GE(nearest, 17.f) << count;
    }
    const SpiderOffset top = spiderOffset(0, 4, 20.f);
    EXPECT_NEAR(top.x, 0.f, 1e-4f);
    EXPECT_GT(top.y, 0.f);  // the first member sits above the place
}

TEST_F(IncidentPicking, BadgesCountShownMembersOfVisibleGroups) {
    IncidentFilter all;
    const MapBBox everything = MapBBox::fromCorners(-1e7, -1e7, 1e7, 1e7);
    auto badges = collectBadges(prep, all, everything, kNoIncident);
    ASSERT_EQ(badges.size(), 1u);
    EXPECT_EQ(badges[0].count, 3u);

    IncidentFilter noArrests;
    noArrests.categoryVisible.assign(store->categories().size(), 1);
    for (size_t c = 0; c < store->categories().size(); ++c)
        if (store->categories()[c] == "Arrest") noArrests.categoryVisible[c] = 0;
    badges = collectBadges(prep, noArrests, everything, kNoIncident);
    ASSERT_EQ(badges.size(), 1u);
    EXPECT_EQ(badges[0].count, 2u);
    EXPECT_TRUE(collectBadges(prep, all, everything, badges[0].group).empty());  // spread: no badge
    EXPECT_TRUE(collectBadges(prep, all, MapBBox::fromCorners(0, 0, 1, 1), kNoIncident).empty());
    EXPECT_EQ(badgeText(12), "12");
    EXPECT_EQ(badgeText(12345), "12k");
}

TEST_F(IncidentPicking, BadgesCountOnlyMembersInTheTimeWindow) {
    // The group's members cover days 2, 3 and 4 (g1 Protests, g2 Protests, g3 Arrest).
    const MapBBox everything = MapBBox::fromCorners(-1e7, -1e7, 1e7, 1e7);
    auto window = [&](int firstDay, int lastDay) {
        IncidentFilter f;
        f.windowStart = static_cast<int32_t>(1670630400 + firstDay * kSecondsPerDay - prep.epochBase);
        f.windowEnd = static_cast<int32_t>(1670630400 + (lastDay + 1) * kSecondsPerDay - 1 - prep.epochBase);
        return f;
    };
    auto count = [&](const IncidentFilter& f) {
        auto badges = collectBadges(prep, f, everything, kNoIncident);
        return badges.empty() ? 0u : badges[0].count;
    };
    EXPECT_EQ(count(window(0, 10)), 3u);
    EXPECT_EQ(count(window(3, 4)), 2u);
    EXPECT_EQ(count(window(2, 3)), 2u);
    EXPECT_EQ(count(window(4, 9)), 0u) << "one shown member: no badge";
    EXPECT_EQ(count(window(6, 9)), 0u);
    IncidentFilter noArrests = window(2, 4);
    noArrests.categoryVisible.assign(store->categories().size(), 1);
    for (size_t c = 0; c < store->categories().size(); ++c)
        if (store->categories()[c] == "Arrest") noArrests.categoryVisible[c] = 0;
    EXPECT_EQ(count(noArrests), 2u);
    IncidentFilter empty = window(3, 3);
    std::swap(empty.windowStart, empty.windowEnd);  // an empty window shows nothing
    EXPECT_EQ(count(empty), 0u);
}

TEST(IncidentPrepScale, ManyIncidentsPrepareAndPickQuickly) {
    auto projection = MapProjection::create(Crs::fromUserInput("EPSG:32634").value()).value();
    std::vector<Incident> many;
    for (int i = 0; i < 100000; ++i)
        many.push_back(makeIncident(std::to_string(i), i % 3 ? "Battles" : "Riots", 19.0 + (i % 400) * 0.01,
                                    41.0 + (i / 400) * 0.01, static_cast<LocationPrecision>(1 + i % 3),
                                    i % 500));
    auto store = test::makeStore(std::move(many));
    IncidentPrep prep = prepareIncidents(*store, projection);
    EXPECT_EQ(prep.instances.size(), 100000u);
    EXPECT_EQ(prep.groups.size(), 100000u);
    IncidentFilter all;
    IncidentPickQuery q;
    q.point = projection.project({20.0, 42.0});
    q.unitsPerPixel = 50.0;
    auto r = pickIncidents(prep, all, q);
    ASSERT_FALSE(r.hits.empty());
    EXPECT_NEAR(store->lon()[r.hits[0].storeIndex], 20.0, 1e-9);
    EXPECT_NEAR(store->lat()[r.hits[0].storeIndex], 42.0, 1e-9);
}

}  // namespace
}  // namespace fp
