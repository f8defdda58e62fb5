// Quirks of incident files as analysts really save them (see issue 12), each reproduced by a small fixture of
// our own in tests/fixtures/incidents.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/io/incidents/incident_loader.h"
#include "incident_test_util.h"

namespace fp {
namespace {

using test::describeAll;
using test::findId;
using test::kIncidentFixtures;
using test::utc;

struct Loaded {
    Result<IncidentStore> store;
    LoadReport report;
    IncidentFormatInfo info;
};

Loaded load(const std::string& path, IncidentLoadOptions options = {}) {
    Loaded l{IncidentStore{}, {}, {}};
    l.store = loadIncidents(path, options, l.report, &l.info);
    return l;
}

std::string dateFormat(const IncidentFormatInfo& info, const std::string& column) {
    for (const auto& [c, f] : info.dateFormats)
        if (c == column) return f;
    return "";
}

bool hasTag(const IncidentStore& s, size_t i, std::string_view tag) {
    for (const auto& t : s.get(i).tags)
        if (t == tag) return true;
    return false;
}

std::string writeTemp(const std::string& name, std::string_view bytes) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

TEST(RealExports, AcledReSavedByExcelReadsDMonYyDates) {
    auto l = load(kIncidentFixtures + "acled_excel_dmonyy.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe() << describeAll(l.report);
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 3u) << describeAll(l.report);
    EXPECT_EQ(s.get(findId(s, "SRB9001")).start, utc(2020, 5, 9));
    // 31-Dec-99 is 1999 by its year column.
    EXPECT_EQ(s.get(findId(s, "XKX9003")).start, utc(1999, 12, 31));
    EXPECT_EQ(dateFormat(l.info, "event_date"),
              "dd-Mon-yy or d-Mon-yy, day first, century from the year column, years 1999\u20132020");
    // timestamp is when ACLED last changed the row, kept apart from the event's time.
    EXPECT_TRUE(hasTag(s, findId(s, "SRB9001"), "updated=2020-05-14T23:46:40Z"));
}

TEST(RealExports, AcledPreambleBeforeTheHeaderIsSkippedAndSaid) {
    auto l = load(kIncidentFixtures + "acled_preamble.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.info.format, "acled");
    EXPECT_EQ(l.store.value().size(), 1u);
    ASSERT_EQ(l.report.problems.size(), 1u) << describeAll(l.report);
    EXPECT_NE(l.report.problems[0].message.find("line 1: '(Sample)' comes before the header"),
              std::string::npos)
        << describeAll(l.report);
}

TEST(RealExports, AcledNaStringsAreMissingValues) {
    auto l = load(kIncidentFixtures + "acled_na_strings.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_TRUE(l.report.problems.empty()) << describeAll(l.report);
    const Incident first = s.get(findId(s, "MNE9201"));
    EXPECT_EQ(first.start, utc(2022, 12, 28));
    EXPECT_EQ(first.fatalities, -1);
    EXPECT_TRUE(first.tags.size() == 1 && first.tags[0].rfind("updated=", 0) == 0);
    for (const auto& a : first.adminAreas) EXPECT_NE(a, "NA");
}

TEST(RealExports, AcledPandasIndexColumnAndOldNames) {
    auto l = load(kIncidentFixtures + "acled_pandas_index.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 2u) << describeAll(l.report);
    EXPECT_EQ(l.info.format, "acled");
    EXPECT_EQ(s.get(findId(s, "9001RTA")).description, "Teachers protested\nover pay.");
}

TEST(RealExports, Acled2015UpperCaseWithMixedLineEnds) {
    auto l = load(kIncidentFixtures + "acled_2015_upper.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 2u) << describeAll(l.report);
    EXPECT_EQ(s.get(findId(s, "1SRB")).start, utc(2015, 1, 1));
    EXPECT_EQ(s.get(findId(s, "1SRB")).description, "First line\nsecond line");
    EXPECT_EQ(dateFormat(l.info, "event_date"), "dd-Month-yyyy, day first, year 2015");
}

TEST(RealExports, UcdpGedSpansPrecisionsAndViolenceTypes) {
    auto l = load(kIncidentFixtures + "ucdp_ged.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    EXPECT_EQ(l.info.format, "ucdp-ged");
    ASSERT_EQ(s.size(), 3u) << describeAll(l.report);
    const Incident a = s.get(findId(s, "1001"));
    EXPECT_EQ(a.category, "State-based conflict");
    EXPECT_EQ(a.fatalities, 5);
    EXPECT_EQ(a.locationPrecision, LocationPrecision::Exact);
    EXPECT_EQ(a.actors, (std::vector<std::string>{"Government of Syria", "Rebels"}));
    ASSERT_FALSE(a.sources.empty());
    EXPECT_EQ(a.sources[0].text, "\"Agency A\" report");
    // No latitude/longitude: the WKT point; a month-precise span of a whole month; region precision.
    const Incident b = s.get(findId(s, "1002"));
    EXPECT_EQ(b.category, "One-sided violence");
    EXPECT_DOUBLE_EQ(b.location.lon, 39.0);
    EXPECT_EQ(b.timePrecision, TimePrecision::Month);
    EXPECT_EQ(b.locationPrecision, LocationPrecision::Region);
    const Incident c = s.get(findId(s, "1003"));
    EXPECT_EQ(c.category, "Non-state conflict");
    ASSERT_TRUE(c.end.has_value());
    EXPECT_EQ(c.start, utc(2018, 4, 1));
    EXPECT_EQ(c.locationPrecision, LocationPrecision::Near);
}

TEST(RealExports, Gdelt1DailyAndHistoricalRowsInOneFile) {
    auto l = load(kIncidentFixtures + "gdelt1_58_then_57.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    EXPECT_EQ(l.info.format, "gdelt");
    ASSERT_EQ(s.size(), 3u) << describeAll(l.report);
    const Incident daily = s.get(findId(s, "900000001"));
    EXPECT_EQ(daily.location.lon, 21.0);
    ASSERT_FALSE(daily.sources.empty());
    EXPECT_EQ(daily.sources[0].url, "http://example.org/a");
    // CAMEO codes keep their leading zeros.
    EXPECT_EQ(daily.subCategory, "CAMEO 0231");
    const Incident old = s.get(findId(s, "900000002"));
    EXPECT_EQ(old.start, utc(1982, 3, 14));
    EXPECT_DOUBLE_EQ(old.location.lat, 42.6667);
    EXPECT_TRUE(old.sources[0].url.empty());
    // A country code alone is FIPS: RS is Russia (ISO's RS is Serbia).
    const Incident russia = s.get(findId(s, "900000003"));
    ASSERT_FALSE(russia.adminAreas.empty());
    EXPECT_EQ(russia.adminAreas[0], "Russia");
    // The field mapping that info shows names the columns where both layouts have them.
    std::string lat;
    for (const auto& [field, column] : l.info.fieldMapping)
        if (field == "lat") lat = column;
    EXPECT_EQ(lat, "ActionGeo_Lat (column 57; 54 in GDELT 1.0)");
}

TEST(RealExports, DayFirstDatesWithMixedYearDigitsInGeoJson) {
    auto l = load(kIncidentFixtures + "ddmm_mixed_years.geojson");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 3u) << describeAll(l.report);
    EXPECT_EQ(s.timeRange().begin, utc(2025, 8, 2));
    EXPECT_EQ(dateFormat(l.info, "date"), "dd/mm/yy or dd/mm/yyyy, day first, year 2025");
}

TEST(RealExports, ExcelDatesInGeoJsonAndAMissingDateReported) {
    auto l = load(kIncidentFixtures + "excel_dates.geojson");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.store.value().size(), 2u);
    ASSERT_EQ(l.report.problems.size(), 1u) << describeAll(l.report);
    EXPECT_NE(l.report.problems[0].message.find("no start date; row not loaded"), std::string::npos);
}

TEST(RealExports, MonthFirstColumnDecidedByAValueOverTwelve) {
    auto l = load(kIncidentFixtures + "month_first.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.store.value().timeRange().begin, utc(2022, 12, 31));
    EXPECT_EQ(dateFormat(l.info, "date"), "mm/dd/yyyy, month first, years 2022\u20132023");
    // --date-format overrides the inference; a value that does not fit is reported with what was expected.
    IncidentLoadOptions dayFirst;
    dayFirst.dateFormat = "dd/mm/yyyy";
    auto forced = load(kIncidentFixtures + "month_first.csv", dayFirst);
    ASSERT_TRUE(forced.store.ok());
    EXPECT_EQ(forced.store.value().size(), 1u);
    ASSERT_EQ(forced.report.problems.size(), 1u);
    EXPECT_EQ(
        forced.report.problems[0].message,
        "line 2: '12/31/2022': no such month (31); the column's dates are dd/mm/yyyy (as chosen); row not "
        "loaded");
}

TEST(RealExports, ABadDateFormatOptionIsAnError) {
    IncidentLoadOptions o;
    o.dateFormat = "whenever";
    auto l = load(kIncidentFixtures + "month_first.csv", o);
    ASSERT_FALSE(l.store.ok());
    EXPECT_EQ(l.store.error().code, ErrorCode::InvalidArgument);
}

TEST(RealExports, SemicolonsAndDecimalCommas) {
    auto l = load(kIncidentFixtures + "semicolon_decimal_comma.csv");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.info.driver, "delimited text (';')");
    ASSERT_EQ(l.store.value().size(), 2u) << describeAll(l.report);
    EXPECT_DOUBLE_EQ(l.store.value().get(0).location.lon, 21.16);
}

TEST(RealExports, Utf16WithByteOrderMark) {
    const std::string text = "date,lon,lat,title\n2022-12-10,21.16,42.66,Pri\xC5\xA1tina\n";
    std::string bytes = "\xFF\xFE";
    // UTF-16LE of the ASCII and the one non-ASCII letter (U+0161).
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\xC5\xA1") == 0) {
            bytes += "\x61\x01";
            ++i;
            continue;
        }
        bytes += text[i];
        bytes += '\0';
    }
    auto l = load(writeTemp("utf16.csv", bytes));
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.info.encoding, "UTF-16LE");
    EXPECT_EQ(l.store.value().get(0).title, "Pri\xC5\xA1tina");
}

TEST(RealExports, Windows1252IsReadAsSuchAndSaidOnce) {
    const std::string path = writeTemp("cp1252.csv",
                                       "date,lon,lat,title\n2022-12-10,21.16,42.66,Zve\xE8"
                                       "an\n"
                                       "2022-12-11,21.16,42.66,K\xEB"
                                       "ll\n");
    auto l = load(path);
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.info.encoding, "WINDOWS-1252");
    EXPECT_EQ(l.store.value().get(0).title,
              "Zve\xC3\xA8"
              "an");
    ASSERT_EQ(l.report.problems.size(), 1u) << describeAll(l.report);
    EXPECT_NE(l.report.problems[0].message.find("read as Windows-1252"), std::string::npos);
    // --encoding chooses another: ISO-8859-2 has č at 0xE8.
    IncidentLoadOptions latin2;
    latin2.encoding = "ISO-8859-2";
    auto chosen = load(path, latin2);
    ASSERT_TRUE(chosen.store.ok());
    EXPECT_EQ(chosen.store.value().get(0).title,
              "Zve\xC4\x8D"
              "an");
    EXPECT_TRUE(chosen.report.problems.empty()) << describeAll(chosen.report);
}

TEST(RealExports, LoneCarriageReturnLineEnds) {
    auto l = load(writeTemp("cr.csv", "date,lon,lat\r2022-12-10,21.16,42.66\r2022-12-11,21.0,42.5\r"));
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.store.value().size(), 2u);
}

TEST(RealExports, ANulByteInAValueIsReportedNotACut) {
    const std::string bytes = std::string("date,lon,lat,title\n2022-12-10,21.16,42.66,Bro") + '\0' + "ken\n";
    auto l = load(writeTemp("nul.csv", bytes));
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe();
    EXPECT_EQ(l.store.value().get(0).title, "Broken");
    ASSERT_EQ(l.report.problems.size(), 1u);
    EXPECT_NE(l.report.problems[0].message.find("NUL"), std::string::npos);
    EXPECT_EQ(l.report.problems[0].field, "title");
}

TEST(RealExports, UnixAndExcelDateColumns) {
    auto unix = load(writeTemp("unix.csv", "date,lon,lat\n1670630400,21,42\n1670716800,21,42\n"));
    ASSERT_TRUE(unix.store.ok()) << unix.store.error().describe();
    EXPECT_EQ(unix.store.value().timeRange().begin, utc(2022, 12, 10));
    EXPECT_EQ(dateFormat(unix.info, "date"), "Unix seconds, year 2022");
    auto excel = load(writeTemp("excel.csv", "date,lon,lat\n44905,21,42\n44906,21,42\n"));
    ASSERT_TRUE(excel.store.ok()) << excel.store.error().describe();
    EXPECT_EQ(excel.store.value().timeRange().begin, utc(2022, 12, 10));
}

TEST(RealExports, ColonNamesAndLineOrAreaFeatures) {
    auto l = load(kIncidentFixtures + "colon_names_shapes.geojson");
    ASSERT_TRUE(l.store.ok()) << l.store.error().describe() << describeAll(l.report);
    const IncidentStore& s = l.store.value();
    ASSERT_EQ(s.size(), 4u) << describeAll(l.report);
    EXPECT_EQ(test::mapped(l.info, "start"), "incident:date:start");
    EXPECT_EQ(test::mapped(l.info, "category"), "incident:type");
    EXPECT_EQ(test::mapped(l.info, "source_url"), "incident:source:url");
    std::vector<LocationPrecision> byDay;
    for (size_t i = 0; i < s.size(); ++i) byDay.push_back(s.get(i).locationPrecision);
    // A point, a compound of about 400 m, a county of about 100 km, a road of about 11 km.
    EXPECT_EQ(byDay, (std::vector<LocationPrecision>{LocationPrecision::Exact, LocationPrecision::Exact,
                                                     LocationPrecision::Region, LocationPrecision::Near}));
    const Incident county = s.get(2);
    EXPECT_GT(county.location.lon, 31.0);
    EXPECT_LT(county.location.lon, 32.0);
    const Incident road = s.get(3);
    EXPECT_NEAR(road.location.lon, 31.05, 1e-9);
    EXPECT_NEAR(road.location.lat, 7.5, 1e-9);
}

TEST(RealExports, AnEmptyFeatureCollectionHasNoRowsNotAMissingColumn) {
    auto l = load(std::string(FP_FIXTURES_DIR) + "/empty.geojson");
    ASSERT_FALSE(l.store.ok());
    EXPECT_EQ(l.store.error().code, ErrorCode::EmptyLayer);
    EXPECT_EQ(l.store.error().message, "has no incidents: the layer has no features");
    EXPECT_EQ(l.info.format, "GeoJSON");
}

}  // namespace
}  // namespace fp
