#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include <ogrsf_frmts.h>

#include "core/io/gdal_env.h"
#include "core/io/gdal_handles.h"
#include "core/io/incidents/incident_loader.h"
#include "core/io/incidents/incident_write_back.h"
#include "core/util/log.h"

namespace fp {
namespace {

/// The connection string of the test server: FP_TEST_PG when set (a server of your own), else the first line
/// of the file FP_TEST_PG_FILE names, which the `postgis` test fixture's server writes when it starts (see
/// tests/postgis/CMakeLists.txt: one server per build tree, on a port free when it started).
std::string connection() {
    if (const char* pg = std::getenv("FP_TEST_PG"); pg && *pg) return pg;
    const char* file = std::getenv("FP_TEST_PG_FILE");
    std::string line;
    if (file) {
        std::ifstream in(file);
        std::getline(in, line);
    }
    return line;
}

TEST(PostGis, ReadsIncidentsFromATableWithDateColumnsAndReportsBadRows) {
    ASSERT_FALSE(connection().empty()) << "no test server: run through ctest, or set FP_TEST_PG";
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

/// The coded_edits table (tests/fixtures/postgis/coded_edits.sql) loaded as a layer would, ready to edit.
IncidentSaveRequest loadedTable() {
    IncidentSaveRequest r;
    r.source = connection();
    r.options.table = "coded_edits";
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(r.source, r.options, report, &info);
    EXPECT_TRUE(store.ok()) << (store ? "" : store.error().describe());
    r.format = info.format;
    r.saved = std::make_shared<const IncidentStore>(std::move(store).value());
    r.edited = r.saved;
    return r;
}

size_t indexOf(const IncidentStore& s, const std::string& id) {
    for (size_t i = 0; i < s.size(); ++i)
        if (s.id(i) == id) return i;
    return s.size();
}

/// event_id -> (title, analyst) as the table holds them now, read through GDAL directly.
std::map<std::string, std::pair<std::string, std::string>> tableRows() {
    initGdal();
    const char* drivers[] = {"PostgreSQL", nullptr};
    gdal::DatasetPtr ds(GDALDataset::Open(connection().c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
    EXPECT_TRUE(ds);
    std::map<std::string, std::pair<std::string, std::string>> rows;
    if (!ds) return rows;
    OGRLayer* layer = ds->GetLayerByName("coded_edits");
    for (gdal::FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature()))
        rows[f->GetFieldAsString("event_id")] = {f->GetFieldAsString("title"),
                                                 f->GetFieldAsString("analyst")};
    return rows;
}

TEST(PostGisWriteBack, UpdatesInsertsAndDeletesRowsKeepingOtherColumns) {
    IncidentSaveRequest r = loadedTable();
    ASSERT_EQ(writeBackProblem(r.source, r.options, r.format), "");
    IncidentStore s = *r.edited;
    const size_t b = indexOf(s, "b");
    ASSERT_LT(b, s.size());
    Incident inc = s.get(b);
    inc.title = "Barricade, Jarinje";
    inc.location = {20.75, 43.15};
    s = s.withReplaced(b, inc);
    if (indexOf(s, "c") < s.size()) s = s.withRemoved(indexOf(s, "c"));
    Incident added;
    added.id = "n";
    added.title = "Shots near Strpce";
    added.category = "Shooting";
    added.start = fromCivil({2023, 1, 6, 0, 0, 0});
    added.location = {21.0, 42.24};
    s = s.withAdded(added);
    r.edited = std::make_shared<const IncidentStore>(std::move(s));
    auto saved = saveIncidents(r);
    ASSERT_TRUE(saved.ok()) << saved.error().describe();
    EXPECT_EQ(saved->store->size(), r.edited->size());
    const auto rows = tableRows();
    EXPECT_EQ(rows.at("a"), std::make_pair(std::string("Roadblock at Jarinje"), std::string("7")));
    EXPECT_EQ(rows.at("b"), std::make_pair(std::string("Barricade, Jarinje"), std::string("8")));
    EXPECT_EQ(rows.count("c"), 0u);
    EXPECT_EQ(rows.at("n").first, "Shots near Strpce");
    const Incident back = saved->store->get(indexOf(*saved->store, "b"));
    EXPECT_NEAR(back.location.lon, 20.75, 1e-9);
    EXPECT_NEAR(back.location.lat, 43.15, 1e-9);
}

TEST(PostGisWriteBack, AFailingRowRollsBackEveryEditAndNamesNoPassword) {
    IncidentSaveRequest r = loadedTable();
    const auto before = tableRows();
    IncidentStore s = *r.edited;
    Incident a = s.get(indexOf(s, "a"));
    a.title = "Changed first";
    s = s.withReplaced(indexOf(s, "a"), a);
    Incident b = s.get(indexOf(s, "b"));
    b.title.clear();  // title is NOT NULL in the table
    s = s.withReplaced(indexOf(s, "b"), b);
    r.edited = std::make_shared<const IncidentStore>(std::move(s));
    auto saved = saveIncidents(r);
    ASSERT_FALSE(saved.ok());
    const std::string text = saved.error().describe();
    EXPECT_EQ(text.find("fp-test-secret"), std::string::npos) << text;
    EXPECT_NE(text.find("cannot write row"), std::string::npos) << text;
    EXPECT_NE(text.find("nothing was changed"), std::string::npos) << text;
    EXPECT_EQ(tableRows(), before) << "the first row's edit was rolled back too";
}

}  // namespace
}  // namespace fp
