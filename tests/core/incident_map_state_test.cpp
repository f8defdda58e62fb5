// MapState::addIncidents: a layer per source, nothing changed on failure, problems kept in the report (and
// said by the caller, not here), no password kept.
#include <gtest/gtest.h>

#include "core/project/map_state.h"
#include "core/util/log.h"

namespace fp {
namespace {

const std::string kDir = std::string(FP_FIXTURES_DIR) + "/incidents/";

/// Collects log messages while alive.
struct LogCollector {
    std::vector<LogEntry> entries;
    int id;
    LogCollector() {
        id = Log::instance().addSink([this](const LogEntry& e) { entries.push_back(e); });
    }
    ~LogCollector() { Log::instance().removeSink(id); }
    bool any(LogLevel level, const std::string& fragment) const {
        for (const auto& e : entries)
            if (e.level == level && e.message.find(fragment) != std::string::npos) return true;
        return false;
    }
};

TEST(IncidentMapState, AddsALayerPerSourceAboveTheOthers) {
    auto state = MapState::create(MapScene{}).value();
    LogCollector log;
    auto first = state.addIncidents(kDir + "acled_new.csv");
    ASSERT_TRUE(first.ok()) << first.error().describe();
    auto second = state.addIncidents(kDir + "native.geojson");
    ASSERT_TRUE(second.ok()) << second.error().describe();
    const auto& layers = state.scene().incidentLayers;
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].id, first.value());
    EXPECT_EQ(layers[1].id, second.value());
    EXPECT_NE(first.value(), second.value());
    EXPECT_EQ(layers[0].name, "acled_new");
    EXPECT_EQ(layers[0].source, kDir + "acled_new.csv");
    EXPECT_NE(layers[0].attribution.find("ACLED"), std::string::npos);
    ASSERT_TRUE(layers[0].data);
    EXPECT_EQ(layers[0].data->size(), 3u);
    EXPECT_EQ(layers[1].data->size(), 4u);
    EXPECT_EQ(state.lastIncidentFormat().format, "flashpoint");
    EXPECT_TRUE(log.any(LogLevel::Info, "Added 4 incidents"));
}

TEST(IncidentMapState, RowProblemsAreKeptInTheReportForTheCallerToSay) {
    auto state = MapState::create(MapScene{}).value();
    LogCollector log;
    auto id = state.addIncidents(kDir + "bad_coords.csv");
    ASSERT_TRUE(id.ok()) << id.error().describe();
    ASSERT_EQ(state.lastReports().size(), 1u);
    EXPECT_EQ(state.lastReports()[0].problems.size(), 4u);
    EXPECT_EQ(state.lastReports()[0].featuresLoaded, 1u);
    EXPECT_NE(state.lastReports()[0].problems.front().describe().find("row 1: field 'lon'"),
              std::string::npos);
    // Said once, by the shell (logRowProblems in app/session), not also here.
    EXPECT_FALSE(log.any(LogLevel::Warning, "row 1: field 'lon'"));
}

TEST(IncidentMapState, FailureChangesNothing) {
    auto state = MapState::create(MapScene{}).value();
    ASSERT_TRUE(state.addIncidents(kDir + "native.geojson").ok());
    LogCollector log;
    for (const std::string& bad : {kDir + "missing.csv", kDir + "empty.csv", kDir + "header_only.csv",
                                   std::string(FP_FIXTURES_DIR) + "/polygons.geojson"}) {
        auto r = state.addIncidents(bad);
        EXPECT_FALSE(r.ok()) << bad;
        EXPECT_EQ(state.scene().incidentLayers.size(), 1u) << bad;
        if (bad == kDir + "missing.csv")
            EXPECT_NE(r.error().describe().find("missing.csv: file not found"), std::string::npos);
    }
    // The error is returned, not logged: the caller says it once.
    EXPECT_FALSE(log.any(LogLevel::Error, "missing.csv: file not found"));
}

TEST(IncidentMapState, DatabaseSourceIsStoredAndLoggedWithoutPassword) {
    auto state = MapState::create(MapScene{}).value();
    LogCollector log;
    IncidentLoadOptions options;
    options.table = "incidents";
    auto r = state.addIncidents("PG:host=127.0.0.1 port=1 dbname=ops password=hunter2", options);
    ASSERT_FALSE(r.ok());
    for (const auto& e : log.entries) EXPECT_EQ(e.message.find("hunter2"), std::string::npos) << e.message;
    EXPECT_EQ(state.lastReports()[0].source.find("hunter2"), std::string::npos);
    EXPECT_TRUE(state.scene().incidentLayers.empty());
}

}  // namespace
}  // namespace fp
