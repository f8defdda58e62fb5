#pragma once

// How the dates of one column are written: inferred from the column's values as a whole (never value by
// value, so that "03/04/2022" reads the same way as its neighbour "25/04/2022"), or given by the user.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/time/time_point.h"
#include "core/util/result.h"

namespace fp {

/// A date column's format as chosen for reading.
struct DateFormat {
    DateHints hints;
    /// The forms seen, most frequent first ("d-Mon-yy", "dd/mm/yyyy or dd/mm/yy", "Unix seconds").
    std::string forms;
    /// How the choice was made, for people: "day first", "day first (assumed: no value decides)",
    /// "given with --date-format", ...
    std::string note;
    int minYear = 0, maxYear = 0;  ///< years of the values looked at (0, 0: none)

    /// "d-Mon-yy, day first, years 2020–2024".
    std::string describe() const;
    /// What a value was expected to look like, for the message of a value that could not be read.
    std::string expected() const;
};

/// Reads a --date-format value (any case): "auto" (empty optional: infer), "iso", "day-first" (also "dmy",
/// "dd/mm/yyyy", "d-Mon-yy", "dd.mm.yyyy" and other patterns with the day before the month), "month-first"
/// ("mdy", "mm/dd/yyyy", ...), "unix" (seconds), "unix-ms", "excel" (serial days). InvalidArgument otherwise.
Result<std::optional<DateFormat>> parseDateFormatOption(std::string_view text);
/// The values parseDateFormatOption takes, for messages and help.
const char* dateFormatOptionValues();

/// Looks at the values of one date column and decides how to read it: the order of day and month in numeric
/// dates (a first number over 12 means day first, a second one over 12 month first; when nothing decides, day
/// first is assumed and said), what bare numbers count (YYYYMMDD, Unix seconds or milliseconds, Excel days),
/// and the forms and years seen. Cheap per value: no allocation once the forms are known.
class DateColumnSurvey {
public:
    /// Looks at one value. `yearText` is the row's year column (empty when there is none): it confirms the
    /// century of two-digit years.
    void add(std::string_view text, std::string_view yearText = {});
    /// Values looked at (empty ones are not counted).
    size_t count() const { return m_values; }
    /// True when numeric day/month dates were seen and none said which comes first.
    bool orderUndecided() const { return m_numericDates > 0 && m_firstOver12 == 0 && m_secondOver12 == 0; }
    /// The format to read the column with.
    DateFormat result() const;

private:
    void addNumber(std::string_view text);
    void addYear(int year, bool twoDigits, std::string_view yearText);

    std::map<std::string, size_t> m_forms;  // form -> values; 'A'/'B' stand for the first/second number
    size_t m_values = 0, m_numericDates = 0, m_firstOver12 = 0, m_secondOver12 = 0, m_unknown = 0;
    size_t m_numbers = 0, m_integers = 0, m_twoDigitYears = 0, m_yearsConfirmed = 0;
    double m_minNumber = 0, m_maxNumber = 0;
    size_t m_minDigits = 0, m_maxDigits = 0;
    int m_minYear = 0, m_maxYear = 0;
};

}  // namespace fp
