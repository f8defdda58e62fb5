#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/extract/text_units.h"
#include "core/time/time_point.h"

namespace fp {

/// A calendar day as a count of days since 1970-01-01 (negative before).
using DayNumber = int64_t;

/// The day number of a valid civil date.
DayNumber dayNumber(int year, int month, int day);
/// The civil date of a day number.
CivilTime civilDay(DayNumber day);
/// "2022-12-10".
std::string formatDay(DayNumber day);

/// A date or span of dates found in a text.
struct DateMention {
    TextSpan span;                                 ///< the words that give it ("since Dec. 10", "last week")
    DayNumber first = 0;                           ///< first day covered
    DayNumber last = 0;                            ///< last day covered (== first for one day)
    TimePrecision precision = TimePrecision::Day;  ///< Day (one day or a span of days), Week, Month, Year
    bool relative = false;    ///< worked out from the publication date ("on Saturday", "last week")
    double confidence = 1.0;  ///< lower for guesses (a weekday, a month without a year)
};

/// What the dates of one sentence are read against.
struct DateContext {
    DayNumber published = 0;  ///< the article's publication day
    bool future = false;      ///< the sentence speaks of what will happen ("is set to visit next week")
};

/// Finds the dates in tokens [first, end) of `units`:
/// - absolute: "Dec. 10", "December 10, 2022", "10 December", "10th of December 2022", "2022-12-10",
///   "December 2022" / "in December" (Month), "in 2008" (Year); a date without a year takes the year that
///   puts it at most two weeks after publication (or after it, for a sentence about the future);
/// - parts of a month: "early/mid/late December", "mid-December", "the end of December" (spans of days);
/// - relative to publication: "today", "yesterday", "last night", "on Saturday" (the last Saturday up to
///   the publication day, the next one in a sentence about the future), "over the weekend", "last week",
///   "this week", "next week" (ISO weeks; on a Sunday "last week" is the week that day ends),
///   "last month", "earlier this month", "last year", "three days ago";
/// - spans: "since Dec. 10" (to the publication day), "from Dec. 10 to Dec. 12", "between 10 and 12
///   December", "10-12 December".
/// Mentions are in text order and do not overlap.
std::vector<DateMention> findDates(const TextUnits& units, size_t first, size_t end, const DateContext& ctx);

}  // namespace fp
