#pragma once

// Small hand-made gazetteers for the places tests.
#include <string>
#include <vector>

#include "core/places/gazetteer.h"

namespace fp::test {

inline PlaceRecord placeRecord(uint32_t id, const std::string& name, double lon, double lat,
                               const std::string& cc, const std::string& code = "PPL",
                               uint32_t population = 0, std::vector<std::string> alternates = {}) {
    PlaceRecord r;
    r.id = id;
    r.position = {lon, lat};
    r.featureClass = code.rfind("ADM", 0) == 0 ? 'A' : 'P';
    r.featureCode = code;
    r.countryCode = cc;
    r.population = population;
    r.names.push_back({name, "", NameKind::Primary});
    for (auto& a : alternates) r.names.push_back({a, "", NameKind::Alternate});
    return r;
}

/// A few real places of the region (GeoNames values) plus namesakes far away.
inline std::vector<PlaceRecord> regionRecords() {
    std::vector<PlaceRecord> v;
    v.push_back(placeRecord(785388, "Štrpce", 21.02722, 42.23944, "XK", "PPLA2", 6913,
                            {"Shterpce", "Shtërpcë", "Strpce", "Штрпце"}));
    v.back().admin1Name = "Ferizaj / Uroševac";
    v.back().admin2Name = "Shtërpcë / Štrpce";
    v.push_back(placeRecord(789225, "Mitrovicë", 20.86667, 42.88333, "XK", "PPLA", 107045,
                            {"Kosovska Mitrovica", "Mitrovica", "Косовска Митровица"}));
    v.back().admin1Name = "Mitrovica";
    v.push_back(
        placeRecord(3190103, "Sremska Mitrovica", 19.61222, 44.97639, "RS", "PPLA2", 39084, {"Mitrovica"}));
    v.back().admin1Name = "Sremski okrug";
    v.push_back(placeRecord(783770, "Zvečan", 20.84028, 42.9075, "XK", "PPLA2", 17000, {"Звечан", "Zveçan"}));
    v.back().admin1Name = "Mitrovica";
    v.push_back(
        placeRecord(792680, "Belgrade", 20.46513, 44.80401, "RS", "PPLC", 1273651, {"Beograd", "Београд"}));
    v.push_back(placeRecord(498817, "Saint Petersburg", 30.31413, 59.93863, "RU", "PPLA", 5351935,
                            {"St Petersburg", "Sankt-Peterburg", "Санкт-Петербург"}));
    v.push_back(placeRecord(4171563, "St. Petersburg", -82.67927, 27.77086, "US", "PPL", 257083));
    v.push_back(placeRecord(9000001, "Banjska", 20.78083, 42.97333, "XK", "PPL", 0, {"Banjskë"}));
    v.push_back(placeRecord(9000002, "Banjska", 20.95389, 42.85861, "XK", "PPL", 0, {"Banjskë"}));
    v.push_back(placeRecord(0x80001000u, "Shtërpcë", 20.99998, 42.23559, "XK", "ADM2", 0, {"Štrpce"}));
    return v;
}

}  // namespace fp::test
