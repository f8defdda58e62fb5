#pragma once
// Synthetic incidents shared by the benchmarks that draw them (fp_incident_frame_bench, fp_playback_bench).

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/model/incident.h"

namespace fp {

/// `n` incidents over Kosovo and Serbia (lon 19-23, lat 42-46.2), three years from 2021-01-01, in ten
/// categories of the shipped style sheet; 70% exact, 20% near, 10% region; casualties on one in five. A third
/// of them sit exactly at one of 2,000 towns (co-located groups), the rest anywhere in the region. With
/// `spans`, as real exports have them: 2% week and 1% month time precision, and 1% spans (roadblocks) of
/// 1-20 days.
inline std::shared_ptr<const IncidentStore> syntheticStore(size_t n, bool spans = false) {
    static std::map<std::pair<size_t, bool>, std::shared_ptr<const IncidentStore>> cache;
    auto& slot = cache[{n, spans}];
    if (slot) return slot;
    static const char* kCategories[] = {"Protests",
                                        "Riots",
                                        "Battles",
                                        "Arrest",
                                        "Explosions/Remote violence",
                                        "Violence against civilians",
                                        "Strategic developments",
                                        "Diplomacy",
                                        "Roadblock / Protest",
                                        "Armed violence"};
    std::mt19937_64 rng(42 + n);
    std::uniform_real_distribution<double> lon(19.0, 23.0), lat(42.0, 46.2), unit(0.0, 1.0);
    std::vector<LonLat> towns(2000);
    for (auto& t : towns) t = {lon(rng), lat(rng)};
    const int64_t t0 = 1609459200;  // 2021-01-01
    std::vector<Incident> incidents(n);
    for (size_t i = 0; i < n; ++i) {
        Incident& inc = incidents[i];
        inc.id = "S" + std::to_string(i);
        inc.category = kCategories[rng() % 10];
        inc.start = TimePoint{t0 + static_cast<int64_t>(unit(rng) * 3 * 365 * kSecondsPerDay)};
        inc.location = (i % 3 == 0) ? towns[rng() % towns.size()] : LonLat{lon(rng), lat(rng)};
        const double p = unit(rng);
        inc.locationPrecision = p < 0.7   ? LocationPrecision::Exact
                                : p < 0.9 ? LocationPrecision::Near
                                          : LocationPrecision::Region;
        if (spans) {
            const uint64_t kind = rng() % 100;
            if (kind < 2)
                inc.timePrecision = TimePrecision::Week;
            else if (kind < 3)
                inc.timePrecision = TimePrecision::Month;
            else if (kind < 4)
                inc.end =
                    TimePoint{inc.start.seconds + static_cast<int64_t>(1 + rng() % 20) * kSecondsPerDay};
        }
        if (rng() % 5 == 0) {
            inc.fatalities = static_cast<int32_t>(rng() % 12);
            inc.injured = static_cast<int32_t>(rng() % 30);
        }
    }
    slot = std::make_shared<IncidentStore>(IncidentStore::build(std::move(incidents)));
    return slot;
}

}  // namespace fp
