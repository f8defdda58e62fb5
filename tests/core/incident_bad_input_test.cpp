// Broken files: each bad row is reported with its row, column and reason; good rows still load; whole-file
// failures are one Error. And no password ever leaves the loader.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/io/incidents/incident_loader.h"
#include "incident_test_util.h"

namespace fp {
namespace {

using test::describeAll;
using test::findId;
using test::mapped;
using test::utc;

const std::string kDir = test::kIncidentFixtures;

const Error* problemAt(const LoadReport& r, int64_t row) {
    for (const auto& p : r.problems)
        if (p.row == row) return &p;
    return nullptr;
}

void expectAccounted(const LoadReport& r) {
    EXPECT_EQ(r.featuresRead, r.featuresLoaded + r.featuresSkipped) << describeAll(r);
}

TEST(IncidentBadInput, BrokenQuotingIsReportedAndReadingRecovers) {
    LoadReport report;
    auto store = loadIncidents(kDir + "bad_quoting.csv", {}, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    std::vector<std::string> titles;
    for (size_t i = 0; i < store->size(); ++i) titles.emplace_back(store->title(i));
    EXPECT_EQ(titles, (std::vector<std::string>{"Good one", "Good after", "Last good"}))
        << describeAll(report);
    // The unbalanced quote on line 3 swallowed lines 4 and 5 up to the next quote: one report, then reading
    // restarts at line 4.
    const Error* swallowed = problemAt(report, 2);
    ASSERT_NE(swallowed, nullptr) << describeAll(report);
    EXPECT_NE(swallowed->message.find("lines 3-5"), std::string::npos) << swallowed->describe();
    EXPECT_NE(swallowed->message.find("goes on at line 4"), std::string::npos) << swallowed->describe();
    EXPECT_NE(swallowed->message.find("row not loaded"), std::string::npos);
    auto mentions = [&](const std::string& fragment) {
        return describeAll(report).find(fragment) != std::string::npos;
    };
    EXPECT_TRUE(mentions("line 5: text follows the closing quote")) << describeAll(report);
    EXPECT_TRUE(mentions("line 7: has 5 values but the header has 4 columns")) << describeAll(report);
    ASSERT_NE(problemAt(report, 7), nullptr) << describeAll(report);
    EXPECT_NE(problemAt(report, 7)->message.find("a quoted value opened here is never closed"),
              std::string::npos);
    EXPECT_EQ(report.featuresSkipped, 4u) << describeAll(report);
    expectAccounted(report);
}

TEST(IncidentBadInput, ANonUtf8FileIsReadAsWindows1252AndSaidOnce) {
    LoadReport report;
    auto store = loadIncidents(kDir + "non_utf8.csv", {}, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), 2u);
    EXPECT_EQ(store->title(0), "Pej\xC3\xAB market");
    ASSERT_EQ(report.problems.size(), 1u) << describeAll(report);
    EXPECT_EQ(report.problems[0].message,
              "is not valid UTF-8: read as Windows-1252 (choose another encoding with --encoding, e.g. "
              "ISO-8859-2)");
}

TEST(IncidentBadInput, NonUtf8TextInAFileSaidToBeUtf8IsRepairedAndReported) {
    LoadReport report;
    IncidentLoadOptions utf8;
    utf8.encoding = "UTF-8";
    auto store = loadIncidents(kDir + "non_utf8.csv", utf8, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), 2u);
    EXPECT_EQ(store->title(0), "Pej\xEF\xBF\xBD market");
    ASSERT_EQ(report.problems.size(), 1u) << describeAll(report);
    EXPECT_EQ(report.problems[0].row, 1);
    EXPECT_EQ(report.problems[0].field, "title");
    EXPECT_NE(report.problems[0].message.find("not valid UTF-8"), std::string::npos);
    EXPECT_NE(report.problems[0].message.find("row loaded"), std::string::npos);
    EXPECT_EQ(report.source, kDir + "non_utf8.csv");
}

TEST(IncidentBadInput, BadCoordinatesAreRejectedRowByRow) {
    LoadReport report;
    auto store = loadIncidents(kDir + "bad_coords.csv", {}, report);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    ASSERT_EQ(store->size(), 1u);
    EXPECT_EQ(store->title(0), "Good");
    ASSERT_EQ(report.problems.size(), 4u) << describeAll(report);
    struct Expect {
        int64_t row;
        const char* field;
        const char* fragment;
    };
    for (const Expect& e : {Expect{1, "lon", "longitude 200.5 is outside -180..180"},
                            Expect{2, "lat", "latitude -95 is outside -90..90"},
                            Expect{3, "lon", "'abc' is not a number"}, Expect{4, "lon", "no coordinates"}}) {
        const Error* p = problemAt(report, e.row);
        ASSERT_NE(p, nullptr) << e.row;
        EXPECT_EQ(p->field, e.field) << p->describe();
        EXPECT_NE(p->message.find(e.fragment), std::string::npos) << p->describe();
        EXPECT_NE(p->message.find("row not loaded"), std::string::npos) << p->describe();
        EXPECT_EQ(p->source, kDir + "bad_coords.csv");
    }
    expectAccounted(report);
}

TEST(IncidentBadInput, BadDatesEndBeforeStartAndCoarseTextPrecision) {
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(kDir + "bad_dates.csv", {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.format, "flashpoint");
    ASSERT_EQ(store->size(), 2u) << describeAll(report);
    const auto text = describeAll(report);
    EXPECT_NE(text.find("row 1: field 'start': line 2: '2023-02-30': no such date"), std::string::npos)
        << text;
    EXPECT_NE(text.find("row 2: field 'start': line 3: 'yesterday'"), std::string::npos) << text;
    EXPECT_NE(text.find("row 3: field 'end': line 4: end '2023-06-01' is before start '2023-06-10'"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("row 4: field 'start': line 5: no start date"), std::string::npos) << text;
    // Row 6 loads: "2023-06" cannot be known to the day, and "many" is no count.
    EXPECT_NE(text.find("row 6: field 'time_precision'"), std::string::npos) << text;
    EXPECT_NE(text.find("row 6: field 'fatalities': line 7: 'many' is not a whole number"), std::string::npos)
        << text;
    const Incident month = store->get(0);  // 1 June sorts before 10 June
    EXPECT_EQ(month.id, "6");
    EXPECT_EQ(month.timePrecision, TimePrecision::Month);
    EXPECT_EQ(month.fatalities, -1);
    const Incident span = store->get(1);
    EXPECT_EQ(span.id, "5");
    ASSERT_TRUE(span.end.has_value());
    EXPECT_EQ(coveredSpan(span.start, *span.end, span.timePrecision).end, fromCivil({2023, 6, 13, 0, 0, 0}));
    EXPECT_EQ(span.fatalities, 3);
    EXPECT_EQ(report.featuresSkipped, 4u);
    expectAccounted(report);
}

TEST(IncidentBadInput, WholeFileFailuresAreOneError) {
    struct Case {
        std::string path;
        ErrorCode code;
        const char* fragment;
    };
    const std::string fixtures = FP_FIXTURES_DIR;
    for (const Case& c :
         {Case{kDir + "missing.csv", ErrorCode::NotFound, "file not found"},
          Case{kDir + "missing.gpkg", ErrorCode::NotFound, "file not found"},
          Case{kDir, ErrorCode::IsDirectory, "is a directory"},
          Case{kDir + "empty.csv", ErrorCode::EmptyLayer, "is empty"},
          Case{kDir + "header_only.csv", ErrorCode::EmptyLayer, "no data rows"},
          Case{fixtures + "/notes.txt", ErrorCode::UnsupportedFormat, "no date column"},
          Case{fixtures + "/empty.geojson", ErrorCode::EmptyLayer, "the layer has no features"}}) {
        LoadReport report;
        auto r = loadIncidents(c.path, {}, report);
        ASSERT_FALSE(r.ok()) << c.path;
        EXPECT_EQ(r.error().code, c.code) << r.error().describe();
        EXPECT_NE(r.error().message.find(c.fragment), std::string::npos) << r.error().describe();
        EXPECT_FALSE(r.error().source.empty());
    }
}

TEST(IncidentBadInput, NoRowLoadableIsAnErrorWithEveryRowReported) {
    const std::string path = ::testing::TempDir() + "all_bad.csv";
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("date,lon,lat\nnot a date,21,42\n2023-01-01,500,42\n", f);
    std::fclose(f);
    LoadReport report;
    auto r = loadIncidents(path, {}, report);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::EmptyLayer);
    EXPECT_NE(r.error().message.find("none of its 2 rows"), std::string::npos) << r.error().describe();
    EXPECT_EQ(report.problems.size(), 2u) << describeAll(report);
    std::remove(path.c_str());
}

TEST(IncidentSecrets, ScrubRemovesPasswordsInEveryForm) {
    EXPECT_EQ(scrubSecrets("PG:dbname=ops host=db password=hunter2 user=analyst"),
              "PG:dbname=ops host=db user=analyst");
    EXPECT_EQ(scrubSecrets("PG:password=hunter2"), "PG:");
    EXPECT_EQ(scrubSecrets("PG:host=db PASSWORD = 'hunter 2\\'s' port=5432"), "PG:host=db port=5432");
    EXPECT_EQ(scrubSecrets("PGPASSWORD=hunter2 psql"), "psql");
    EXPECT_EQ(scrubSecrets("connect postgresql://analyst:hunter2@db.example.org:5432/ops failed"),
              "connect postgresql://analyst@db.example.org:5432/ops failed");
    EXPECT_EQ(scrubSecrets("no secrets here: user=analyst"), "no secrets here: user=analyst");
    EXPECT_EQ(scrubSecrets("password authentication failed for user \"analyst\""),
              "password authentication failed for user \"analyst\"");
    for (const char* s : {"PG:password=hunter2", "x password='hunter2' y", "PG:Password=hunter2\tdbname=x",
                          "postgres://u:hunter2@h/db", "db_password=hunter2"}) {
        EXPECT_EQ(scrubSecrets(s).find("hunter2"), std::string::npos) << s << " -> " << scrubSecrets(s);
    }
}

TEST(IncidentBadInput, DatabaseSourcesAreTheirPgPrefixInAnyCase) {
    EXPECT_TRUE(isDatabaseSource("PG:dbname=ops"));
    EXPECT_TRUE(isDatabaseSource("pg:dbname=ops"));
    EXPECT_TRUE(isDatabaseSource("Pg:dbname=ops"));
    EXPECT_FALSE(isDatabaseSource("pg"));
    EXPECT_FALSE(isDatabaseSource("data/pg:incidents.csv"));
    EXPECT_FALSE(isDatabaseSource(""));
}

TEST(IncidentSecrets, UnreachableDatabaseErrorHoldsNoPassword) {
    // Port 1 on the loopback refuses at once: no server is needed to test the failure path.
    const std::string source =
        "PG:host=127.0.0.1 port=1 dbname=ops user=analyst password=hunter2 connect_timeout=2";
    LoadReport report;
    IncidentFormatInfo info;
    IncidentLoadOptions options;
    options.table = "incidents";
    auto r = loadIncidents(source, options, report, &info);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::IoError) << r.error().describe();
    EXPECT_EQ(r.error().describe().find("hunter2"), std::string::npos) << r.error().describe();
    EXPECT_NE(r.error().source.find("dbname=ops"), std::string::npos) << r.error().source;
    EXPECT_EQ(report.source.find("hunter2"), std::string::npos);
    EXPECT_EQ(describeAll(report).find("hunter2"), std::string::npos);
    EXPECT_EQ(incidentSourceName(source, options), "incidents");
}

}  // namespace
}  // namespace fp
