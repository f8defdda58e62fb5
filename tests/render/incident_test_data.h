#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/incident.h"

namespace fp::test {

/// A hand-made incident for render and picking tests.
inline Incident makeIncident(std::string id, std::string category, double lon, double lat,
                             LocationPrecision precision = LocationPrecision::Exact, int64_t day = 0,
                             int32_t fatalities = -1, int32_t injured = -1) {
    Incident inc;
    inc.id = id;
    inc.title = "Incident " + id;
    inc.category = std::move(category);
    inc.location = {lon, lat};
    inc.locationPrecision = precision;
    inc.start = TimePoint{1670630400 + day * kSecondsPerDay};  // 2022-12-10 + day
    inc.fatalities = fatalities;
    inc.injured = injured;
    inc.placeName = "Place " + id;
    return inc;
}

inline std::shared_ptr<const IncidentStore> makeStore(std::vector<Incident> incidents) {
    return std::make_shared<IncidentStore>(IncidentStore::build(std::move(incidents)));
}

}  // namespace fp::test
