#include "core/places/gazetteer_data.h"

#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/places/normalize.h"

namespace fp {

namespace {

/// Appends strings once each to a pool; remembers offsets so views can be made after the last append.
class PoolBuilder {
public:
    struct Ref {
        uint32_t offset = 0;
        uint32_t size = 0;
    };
    Ref add(std::string_view s) {
        if (s.empty()) return {};
        auto it = m_seen.find(std::string(s));
        if (it != m_seen.end()) return it->second;
        Ref r{static_cast<uint32_t>(m_bytes.size()), static_cast<uint32_t>(s.size())};
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        m_seen.emplace(std::string(s), r);
        return r;
    }
    std::vector<char> take() { return std::move(m_bytes); }

private:
    std::vector<char> m_bytes;
    std::unordered_map<std::string, Ref> m_seen;
};

std::string_view view(const std::vector<char>& pool, PoolBuilder::Ref r) {
    return r.size ? std::string_view(pool.data() + r.offset, r.size) : std::string_view();
}

Error recordError(const std::string& sourceName, size_t index, uint32_t id, std::string message) {
    Error e = makeError(ErrorCode::InvalidArgument, sourceName,
                        "place " + std::to_string(id) + ": " + std::move(message));
    e.row = static_cast<int64_t>(index) + 1;
    return e;
}

}  // namespace

Result<GazetteerData> dataFromRecords(const std::vector<PlaceRecord>& records,
                                      const std::string& sourceName) {
    struct NameRefs {
        PoolBuilder::Ref text, key, lang;
        bool keyDerived = false;
        NameKind kind;
    };
    struct PlaceRefs {
        PoolBuilder::Ref code, a1c, a2c, a1n, a2n;
    };
    PoolBuilder pool, derived;
    std::vector<NameRefs> nameRefs;
    std::vector<PlaceRefs> placeRefs;
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
        Place p;
        p.id = r.id;
        p.position = r.position;
        p.featureClass = r.featureClass;
        for (size_t c = 0; c < r.countryCode.size(); ++c) p.countryCode[c] = r.countryCode[c];
        p.population = r.population;
        p.source = r.source;
        p.firstName = static_cast<uint32_t>(nameRefs.size());
        placeRefs.push_back({pool.add(r.featureCode), pool.add(r.admin1Code), pool.add(r.admin2Code),
                             pool.add(r.admin1Name), pool.add(r.admin2Name)});
        std::unordered_map<std::string_view, size_t> texts;  // text -> its entry in nameRefs
        for (size_t n = 0; n < r.names.size(); ++n) {
            const PlaceRecordName& name = r.names[n];
            if (auto it = texts.find(name.text); it != texts.end()) {
                // A repeated spelling adds nothing but may say which language it is.
                if (nameRefs[it->second].lang.size == 0) nameRefs[it->second].lang = pool.add(name.lang);
                continue;
            }
            std::string key = normalizePlaceName(name.text);
            if (key.empty()) continue;
            NameRefs refs;
            refs.text = pool.add(name.text);
            refs.lang = pool.add(name.lang);
            refs.kind = n == 0 ? NameKind::Primary : name.kind;
            refs.keyDerived = isAscii(name.text);
            refs.key = refs.keyDerived ? derived.add(key) : pool.add(key);
            texts.emplace(name.text, nameRefs.size());
            nameRefs.push_back(refs);
        }
        p.nameCount = static_cast<uint32_t>(nameRefs.size()) - p.firstName;
        data.places.push_back(p);
    }
    data.pool = pool.take();
    data.derived = derived.take();
    for (size_t i = 0; i < data.places.size(); ++i) {
        Place& p = data.places[i];
        const PlaceRefs& r = placeRefs[i];
        p.featureCode = view(data.pool, r.code);
        p.admin1Code = view(data.pool, r.a1c);
        p.admin2Code = view(data.pool, r.a2c);
        p.admin1Name = view(data.pool, r.a1n);
        p.admin2Name = view(data.pool, r.a2n);
    }
    data.names.reserve(nameRefs.size());
    for (const NameRefs& r : nameRefs) {
        data.names.push_back({view(data.pool, r.text), view(r.keyDerived ? data.derived : data.pool, r.key),
                              view(data.pool, r.lang), r.kind});
    }
    linkMainNames(data);
    return data;
}

}  // namespace fp

namespace fp {

void linkMainNames(GazetteerData& d) {
    for (Place& p : d.places) {
        p.name = d.names[p.firstName].text;
        p.asciiName = p.name;
        for (uint32_t n = p.firstName; n < p.firstName + p.nameCount; ++n)
            if (d.names[n].kind == NameKind::Ascii) {
                p.asciiName = d.names[n].text;
                break;
            }
    }
}

}  // namespace fp
