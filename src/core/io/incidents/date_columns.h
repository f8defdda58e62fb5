#pragma once

// Internal to core/io/incidents: how each date column of a source is read, decided once per source from a
// survey of its values (or from the user's --date-format), never value by value.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time/date_format.h"

namespace fp::incident_io {

/// How the values of one date column are read, and the range of the dates read with it.
struct DateReading {
    int column = -1;  ///< index of the column in a row
    std::string name;
    DateFormat format;
    /// Earliest and latest date read so far (see saw()); while loading, so that the years said are the whole
    /// column's, not only the survey's.
    mutable int64_t first = INT64_MAX, last = INT64_MIN;
    void saw(TimePoint t) const {
        first = std::min(first, t.seconds);
        last = std::max(last, t.seconds);
    }
};

/// (column name, description) of each reading, with the years of the dates read when any were.
std::vector<std::pair<std::string, std::string>> describeDates(const std::vector<DateReading>& readings);

/// The reading of `column`, null when it has none (then values are read with the default hints).
const DateReading* findDateReading(const std::vector<DateReading>& readings, int column);

/// Rows looked at before loading; when the order of day and month is still undecided after them, the survey
/// goes on over the rest of the source (see DatePlanner::wantsMore).
constexpr size_t kDateSampleRows = 2000;

/// Surveys the date columns of a source over its first rows, then says how to read each.
class DatePlanner {
public:
    /// `columns`: (index, name) of each date column (duplicates and negative indices are ignored);
    /// `yearColumn`: index of a `year` column confirming two-digit years, -1 when there is none.
    DatePlanner(const std::vector<std::pair<int, std::string>>& columns, int yearColumn);

    /// True while rows should still be shown to add(): fewer than kDateSampleRows so far, or a numeric
    /// column whose order of day and month no value has decided yet.
    bool wantsMore() const;
    /// True when there is no date column to survey.
    bool empty() const { return m_columns.empty(); }
    /// True when rows were looked at and not one had a value in any date column.
    bool noValues() const;
    /// The date columns' names, for messages ("begin, end").
    std::string names() const;

    /// Looks at one row (std::string or std::string_view values, one per column).
    template <class Values>
    void add(const Values& row) {
        ++m_rows;
        const std::string_view year = m_yearColumn >= 0 && static_cast<size_t>(m_yearColumn) < row.size()
                                          ? std::string_view(row[static_cast<size_t>(m_yearColumn)])
                                          : std::string_view();
        for (auto& c : m_columns)
            if (static_cast<size_t>(c.index) < row.size())
                c.survey.add(std::string_view(row[static_cast<size_t>(c.index)]), year);
    }

    /// The readings: `chosen` for every column when given (the user's --date-format), else as inferred. Each
    /// column's format is appended to `described` as (column name, description).
    std::vector<DateReading> finish(const std::optional<DateFormat>& chosen,
                                    std::vector<std::pair<std::string, std::string>>& described) const;

private:
    struct Column {
        int index;
        std::string name;
        DateColumnSurvey survey;
    };
    std::vector<Column> m_columns;
    int m_yearColumn = -1;
    size_t m_rows = 0;
};

}  // namespace fp::incident_io
