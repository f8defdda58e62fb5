// A source whose every row is held for geocoding review loads as an incident layer with nothing on the map
// yet, its rows pending; placing one puts it on the map. Sources with no usable row still fail.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/project/map_state.h"
#include "core/project/project_file.h"
#include "core/util/log.h"
#include "incident_test_util.h"

namespace fp {
namespace {

const std::string kHeld = test::kIncidentFixtures + "acled_placenames_held.csv";

struct Warnings {
    std::vector<std::string> messages;
    int id;
    Warnings() {
        id = Log::instance().addSink([this](const LogEntry& e) {
            if (e.level == LogLevel::Warning) messages.push_back(e.message);
        });
    }
    ~Warnings() { Log::instance().removeSink(id); }
    bool any(const std::string& fragment) const {
        for (const auto& m : messages)
            if (m.find(fragment) != std::string::npos) return true;
        return false;
    }
};

/// The Kosovo candidate of a held "Mitrovica" row.
GeocodeChoice kosovoMitrovica(const PendingGeocodeRow& row) {
    size_t kosovo = 0;
    while (kosovo < row.result.candidates.size() && row.result.candidates[kosovo].country != "XK") ++kosovo;
    EXPECT_LT(kosovo, row.result.candidates.size()) << "no Kosovo candidate for " << row.query.name;
    return choiceForCandidate(row, kosovo);
}

TEST(GeocodeHeldLayer, EveryRowHeldLoadsAnEmptyStoreWithTheRowsPending) {
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(kHeld, {}, report, &info);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe() << "\n" << test::describeAll(report);
    EXPECT_TRUE(loaded->empty());
    EXPECT_TRUE(loaded->extent().empty());
    EXPECT_EQ(report.featuresRead, 3u);
    EXPECT_EQ(report.featuresSkipped, 3u);
    EXPECT_EQ(info.geocoding.geocoded, 0u);
    EXPECT_EQ(info.geocoding.ambiguous, 2u);
    EXPECT_EQ(info.geocoding.unmatched, 1u);
    ASSERT_EQ(info.geocoding.pending.size(), 3u);
    EXPECT_EQ(info.geocoding.pending[1].query.name, "Xyzzyville");
    EXPECT_EQ(info.geocoding.placedAndHeld(0), "0 incidents placed; 3 rows held for geocoding review");
    // Each held row is still reported with its row, column and why.
    EXPECT_EQ(report.problems.size(), 3u) << test::describeAll(report);
}

TEST(GeocodeHeldLayer, MapStateAddsTheLayerAndPlacingARowPutsItOnTheMap) {
    MapState state = MapState::create(MapScene{}).value();
    Warnings warnings;
    auto id = state.addIncidents(kHeld);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    EXPECT_TRUE(warnings.any("0 incidents placed; 3 rows held for geocoding review"));
    ASSERT_EQ(state.scene().incidentLayers.size(), 1u);
    ASSERT_TRUE(state.scene().incidentLayers[0].data);
    EXPECT_TRUE(state.scene().incidentLayers[0].data->empty());
    ASSERT_EQ(state.geocodeReviews().pendingCount(), 3u);
    // Nothing placed: no data time span, and a time window over it is harmless.
    EXPECT_EQ(state.dataTimeSpan().begin.seconds, 0);
    EXPECT_EQ(state.dataTimeSpan().end.seconds, 0);
    TimeState week = state.time();
    week.window = TimeWindowSpec{WindowMode::Moving, 7 * kSecondsPerDay, 0};
    state.setTime(week);
    ASSERT_TRUE(state.scene().timeWindow().has_value());

    const PendingGeocodeRow& first = state.geocodeReviews().layers()[0].summary.pending[0];
    ASSERT_EQ(first.query.name, "Mitrovica");
    ASSERT_TRUE(state.resolveGeocode(id.value(), kosovoMitrovica(first)).ok());
    const auto& data = state.scene().incidentLayers[0].data;
    ASSERT_EQ(data->size(), 1u);
    EXPECT_EQ(data->id(0), "XKXH001");
    EXPECT_NEAR(data->lat()[0], 42.88, 0.1);
    EXPECT_FALSE(data->extent().empty());
    EXPECT_EQ(state.dataTimeSpan().begin, test::utc(2022, 12, 17));
    EXPECT_EQ(state.geocodeReviews().pendingCount(), 2u);
}

TEST(GeocodeHeldLayer, SavedAndLoadedWithAProjectWithAndWithoutChoices) {
    const auto dir = std::filesystem::temp_directory_path() / "fp_geocode_held_layer";
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "held.json").string();

    MapState state = MapState::create(MapScene{}).value();
    auto id = state.addIncidents(kHeld);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    ASSERT_TRUE(saveProject(file, state, "Held", ExportSettings{}).ok());
    {
        Warnings warnings;
        auto loaded = loadProject(file, MissingSourcePolicy::Fail);
        ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
        ASSERT_EQ(loaded->state.scene().incidentLayers.size(), 1u);
        EXPECT_TRUE(loaded->state.scene().incidentLayers[0].data->empty());
        EXPECT_EQ(loaded->state.geocodeReviews().pendingCount(), 3u);
        EXPECT_TRUE(warnings.any("0 incidents placed; 3 rows held for geocoding review"));
    }

    const PendingGeocodeRow& third = state.geocodeReviews().layers()[0].summary.pending[2];
    ASSERT_EQ(third.row, 3);
    ASSERT_TRUE(state.resolveGeocode(id.value(), kosovoMitrovica(third)).ok());
    ASSERT_TRUE(saveProject(file, state, "Held", ExportSettings{}).ok());
    auto loaded = loadProject(file, MissingSourcePolicy::Fail);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    const auto& data = loaded->state.scene().incidentLayers.at(0).data;
    ASSERT_EQ(data->size(), 1u);
    EXPECT_EQ(data->id(0), "XKXH003");
    EXPECT_EQ(loaded->state.geocodeReviews().pendingCount(), 2u);
    std::filesystem::remove_all(dir);
}

TEST(GeocodeHeldLayer, HeldRowsBesideRowsThatFailedOtherwiseStillLoad) {
    const std::string path = ::testing::TempDir() + "held_and_bad.csv";
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(
        "event_id_cnty,event_date,event_type,country,location\n"
        "A1,not a date,Protests,Kosovo,Zvečan\n"
        "A2,2022-12-18,Protests,Kosovo,Xyzzyville\n",
        f);
    std::fclose(f);
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(path, {}, report, &info);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe() << "\n" << test::describeAll(report);
    EXPECT_TRUE(loaded->empty());
    EXPECT_EQ(info.geocoding.pending.size(), 1u);
    EXPECT_EQ(report.problems.size(), 2u) << test::describeAll(report);
    std::remove(path.c_str());
}

TEST(GeocodeHeldLayer, PlaceNameRowsThatAllFailForOtherReasonsStillFail) {
    const std::string path = ::testing::TempDir() + "place_names_bad_dates.csv";
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(
        "event_id_cnty,event_date,event_type,country,location\n"
        "B1,not a date,Protests,Kosovo,Zvečan\n"
        "B2,2022-13-45,Protests,Kosovo,Xyzzyville\n",
        f);
    std::fclose(f);
    LoadReport report;
    IncidentFormatInfo info;
    auto loaded = loadIncidents(path, {}, report, &info);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ErrorCode::EmptyLayer);
    EXPECT_NE(loaded.error().message.find("none of its 2 rows"), std::string::npos)
        << loaded.error().describe();
    EXPECT_TRUE(info.geocoding.pending.empty());
    std::remove(path.c_str());

    MapState state = MapState::create(MapScene{}).value();
    EXPECT_FALSE(state.addIncidents(test::kIncidentFixtures + "header_only.csv").ok());
    EXPECT_TRUE(state.scene().incidentLayers.empty());
}

}  // namespace
}  // namespace fp
