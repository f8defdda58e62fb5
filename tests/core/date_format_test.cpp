#include <gtest/gtest.h>

#include "core/time/date_format.h"

namespace fp {
namespace {

TimePoint day(int y, int m, int d) {
    return fromCivil({y, m, d, 0, 0, 0});
}

TimePoint parsed(std::string_view text, DateHints hints = {}) {
    auto r = parseTime(text, hints);
    EXPECT_TRUE(r.ok()) << text << ": " << (r ? "" : r.error().message);
    return r ? r->time : TimePoint{};
}

TEST(DateParsing, TwoDigitYearsInEveryDayFirstForm) {
    EXPECT_EQ(parsed("9-May-20"), day(2020, 5, 9));
    EXPECT_EQ(parsed("5-Aug-24"), day(2024, 8, 5));
    EXPECT_EQ(parsed("28-Feb-21"), day(2021, 2, 28));
    EXPECT_EQ(parsed("26/10/25"), day(2025, 10, 26));
    EXPECT_EQ(parsed("26/10/2025"), day(2025, 10, 26));
    EXPECT_EQ(parsed("31.12.99"), day(1999, 12, 31));
    EXPECT_EQ(parsed("01-January-2015"), day(2015, 1, 1));
    EXPECT_EQ(parsed("28 December 2022"), day(2022, 12, 28));
}

TEST(DateParsing, AYearColumnGivesTheCentury) {
    DateHints hints;
    hints.fullYear = 1975;
    EXPECT_EQ(parsed("3-Mar-75", hints), day(1975, 3, 3));
    hints.fullYear = 2075;
    EXPECT_EQ(parsed("3-Mar-75", hints), day(2075, 3, 3));
    // A year column that does not match the two digits is not used.
    hints.fullYear = 2010;
    EXPECT_EQ(parsed("3-Mar-75", hints), day(1975, 3, 3));
}

TEST(DateParsing, MonthFirstOnlyWhenTheHintsSaySo) {
    EXPECT_EQ(parsed("03/04/2022"), day(2022, 4, 3));
    DateHints us;
    us.monthFirst = true;
    EXPECT_EQ(parsed("03/04/2022", us), day(2022, 3, 4));
    EXPECT_EQ(parsed("12/31/22", us), day(2022, 12, 31));
    EXPECT_FALSE(parseTime("12/31/2022").ok());
    // Forms that say which number is which are not affected.
    EXPECT_EQ(parsed("2022-03-04", us), day(2022, 3, 4));
    EXPECT_EQ(parsed("4 March 2022", us), day(2022, 3, 4));
}

TEST(DateParsing, NumbersAsTheHintsCountThem) {
    DateHints unix;
    unix.numbers = DateHints::Numbers::UnixSeconds;
    EXPECT_EQ(parsed("1670630400", unix), day(2022, 12, 10));
    unix.numbers = DateHints::Numbers::UnixMillis;
    EXPECT_EQ(parsed("1670630400000", unix), day(2022, 12, 10));
    DateHints excel;
    excel.numbers = DateHints::Numbers::ExcelDays;
    EXPECT_EQ(parsed("44905", excel), day(2022, 12, 10));
    EXPECT_EQ(parsed("44905.5", excel).seconds, day(2022, 12, 10).seconds + 43200);
    EXPECT_FALSE(parseTime("yesterday", excel).ok());
    // Without hints a bare number stays a calendar form.
    EXPECT_EQ(parsed("20221210"), day(2022, 12, 10));
}

TEST(DateParsing, DateAndTimeInDayFirstForms) {
    auto r = parseTime("10/12/2022 14:30");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->time.seconds, day(2022, 12, 10).seconds + 14 * 3600 + 30 * 60);
    EXPECT_EQ(r->precision, TimePrecision::Exact);
}

DateFormat surveyed(std::initializer_list<const char*> values, const char* year = "") {
    DateColumnSurvey s;
    for (const char* v : values) s.add(v, year);
    return s.result();
}

TEST(DateColumnSurvey, DescribesExcelDatesWithTheirYears) {
    const DateFormat f = surveyed({"9-May-20", "12-May-20", "5-Aug-24", "1-Jan-22"});
    EXPECT_EQ(f.describe(), "d-Mon-yy or dd-Mon-yy, day first, years 2020\u20132024");
    EXPECT_FALSE(f.hints.monthFirst);
}

TEST(DateColumnSurvey, AValueOverTwelveDecidesTheWholeColumn) {
    const DateFormat dayFirst = surveyed({"03/04/2022", "25/04/2022"});
    EXPECT_FALSE(dayFirst.hints.monthFirst);
    EXPECT_EQ(dayFirst.describe(), "dd/mm/yyyy, day first, year 2022");
    const DateFormat monthFirst = surveyed({"03/04/2022", "04/25/2022"});
    EXPECT_TRUE(monthFirst.hints.monthFirst);
    EXPECT_EQ(monthFirst.describe(), "mm/dd/yyyy, month first, year 2022");
    const DateFormat undecided = surveyed({"03/04/2022", "05/06/2022"});
    EXPECT_FALSE(undecided.hints.monthFirst);
    EXPECT_NE(undecided.note.find("assumed"), std::string::npos) << undecided.note;
}

TEST(DateColumnSurvey, MixedTwoAndFourDigitYearsInOnePattern) {
    const DateFormat f = surveyed({"02/08/2025", "26/10/25", "02/11/25"});
    EXPECT_EQ(f.describe(), "dd/mm/yy or dd/mm/yyyy, day first, year 2025");
}

TEST(DateColumnSurvey, AYearColumnConfirmsTwoDigitYears) {
    const DateFormat f = surveyed({"9-May-20"}, "2020");
    EXPECT_NE(f.note.find("century from the year column"), std::string::npos) << f.note;
}

TEST(DateColumnSurvey, BareNumbers) {
    EXPECT_EQ(surveyed({"1670630400", "1670716800"}).hints.numbers, DateHints::Numbers::UnixSeconds);
    EXPECT_EQ(surveyed({"1670630400000"}).hints.numbers, DateHints::Numbers::UnixMillis);
    const DateFormat excel = surveyed({"44905", "44906.25"});
    EXPECT_EQ(excel.hints.numbers, DateHints::Numbers::ExcelDays);
    EXPECT_EQ(excel.describe(), "Excel serial days, year 2022");
    const DateFormat compact = surveyed({"20221210", "20230101"});
    EXPECT_EQ(compact.hints.numbers, DateHints::Numbers::Calendar);
    EXPECT_EQ(compact.describe(), "yyyymmdd, years 2022\u20132023");
}

TEST(DateColumnSurvey, IsoDateTimes) {
    EXPECT_EQ(surveyed({"2022-12-24T00:00:00.000Z"}).describe(), "yyyy-mm-ddThh:mm:ssZ, year 2022");
    EXPECT_EQ(surveyed({"28 December 2022", "1 November 2024"}).describe(),
              "d Month yyyy or dd Month yyyy, day first, years 2022\u20132024");
}

TEST(DateFormatOption, NamesAndPatterns) {
    auto none = parseDateFormatOption("auto");
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none.value().has_value());
    auto us = parseDateFormatOption("mm/dd/yyyy");
    ASSERT_TRUE(us.ok() && us.value());
    EXPECT_TRUE(us.value()->hints.monthFirst);
    auto eu = parseDateFormatOption("d-Mon-yy");
    ASSERT_TRUE(eu.ok() && eu.value());
    EXPECT_FALSE(eu.value()->hints.monthFirst);
    auto iso = parseDateFormatOption("yyyy-mm-dd");
    ASSERT_TRUE(iso.ok() && iso.value());
    EXPECT_FALSE(iso.value()->hints.monthFirst);
    auto excel = parseDateFormatOption("Excel");
    ASSERT_TRUE(excel.ok() && excel.value());
    EXPECT_EQ(excel.value()->hints.numbers, DateHints::Numbers::ExcelDays);
    auto bad = parseDateFormatOption("sometimes");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("is not a date format"), std::string::npos);
}

}  // namespace
}  // namespace fp
