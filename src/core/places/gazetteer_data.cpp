#include "core/places/gazetteer_data.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/places/normalize.h"
#include "core/places/place_grid.h"

namespace fp {

namespace {

/// Appends strings once each to a pool.
class PoolBuilder {
public:
    StrRef add(std::string_view s) {
        if (s.empty()) return {};
        auto it = m_seen.find(std::string(s));
        if (it != m_seen.end()) return it->second;
        StrRef r{static_cast<uint32_t>(m_bytes.size()), static_cast<uint32_t>(s.size())};
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        m_seen.emplace(std::string(s), r);
        return r;
    }
    std::vector<char> take() { return std::move(m_bytes); }

private:
    std::vector<char> m_bytes;
    std::unordered_map<std::string, StrRef> m_seen;
};

Error recordError(const std::string& sourceName, size_t index, uint32_t id, std::string message) {
    Error e = makeError(ErrorCode::InvalidArgument, sourceName,
                        "place " + std::to_string(id) + ": " + std::move(message));
    e.row = static_cast<int64_t>(index) + 1;
    return e;
}

int32_t microDegrees(double deg) {
    return static_cast<int32_t>(std::lround(deg * 1e6));
}

/// The order, rank, grid and id tables of `d`, from its places.
void buildDirectory(GazetteerData& d) {
    const GazetteerTables t = d.tables();
    const size_t n = d.places.size();
    std::vector<float> importance(n);
    for (uint32_t i = 0; i < n; ++i) importance[i] = static_cast<float>(placeImportance(t.place(i)));
    d.byImportance.resize(n);
    for (uint32_t i = 0; i < n; ++i) d.byImportance[i] = i;
    std::stable_sort(d.byImportance.begin(), d.byImportance.end(), [&](uint32_t a, uint32_t b) {
        return importance[a] != importance[b] ? importance[a] > importance[b]
                                              : d.places[a].population > d.places[b].population;
    });
    d.rank.resize(n);
    for (uint32_t r = 0; r < n; ++r) d.rank[d.byImportance[r]] = r;
    PlaceGrid::build(d.places, d.byImportance, d.gridStart, d.gridItems);
    d.ids.resize(n);
    for (uint32_t i = 0; i < n; ++i) d.ids[i] = {d.places[i].id, i};
    std::sort(d.ids.begin(), d.ids.end(), [](const IdRow& a, const IdRow& b) { return a.id < b.id; });
}

}  // namespace

Place GazetteerTables::place(uint32_t index) const {
    const PlaceRow& r = places[index];
    Place p;
    p.id = r.id;
    p.position = {r.lonE6 / 1e6, r.latE6 / 1e6};
    p.featureClass = r.featureClass;
    p.featureCode = str(r.featureCode);
    p.countryCode[0] = r.country[0];
    p.countryCode[1] = r.country[0] ? r.country[1] : '\0';
    p.admin1Code = str(r.admin1Code);
    p.admin2Code = str(r.admin2Code);
    p.admin1Name = str(r.admin1Name);
    p.admin2Name = str(r.admin2Name);
    p.population = r.population;
    p.source = static_cast<PlaceSource>(r.source);
    const auto [first, end] = nameRange(r);
    p.firstName = first;
    p.nameCount = end - first;
    if (first < end) p.name = str(names[first].text);
    p.asciiName = p.name;
    for (uint32_t n = first; n < end; ++n)
        if (names[n].kind == static_cast<uint8_t>(NameKind::Ascii)) {
            p.asciiName = str(names[n].text);
            break;
        }
    return p;
}

std::pair<uint32_t, uint32_t> GazetteerTables::nameRange(const PlaceRow& row) const {
    const uint32_t first = std::min<uint64_t>(row.firstName, names.size());
    const uint32_t end =
        static_cast<uint32_t>(std::min<uint64_t>(uint64_t{first} + row.nameCount, names.size()));
    return {first, end};
}

PlaceName GazetteerTables::name(uint32_t index) const {
    const NameRow& r = names[index];
    return {str(r.text), str(r.key), str(r.lang), static_cast<NameKind>(std::min<uint8_t>(r.kind, 2))};
}

GazetteerTables GazetteerData::tables() const {
    return {pool, places, names, byImportance, rank, gridStart, gridItems, ids};
}

Result<GazetteerData> dataFromRecords(const std::vector<PlaceRecord>& records,
                                      const std::string& sourceName) {
    PoolBuilder pool;
    GazetteerData data;
    data.places.reserve(records.size());
    std::unordered_set<uint32_t> ids;
    for (size_t i = 0; i < records.size(); ++i) {
        const PlaceRecord& r = records[i];
        if (!isValidLonLat(r.position)) return recordError(sourceName, i, r.id, "coordinates out of range");
        if (r.names.empty() || normalizePlaceName(r.names[0].text).empty())
            return recordError(sourceName, i, r.id, "no searchable name");
        if (r.countryCode.size() > 2) return recordError(sourceName, i, r.id, "country code longer than 2");
        if (!ids.insert(r.id).second) return recordError(sourceName, i, r.id, "duplicate id");
        PlaceRow p;
        p.id = r.id;
        p.lonE6 = microDegrees(r.position.lon);
        p.latE6 = microDegrees(r.position.lat);
        p.featureClass = r.featureClass;
        for (size_t c = 0; c < r.countryCode.size(); ++c) p.country[c] = r.countryCode[c];
        p.population = r.population;
        p.source = static_cast<uint8_t>(r.source);
        p.firstName = static_cast<uint32_t>(data.names.size());
        p.featureCode = pool.add(r.featureCode);
        p.admin1Code = pool.add(r.admin1Code);
        p.admin2Code = pool.add(r.admin2Code);
        p.admin1Name = pool.add(r.admin1Name);
        p.admin2Name = pool.add(r.admin2Name);
        std::unordered_map<std::string_view, size_t> texts;  // text -> its row in data.names
        for (size_t n = 0; n < r.names.size(); ++n) {
            const PlaceRecordName& name = r.names[n];
            if (auto it = texts.find(name.text); it != texts.end()) {
                // A repeated spelling adds nothing but may say which language it is.
                if (data.names[it->second].lang.size == 0) data.names[it->second].lang = pool.add(name.lang);
                continue;
            }
            std::string key = normalizePlaceName(name.text);
            if (key.empty()) continue;
            NameRow row;
            row.text = pool.add(name.text);
            row.lang = pool.add(name.lang);
            row.kind = static_cast<uint8_t>(n == 0 ? NameKind::Primary : name.kind);
            row.key = pool.add(key);
            texts.emplace(name.text, data.names.size());
            data.names.push_back(row);
        }
        p.nameCount = static_cast<uint32_t>(data.names.size()) - p.firstName;
        data.places.push_back(p);
    }
    data.pool = pool.take();
    buildDirectory(data);
    return data;
}

}  // namespace fp
