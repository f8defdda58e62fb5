#pragma once

// Helpers shared by the incident loader tests.
#include <string>
#include <string_view>

#include "core/io/incidents/incident_loader.h"

namespace fp::test {

inline const std::string kIncidentFixtures = std::string(FP_FIXTURES_DIR) + "/incidents/";

inline TimePoint utc(int y, int mo, int d, int h = 0, int mi = 0) {
    return fromCivil({y, mo, d, h, mi, 0});
}

/// Index of the incident with `id`, or s.size() when there is none.
inline size_t findId(const IncidentStore& s, std::string_view id) {
    for (size_t i = 0; i < s.size(); ++i)
        if (s.id(i) == id) return i;
    return s.size();
}

/// Every problem of a report, one per line, for failure messages.
inline std::string describeAll(const LoadReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.describe() + "\n";
    return out;
}

/// The column `field` was read from, or "".
inline std::string mapped(const IncidentFormatInfo& info, const std::string& field) {
    for (const auto& [f, c] : info.fieldMapping)
        if (f == field) return c;
    return "";
}

}  // namespace fp::test
