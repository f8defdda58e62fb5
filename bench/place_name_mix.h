#pragma once
// Place names as incident sources write them, drawn from the gazetteer itself with a fixed seed: shared by
// fp_places_bench (in-process geocoding throughput) and fp_places_csv (the CSV for the whole-process figure).
//
// Each row names one place of a pool (30 % from Kosovo, Serbia and their neighbours, 70 % from the whole
// world; populated places and border crossings, not areas) in one of these forms:
//   30 %  main name as written, with the country's English name ("Štrpce", "Kosovo")
//   15 %  main name with country and admin areas where the gazetteer knows them (Kosovo, Serbia)
//   15 %  plain ASCII lower case, no context ("strpce")
//   10 %  a Cyrillic name when the place has one (else the main name), no context
//   15 %  a typo (two letters swapped, or one dropped) with the country
//   10 %  main name, no context
//    5 %  an invented name no gazetteer knows ("Vorzelkamp"), with a country
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/places/gazetteer.h"

namespace fp::bench {

struct PlaceNameRow {
    std::string name;
    std::string country;  ///< English country name, or empty
    std::string admin1;   ///< district / okrug, or empty
    std::string admin2;   ///< municipality, or empty
};

inline bool isCyrillicText(std::string_view s) {
    // Cyrillic letters are U+0400..U+04FF: lead bytes 0xD0..0xD3 in UTF-8.
    return !s.empty() && static_cast<unsigned char>(s[0]) >= 0xD0 && static_cast<unsigned char>(s[0]) <= 0xD3;
}

inline std::string cyrillicNameOf(const Gazetteer& g, PlaceIndex i) {
    for (const PlaceName& n : g.names(i))
        if (isCyrillicText(n.text)) return std::string(n.text);
    return {};
}

inline std::string lowerAsciiText(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// `ascii` with a typo: two neighbouring letters swapped in the middle, or (every other time) one dropped.
/// Names under 5 letters are kept (a typo there is a different name).
inline std::string withTypo(std::string ascii, bool drop) {
    if (ascii.size() < 5) return ascii;
    const size_t at = ascii.size() / 2;
    if (drop)
        ascii.erase(at, 1);
    else
        std::swap(ascii[at], ascii[at + 1]);
    return ascii;
}

/// A pronounceable name that no place of `g` has (checked with an exact-only search).
inline std::string inventedName(const Gazetteer& g, std::mt19937& rng) {
    static const char* const kSyllables[] = {"vor", "zel", "kamp", "trin", "oss",  "bul", "quen", "dra",
                                             "mir", "xan", "tup",  "hev",  "gral", "ost", "pex",  "nur"};
    PlaceSearchOptions exact;
    exact.fuzzy = false;
    exact.limit = 1;
    for (;;) {
        std::string s;
        const int parts = 3 + static_cast<int>(rng() % 2);
        for (int k = 0; k < parts; ++k) s += kSyllables[rng() % std::size(kSyllables)];
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
        auto hits = g.search(s, exact);
        if (hits && (hits->empty() || hits->front().match > MatchKind::WordExact)) return s;
    }
}

/// `n` rows over a pool of `distinctPlaces` places (0: a new place for every row, so that no two rows
/// repeat a query), deterministic for a given gazetteer and seed.
inline std::vector<PlaceNameRow> placeNameRows(const Gazetteer& g, size_t n, size_t distinctPlaces,
                                               uint32_t seed = 20221210) {
    std::vector<PlaceIndex> region, world;
    for (PlaceIndex i = 0; i < g.size(); ++i) {
        const Place& p = g.place(i);
        if (p.isArea()) continue;
        const std::string_view c = p.country();
        const bool near = c == "XK" || c == "RS" || c == "BA" || c == "ME" || c == "MK" || c == "AL";
        (near ? region : world).push_back(i);
    }
    std::mt19937 rng(seed);
    auto pick = [&](std::vector<PlaceIndex>& from) { return from[rng() % from.size()]; };
    std::vector<PlaceIndex> pool;
    if (distinctPlaces > 0) {
        for (size_t k = 0; k < distinctPlaces; ++k) pool.push_back(k % 10 < 3 ? pick(region) : pick(world));
    }
    std::vector<PlaceNameRow> rows;
    rows.reserve(n);
    for (size_t k = 0; k < n; ++k) {
        PlaceIndex i = 0;
        if (!pool.empty())
            i = pool[rng() % pool.size()];
        else
            i = rng() % 10 < 3 ? pick(region) : pick(world);
        const Place& p = g.place(i);
        PlaceNameRow row;
        const std::string country = countryDisplayName(p.country());
        const unsigned form = rng() % 100;
        if (form < 30) {
            row = {std::string(p.name), country, "", ""};
        } else if (form < 45) {
            row = {std::string(p.name), country, std::string(p.admin1Name), std::string(p.admin2Name)};
        } else if (form < 60) {
            row = {lowerAsciiText(p.asciiName), "", "", ""};
        } else if (form < 70) {
            const std::string cyr = cyrillicNameOf(g, i);
            row = {cyr.empty() ? std::string(p.name) : cyr, "", "", ""};
        } else if (form < 85) {
            row = {withTypo(std::string(p.asciiName), form % 2 == 0), country, "", ""};
        } else if (form < 95) {
            row = {std::string(p.name), "", "", ""};
        } else {
            row = {inventedName(g, rng), country, "", ""};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/// A CSV field, quoted when it holds a comma, quote or line break.
inline std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// An ACLED-style CSV (header and one line per row) naming places only: latitude and longitude empty,
/// dates over 2022-2023, six event types, deterministic.
inline std::string acledPlaceNameCsv(const std::vector<PlaceNameRow>& names) {
    static const char* const kTypes[][2] = {
        {"Protests", "Peaceful protest"},
        {"Riots", "Violent demonstration"},
        {"Battles", "Armed clash"},
        {"Violence against civilians", "Attack"},
        {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
        {"Strategic developments", "Arrests"}};
    std::mt19937 rng(7);
    std::string text =
        "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,admin2,"
        "location,latitude,longitude,geo_precision,source,notes,fatalities\n";
    text.reserve(names.size() * 160);
    for (size_t k = 0; k < names.size(); ++k) {
        const fp::bench::PlaceNameRow& r = names[k];
        // Two years of dates, 2022-01-01 .. 2023-12-31 (days of month up to 28 keep every date valid).
        const int year = 2022 + static_cast<int>(rng() % 2);
        const int month = 1 + static_cast<int>(rng() % 12);
        const int day = 1 + static_cast<int>(rng() % 28);
        const auto& type = kTypes[rng() % std::size(kTypes)];
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        const unsigned fatalities = rng() % 5 == 0 ? rng() % 12 : 0;
        text += "BNCH" + std::to_string(k + 1) + "," + date + "," + std::to_string(year) + ",1," + type[0] +
                "," + type[1] + ",Protesters," + csvField(r.country) + "," + csvField(r.admin1) + "," +
                csvField(r.admin2) + "," + csvField(r.name) + ",,,," +
                "Synthetic,Benchmark row named by place only," + std::to_string(fatalities) + "\n";
    }
    return text;
}

}  // namespace fp::bench
