// ACLED and GDELT exports.
#include <gtest/gtest.h>

#include "core/io/incidents/incident_loader.h"
#include "incident_test_util.h"

namespace fp {
namespace {

using test::describeAll;
using test::findId;
using test::mapped;
using test::utc;

const std::string kDir = test::kIncidentFixtures;

TEST(AcledLoader, CurrentLayoutWithTheThreeDateForms) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "acled_new.csv", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    EXPECT_EQ(info.format, "acled");
    EXPECT_NE(info.attribution.find("ACLED"), std::string::npos);
    EXPECT_EQ(mapped(info, "start"), "event_date");
    EXPECT_EQ(mapped(info, "category"), "event_type");
    ASSERT_EQ(store->size(), 3u);

    const Incident protest = store->get(findId(store.value(), "XKX1001"));
    EXPECT_EQ(protest.start, utc(2022, 12, 12));
    EXPECT_EQ(protest.timePrecision, TimePrecision::Day);
    EXPECT_EQ(protest.category, "Protests");
    EXPECT_EQ(protest.subCategory, "Peaceful protest");
    EXPECT_EQ(protest.title, "Peaceful protest in Leposavic");
    EXPECT_EQ(protest.actors, (std::vector<std::string>{"Protesters (Kosovo)", "Serb Ethnic Group (Kosovo)",
                                                        "Students (Kosovo)"}));
    EXPECT_EQ(protest.adminAreas, (std::vector<std::string>{"Kosovo", "Mitrovica", "Leposavic"}));
    EXPECT_EQ(protest.placeName, "Leposavic");
    EXPECT_DOUBLE_EQ(protest.location.lat, 43.1028);
    EXPECT_DOUBLE_EQ(protest.location.lon, 20.8017);
    EXPECT_EQ(protest.locationPrecision, LocationPrecision::Exact);
    ASSERT_EQ(protest.sources.size(), 2u);
    EXPECT_EQ(protest.sources[1].text, "Kosovo Online");
    // timestamp (when ACLED last changed the row) is kept as the updated= tag.
    EXPECT_EQ(protest.tags,
              (std::vector<std::string>{"crowd size=around 300", "updated=2022-12-20T01:33:20Z"}));
    EXPECT_EQ(protest.fatalities, 0);

    // "13 December 2022" with time_precision 2: the ISO week of the date.
    const Incident grenade = store->get(findId(store.value(), "XKX1002"));
    EXPECT_EQ(grenade.start, utc(2022, 12, 13));
    EXPECT_EQ(grenade.timePrecision, TimePrecision::Week);
    EXPECT_EQ(grenade.locationPrecision, LocationPrecision::Near);
    const TimeSpan week = coveredSpan(grenade.start, grenade.start, grenade.timePrecision);
    EXPECT_EQ(week.begin, utc(2022, 12, 12));
    EXPECT_EQ(week.end, utc(2022, 12, 19));

    // "14-12-2022" (day first) with time_precision 3: the month.
    const Incident clash = store->get(findId(store.value(), "XKX1003"));
    EXPECT_EQ(clash.start, utc(2022, 12, 14));
    EXPECT_EQ(clash.timePrecision, TimePrecision::Month);
    EXPECT_EQ(clash.locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(clash.fatalities, 1);
    EXPECT_EQ(store->timeRange().begin, utc(2022, 12, 1));
    EXPECT_EQ(store->timeRange().end, utc(2023, 1, 1));
}

TEST(AcledLoader, OldLayoutAndBadOptionalValuesAreLoadedWithAReport) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "acled_old.csv", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.format, "acled");
    ASSERT_EQ(store->size(), 3u);
    EXPECT_EQ(store->id(0), "XKX200");
    EXPECT_EQ(store->startSeconds()[0], utc(2019, 6, 15).seconds);
    EXPECT_EQ(store->startSeconds()[1], utc(2019, 6, 16).seconds);
    EXPECT_EQ(store->startSeconds()[2], utc(2019, 6, 17).seconds);
    // Row 2 has geo_precision 4 (no such code) and fatalities "unknown": loaded, both reported.
    ASSERT_EQ(report.problems.size(), 2u) << describeAll(report);
    for (const auto& p : report.problems) {
        EXPECT_EQ(p.row, 2);
        EXPECT_NE(p.message.find("row loaded"), std::string::npos) << p.describe();
    }
    EXPECT_EQ(report.problems[0].field, "geo_precision");
    EXPECT_EQ(report.problems[1].field, "fatalities");
    const Incident riot = store->get(1);
    EXPECT_EQ(riot.locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(riot.fatalities, -1);
    EXPECT_EQ(report.featuresLoaded, 3u);
    EXPECT_EQ(report.featuresSkipped, 0u);
}

TEST(AcledLoader, AnSqlFilterReadsThroughGdalAndStillKnowsAcled) {
    LoadReport report;
    IncidentFormatInfo info;
    IncidentLoadOptions options;
    options.sql = "SELECT * FROM acled_new WHERE event_type = 'Protests'";
    auto store = loadIncidents(kDir + "acled_new.csv", options, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_TRUE(report.problems.empty()) << describeAll(report);
    EXPECT_EQ(info.format, "acled");
    EXPECT_EQ(info.driver, "CSV");
    ASSERT_EQ(store->size(), 1u);
    EXPECT_EQ(store->get(0).actors.size(), 3u);
    EXPECT_EQ(store->get(0).locationPrecision, LocationPrecision::Exact);

    options.sql.clear();
    options.table = "other";
    auto wrongTable = loadIncidents(kDir + "acled_new.csv", options, report, &info);
    ASSERT_FALSE(wrongTable.ok());
    EXPECT_EQ(wrongTable.error().code, ErrorCode::NotFound);
}

TEST(GdeltLoader, ReadsEventRowsAndReportsTheOneWithoutLocation) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "gdelt_20221212.export.CSV", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.format, "gdelt");
    EXPECT_EQ(info.driver, "delimited text (tab)");
    EXPECT_NE(mapped(info, "lat").find("ActionGeo_Lat"), std::string::npos);
    ASSERT_EQ(store->size(), 3u);
    ASSERT_EQ(report.problems.size(), 1u) << describeAll(report);
    EXPECT_EQ(report.problems[0].row, 3);
    EXPECT_EQ(report.problems[0].field, "ActionGeo_Type");
    EXPECT_EQ(report.featuresSkipped, 1u);

    const Incident fight = store->get(findId(store.value(), "1075800001"));
    EXPECT_EQ(fight.start, utc(2022, 12, 10));
    EXPECT_EQ(fight.timePrecision, TimePrecision::Day);
    EXPECT_EQ(fight.category, "Fight");
    EXPECT_EQ(fight.subCategory, "CAMEO 190");
    EXPECT_EQ(fight.title, "Fight: SERBIA / KOSOVO");
    EXPECT_EQ(fight.locationPrecision, LocationPrecision::Near);  // ActionGeo_Type 4: a world city
    EXPECT_DOUBLE_EQ(fight.location.lon, 20.8656);
    EXPECT_EQ(fight.placeName, "Mitrovica, Kosovo (general), Kosovo");
    EXPECT_EQ(fight.adminAreas, (std::vector<std::string>{"Kosovo", "Kosovo (general)", "Mitrovica"}));
    ASSERT_EQ(fight.sources.size(), 1u);
    EXPECT_EQ(fight.sources[0].url, "https://www.example.com/news/clash");
    EXPECT_EQ(fight.sources[0].text, "www.example.com");
    ASSERT_TRUE(fight.sources[0].published.has_value());
    EXPECT_EQ(*fight.sources[0].published, utc(2022, 12, 10, 15, 45));

    // ActionGeo_Type 1 (country) and 5 (world state) are regions.
    EXPECT_EQ(store->get(findId(store.value(), "1075800002")).locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(store->get(findId(store.value(), "1075800002")).category, "Protest");
    const Incident coerce = store->get(findId(store.value(), "1075800004"));
    EXPECT_EQ(coerce.locationPrecision, LocationPrecision::Region);
    EXPECT_EQ(coerce.category, "Coerce");
    EXPECT_EQ(coerce.sources[0].text, "GDELT");
    // Sorted by Day although the file is not.
    EXPECT_EQ(store->id(0), "1075800004");
}

TEST(GdeltLoader, WidthsOfNoGdeltLayoutAreNamedInTheError) {
    const std::string path = ::testing::TempDir() + "gdelt_v1.export.CSV";
    {
        std::string row = "123456\t20150218";
        for (int i = 2; i < 59; ++i) row += "\t";
        FILE* f = std::fopen(path.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fprintf(f, "%s\n", row.c_str());
        std::fclose(f);
    }
    LoadReport report;
    auto r = loadIncidents(path, {}, report);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::UnsupportedFormat);
    EXPECT_NE(r.error().message.find("has 59 columns; GDELT event files have 61 (2.0), 58 or 57 (1.0)"),
              std::string::npos)
        << r.error().describe();
    std::remove(path.c_str());
}

}  // namespace
}  // namespace fp
