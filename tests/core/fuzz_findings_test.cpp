// Defects the fuzz targets (fuzz/, docs/FUZZING.md) found, each reduced to the smallest input that shows it.
// Some only fail under the sanitizers (./scripts/test runs these tests in the ASan build too).
#include <gtest/gtest.h>

#include <fstream>

#include "core/io/incidents/incident_loader.h"
#include "core/model/incident_style_sheet.h"
#include "core/project/project_document.h"
#include "core/time/date_format.h"
#include "incident_test_util.h"

namespace fp {
namespace {

std::string writeTemp(const std::string& name, std::string_view bytes) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

// ucdp_fuzz: the message of an unreadable UCDP date named its column through a view of a temporary copy of
// the column name (stack-use-after-scope under ASan; a garbled or wrong column name in a release build).
TEST(FuzzFindings, UcdpUnreadableDateNamesItsColumn) {
    const std::string path = writeTemp("fuzz_ucdp_bad_date.csv",
                                       "id,year,type_of_violence,where_prec,latitude,longitude,date_start,"
                                       "date_end,best\n"
                                       "1,2018,1,1,36.2,37.15,2018-03-01,2018-03-02,5\n"
                                       "2,2018,1,1,36.2,37.15,2018-500-3,2018-03-01,5\n"
                                       "3,2018,1,1,36.2,37.15,2018-03-04,2018-03-500,5\n");
    LoadReport report;
    IncidentFormatInfo info;
    auto store = loadIncidents(path, {}, report, &info);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    EXPECT_EQ(info.format, "ucdp-ged");
    EXPECT_EQ(store.value().size(), 1u);
    ASSERT_EQ(report.problems.size(), 2u) << test::describeAll(report);
    EXPECT_EQ(report.problems[0].row, 2);
    EXPECT_EQ(report.problems[0].field, "date_start");
    EXPECT_NE(report.problems[0].message.find("'2018-500-3'"), std::string::npos)
        << report.problems[0].message;
    EXPECT_EQ(report.problems[1].row, 3);
    EXPECT_EQ(report.problems[1].field, "date_end");
}

// date_fuzz: a count of seconds (or milliseconds) past year 32767 was accepted and toCivil wrapped its year:
// "2222222222222222" Unix milliseconds read as 6853-06-02T14:37:02Z, which reads back as another instant.
TEST(FuzzFindings, CountsPastTheLastYearAreOutOfRange) {
    DateHints millis;
    millis.numbers = DateHints::Numbers::UnixMillis;
    auto wrapped = parseTime("2222222222222222", millis);
    ASSERT_FALSE(wrapped.ok()) << formatIso(wrapped.value().time);
    EXPECT_NE(wrapped.error().message.find("date out of range"), std::string::npos)
        << wrapped.error().message;

    DateHints seconds;
    seconds.numbers = DateHints::Numbers::UnixSeconds;
    auto last = parseTime("971890963199", seconds);
    ASSERT_TRUE(last.ok()) << last.error().describe();
    EXPECT_EQ(formatIso(last.value().time), "32767-12-31T23:59:59Z");
    EXPECT_FALSE(parseTime("971890963200", seconds).ok());
    auto first = parseTime("-1096193779200", seconds);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(toCivil(first.value().time).year, -32767);
    EXPECT_FALSE(parseTime("-1096193779201", seconds).ok());
}

// date_fuzz: the years of a column of numbers too large for any date converted a double out of the range of
// int64_t (undefined behaviour, reported by UBSan; a garbage year in a release build).
TEST(FuzzFindings, HugeNumbersInADateColumnSayTheLastYear) {
    DateColumnSurvey survey;
    survey.add("77777777777777777777777777");
    survey.add("77777777777777777777777778");
    const DateFormat f = survey.result();
    EXPECT_EQ(f.forms, "Unix milliseconds");
    EXPECT_EQ(f.minYear, 32767);
    EXPECT_EQ(f.maxYear, 32767);
}

// project_json_fuzz: a number too large for a double made nlohmann throw out_of_range, which only
// parse_error was caught for, so opening such a project aborted the program.
TEST(FuzzFindings, ANumberTooLargeForADoubleIsABadProjectNotACrash) {
    const auto project =
        parseProjectJson(R"({"format": "flashpoint-project", "version": 21110E111111})", "/p.json");
    ASSERT_FALSE(project.ok());
    EXPECT_EQ(
        project.error().describe(),
        "/p.json: not a valid project file (truncated or not JSON): number overflow parsing '21110E111111'");
    const auto sheet = IncidentStyleSheet::parse(R"({"version": 1e999})", "styles.json");
    ASSERT_FALSE(sheet.ok());
    EXPECT_NE(sheet.error().describe().find("number overflow"), std::string::npos)
        << sheet.error().describe();
}

}  // namespace
}  // namespace fp
