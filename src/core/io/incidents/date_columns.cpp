#include "core/io/incidents/date_columns.h"

namespace fp::incident_io {

const DateReading* findDateReading(const std::vector<DateReading>& readings, int column) {
    for (const auto& r : readings)
        if (r.column == column) return &r;
    return nullptr;
}

DatePlanner::DatePlanner(const std::vector<std::pair<int, std::string>>& columns, int yearColumn)
    : m_yearColumn(yearColumn) {
    for (const auto& [index, name] : columns) {
        if (index < 0) continue;
        bool seen = false;
        for (const auto& c : m_columns) seen = seen || c.index == index;
        if (!seen) m_columns.push_back({index, name, {}});
    }
}

std::vector<std::pair<std::string, std::string>> describeDates(const std::vector<DateReading>& readings) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : readings) {
        DateFormat f = r.format;
        if (r.first <= r.last) {
            f.minYear = toCivil(TimePoint{r.first}).year;
            f.maxYear = toCivil(TimePoint{r.last}).year;
        }
        out.emplace_back(r.name, f.describe());
    }
    return out;
}

bool DatePlanner::noValues() const {
    if (m_rows == 0) return false;
    for (const auto& c : m_columns)
        if (c.survey.count() > 0) return false;
    return true;
}

std::string DatePlanner::names() const {
    std::string out;
    for (const auto& c : m_columns) out += (out.empty() ? "" : ", ") + c.name;
    return out;
}

bool DatePlanner::wantsMore() const {
    if (m_columns.empty()) return false;
    if (m_rows < kDateSampleRows) return true;
    for (const auto& c : m_columns)
        if (c.survey.orderUndecided()) return true;
    return false;
}

std::vector<DateReading> DatePlanner::finish(
    const std::optional<DateFormat>& chosen,
    std::vector<std::pair<std::string, std::string>>& described) const {
    std::vector<DateReading> out;
    for (const auto& c : m_columns) {
        DateReading r{c.index, c.name, chosen ? *chosen : c.survey.result()};
        if (chosen) {
            // The years still come from the values.
            const DateFormat seen = c.survey.result();
            r.format.minYear = seen.minYear;
            r.format.maxYear = seen.maxYear;
        }
        described.emplace_back(c.name, r.format.describe());
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace fp::incident_io
