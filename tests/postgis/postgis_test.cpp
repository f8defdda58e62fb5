#include <gtest/gtest.h>

#include <cstdlib>

#include "core/io/incidents/incident_loader.h"
#include "core/util/log.h"

namespace fp {
namespace {

/// The connection string CTest passes in (see tests/postgis/CMakeLists.txt); the server is started by the
/// `postgis` test fixture.
std::string connection() {
    const char* pg = std::getenv("FP_TEST_PG");
    return pg ? pg : "";
}

TEST(PostGis, ReadsIncidentsFromATableWithDateColumnsAndReportsBadRows) {
    ASSERT_FALSE(connection().empty()) << "FP_TEST_PG is not set: run through ctest";
    IncidentLoadOptions options;
    options.table = "incidents";
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(connection(), options, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.driver, "PostgreSQL");
    // pg-3 has no location and pg-4 ends before it starts: both reported, neither silently dropped.
    ASSERT_EQ(store->size(), 2u);
    EXPECT_EQ(store->id(0), "pg-1");
    EXPECT_EQ(store->id(1), "pg-2");
    EXPECT_EQ(formatIso(TimePoint{store->startSeconds()[0]}, TimePrecision::Day), "2022-12-10");
    EXPECT_EQ(formatIso(TimePoint{store->endSeconds()[0]}, TimePrecision::Day), "2022-12-29");
    EXPECT_NEAR(store->lon()[1], 21.07278, 1e-9);
    EXPECT_NEAR(store->lat()[1], 42.24861, 1e-9);
    EXPECT_EQ(store->get(1).injured, 2);
    EXPECT_EQ(store->get(1).locationPrecision, LocationPrecision::Near);
    EXPECT_EQ(store->get(0).placeName, "Jarinje crossing");
    ASSERT_EQ(report.problems.size(), 2u);
    for (const auto& p : report.problems) {
        EXPECT_GE(p.row, 1);
        EXPECT_EQ(p.describe().find("fp-test-secret"), std::string::npos) << p.describe();
    }
}

TEST(PostGis, ReadsASqlQueryAndReprojectsFromUtm) {
    IncidentLoadOptions options;
    options.sql = "SELECT * FROM incidents_utm WHERE category = 'Armed violence'";
    LoadReport report;
    auto store = loadIncidents(connection(), options, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), 1u);
    EXPECT_NEAR(store->lon()[0], 21.07278, 1e-6);
    EXPECT_NEAR(store->lat()[0], 42.24861, 1e-6);
}

TEST(PostGis, BadCredentialsAreOneClearErrorWithoutThePassword) {
    std::string wrong = connection();
    wrong.replace(wrong.find("fp-test-secret"), std::string("fp-test-secret").size(), "wrong-secret-123");
    std::vector<std::string> logged;
    const int sink = Log::instance().addSink([&](const LogEntry& e) { logged.push_back(e.message); });
    IncidentLoadOptions options;
    options.table = "incidents";
    LoadReport report;
    auto store = loadIncidents(wrong, options, report);
    Log::instance().removeSink(sink);
    ASSERT_FALSE(store.ok());
    const std::string text = store.error().describe();
    EXPECT_EQ(text.find("wrong-secret-123"), std::string::npos) << text;
    EXPECT_NE(text.find("flashpoint_test"), std::string::npos) << "names the database: " << text;
    for (const auto& m : logged) EXPECT_EQ(m.find("wrong-secret-123"), std::string::npos) << m;
}

TEST(PostGis, MissingTableIsAClearError) {
    IncidentLoadOptions options;
    options.table = "no_such_table";
    LoadReport report;
    auto store = loadIncidents(connection(), options, report);
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().describe().find("no_such_table"), std::string::npos) << store.error().describe();
}

}  // namespace
}  // namespace fp
