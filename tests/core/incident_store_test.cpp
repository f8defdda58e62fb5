#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

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
    return inc;
}

TEST(IncidentStore, SortsByStartStablyAndInternsCategories) {
    std::vector<Incident> in = {
        make("c", day(2022, 12, 12), "Protest"), make("a1", day(2022, 12, 10), "Battle"),
        make("b", day(2022, 12, 11), "Protest"), make("a2", day(2022, 12, 10), "Protest"),
        make("a3", day(2022, 12, 10), "Riot")};
    const IncidentStore s = IncidentStore::build(std::move(in));
    ASSERT_EQ(s.size(), 5u);
    // Equal starts keep their input order.
    const char* order[] = {"a1", "a2", "a3", "b", "c"};
    for (size_t i = 0; i < 5; ++i) EXPECT_EQ(s.id(i), order[i]) << i;
    EXPECT_TRUE(std::is_sorted(s.startSeconds().begin(), s.startSeconds().end()));
    ASSERT_EQ(s.categories().size(), 3u);
    EXPECT_EQ(s.categories()[s.categoryIndex()[0]], "Battle");
    EXPECT_EQ(s.categories()[s.categoryIndex()[1]], "Protest");
    EXPECT_EQ(s.categoryIndex()[1], s.categoryIndex()[3]);
    EXPECT_EQ(s.categories()[s.categoryIndex()[2]], "Riot");
    EXPECT_EQ(s.title(4), "Incident c");
}

TEST(IncidentStore, LowerBoundStartIsABinarySearchOverStartTimes) {
    std::vector<Incident> in;
    for (int d = 1; d <= 28; d += 3) in.push_back(make(std::to_string(d), day(2023, 2, d), "X"));
    const IncidentStore s = IncidentStore::build(in);
    EXPECT_EQ(s.lowerBoundStart(day(2023, 1, 1)), 0u);
    EXPECT_EQ(s.lowerBoundStart(day(2023, 2, 1)), 0u);
    EXPECT_EQ(s.lowerBoundStart(TimePoint{day(2023, 2, 1).seconds + 1}), 1u);
    EXPECT_EQ(s.lowerBoundStart(day(2023, 2, 4)), 1u);
    EXPECT_EQ(s.lowerBoundStart(day(2023, 2, 5)), 2u);
    EXPECT_EQ(s.lowerBoundStart(day(2023, 3, 1)), s.size());
    // A window [from, to) is two binary searches.
    const size_t from = s.lowerBoundStart(day(2023, 2, 7)), to = s.lowerBoundStart(day(2023, 2, 14));
    EXPECT_EQ(to - from, 3u);  // the 7th, 10th and 13th
}

TEST(IncidentStore, GetRebuildsTheWholeRow) {
    Incident in = make("FP-1", day(2022, 12, 10), "Roadblock", {20.7592, 43.1436});
    in.description = "Barricades";
    in.subCategory = "Barricade";
    in.actors = {"Local residents", "", "Kosovo Police"};
    in.end = day(2022, 12, 29);
    in.timePrecision = TimePrecision::Day;
    in.locationPrecision = LocationPrecision::Near;
    in.placeName = "Jarinje";
    in.adminAreas = {"Kosovo", "Mitrovica"};
    in.fatalities = 0;
    in.injured = 3;
    in.sources = {{"Koha", "https://example.org/a", day(2022, 12, 11)}, {"RTK", "", std::nullopt}};
    in.tags = {"border", "weird\x1fseparator"};
    const IncidentStore s = IncidentStore::build({in});
    const Incident out = s.get(0);
    EXPECT_EQ(out.id, "FP-1");
    EXPECT_EQ(out.title, in.title);
    EXPECT_EQ(out.description, "Barricades");
    EXPECT_EQ(out.category, "Roadblock");
    EXPECT_EQ(out.subCategory, "Barricade");
    EXPECT_EQ(out.actors, (std::vector<std::string>{"Local residents", "Kosovo Police"}));
    EXPECT_EQ(out.start, in.start);
    ASSERT_TRUE(out.end.has_value());
    EXPECT_EQ(*out.end, day(2022, 12, 29));
    EXPECT_EQ(out.timePrecision, TimePrecision::Day);
    EXPECT_EQ(out.location, in.location);
    EXPECT_EQ(out.locationPrecision, LocationPrecision::Near);
    EXPECT_EQ(out.placeName, "Jarinje");
    EXPECT_EQ(out.adminAreas, in.adminAreas);
    EXPECT_EQ(out.fatalities, 0);
    EXPECT_EQ(out.injured, 3);
    ASSERT_EQ(out.sources.size(), 2u);
    EXPECT_EQ(out.sources[0].text, "Koha");
    EXPECT_EQ(out.sources[0].url, "https://example.org/a");
    ASSERT_TRUE(out.sources[0].published.has_value());
    EXPECT_EQ(*out.sources[0].published, day(2022, 12, 11));
    EXPECT_EQ(out.sources[1].text, "RTK");
    EXPECT_FALSE(out.sources[1].published.has_value());
    EXPECT_EQ(out.tags, (std::vector<std::string>{"border", "weird separator"}));
    // Hot columns agree with the row.
    EXPECT_EQ(s.endSeconds()[0], day(2022, 12, 29).seconds);
    EXPECT_EQ(s.locationPrecision()[0], static_cast<uint8_t>(LocationPrecision::Near));
    EXPECT_EQ(s.injured()[0], 3);
}

TEST(IncidentStore, WithoutAnEndTheEndColumnEqualsTheStart) {
    const IncidentStore s = IncidentStore::build({make("x", day(2022, 1, 5), "A")});
    EXPECT_EQ(s.endSeconds()[0], s.startSeconds()[0]);
    EXPECT_FALSE(s.get(0).end.has_value());
    EXPECT_EQ(s.fatalities()[0], -1);
}

TEST(IncidentStore, TimeRangeUsesCoveredSpansAndExtentCoversAllPoints) {
    Incident monthly = make("m", day(2022, 12, 1), "A", {20.0, 42.0});
    monthly.timePrecision = TimePrecision::Month;
    Incident exact = make("e", fromCivil({2022, 12, 3, 10, 0, 0}), "A", {22.0, 43.5});
    exact.timePrecision = TimePrecision::Exact;
    Incident spanning = make("s", day(2022, 12, 2), "B", {21.0, 41.0});
    spanning.end = day(2023, 1, 4);
    const IncidentStore s = IncidentStore::build({exact, spanning, monthly});
    EXPECT_EQ(s.timeRange().begin, day(2022, 12, 1));
    EXPECT_EQ(s.timeRange().end, day(2023, 1, 5));
    EXPECT_DOUBLE_EQ(s.extent().minX, 20.0);
    EXPECT_DOUBLE_EQ(s.extent().maxX, 22.0);
    EXPECT_DOUBLE_EQ(s.extent().minY, 41.0);
    EXPECT_DOUBLE_EQ(s.extent().maxY, 43.5);
}

TEST(IncidentStore, EmptyStore) {
    const IncidentStore s = IncidentStore::build({});
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(s.timeRange(), (TimeSpan{}));
    EXPECT_TRUE(s.extent().empty());
    EXPECT_EQ(s.lowerBoundStart(TimePoint{0}), 0u);
}

// The sort works digit by digit over the bits the start times span: one, two or more passes, and starts
// before 1970, must all give the order of a stable sort, with every column moved along.
TEST(IncidentStore, SortsStartsOfAnySpanAsAStableSortDoes) {
    const int64_t spans[] = {0, 1000, 5'000'000, 40'000'000, 2'000'000'000, int64_t{1} << 40};
    uint64_t seed = 12345;
    auto next = [&seed] {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return seed >> 17;
    };
    for (int64_t span : spans) {
        std::vector<Incident> in;
        for (int i = 0; i < 3000; ++i) {
            // Few distinct values in part of the rows, so that equal starts must keep their input order.
            const uint64_t r = next();
            const int64_t offset =
                span == 0 ? 0 : static_cast<int64_t>(i % 3 == 0 ? r % 7 : r % static_cast<uint64_t>(span));
            Incident inc = make(std::to_string(i), TimePoint{-span / 2 + offset}, i % 2 ? "A" : "B",
                                {static_cast<double>(i % 360) - 180.0, 0.0});
            inc.fatalities = i;
            in.push_back(std::move(inc));
        }
        std::vector<size_t> expected(in.size());
        std::iota(expected.begin(), expected.end(), size_t{0});
        std::stable_sort(expected.begin(), expected.end(),
                         [&](size_t a, size_t b) { return in[a].start < in[b].start; });
        std::vector<int64_t> starts;
        for (const auto& inc : in) starts.push_back(inc.start.seconds);
        const IncidentStore s = IncidentStore::build(std::move(in));
        ASSERT_EQ(s.size(), expected.size());
        for (size_t k = 0; k < expected.size(); ++k) {
            ASSERT_EQ(s.id(k), std::to_string(expected[k])) << "span " << span << ", row " << k;
            ASSERT_EQ(s.startSeconds()[k], starts[expected[k]]);
            ASSERT_EQ(s.fatalities()[k], static_cast<int32_t>(expected[k]));
            ASSERT_EQ(s.lon()[k], static_cast<double>(expected[k] % 360) - 180.0);
            ASSERT_EQ(s.origin(k), expected[k]);
        }
    }
}

TEST(IncidentStore, MemoryStaysNearTheColumnBudget) {
    std::vector<Incident> in;
    for (int i = 0; i < 10000; ++i) in.push_back(make(std::to_string(i), TimePoint{i * 60}, "Cat"));
    const IncidentStore s = IncidentStore::build(std::move(in));
    // Fixed columns are 44 bytes; ids (up to 4 digits) and titles (up to 13 characters) about 20 bytes with
    // their lengths and the row's mask; empty text fields cost nothing.
    EXPECT_GT(s.memoryBytes(), 10000u * 55);
    EXPECT_LT(s.memoryBytes(), 10000u * 70);
    // Column by column, adding up to the whole; the fixed columns at their element size.
    size_t sum = 0, lon = 0, category = 0;
    for (const auto& [column, bytes] : s.memoryByColumn()) {
        sum += bytes;
        if (column == "lon") lon = bytes;
        if (column == "category") category = bytes;
    }
    EXPECT_EQ(sum, s.memoryBytes());
    EXPECT_EQ(lon, 10000u * 8);
    EXPECT_EQ(category, 10000u * 2);
}

TEST(Incident, UncertaintyRadii) {
    EXPECT_EQ(uncertaintyRadiusMetres(LocationPrecision::Exact), 0.0);
    EXPECT_EQ(uncertaintyRadiusMetres(LocationPrecision::Near), 5000.0);
    EXPECT_EQ(uncertaintyRadiusMetres(LocationPrecision::Region), 25000.0);
    EXPECT_STREQ(locationPrecisionName(LocationPrecision::Region), "region");
}

}  // namespace
}  // namespace fp
