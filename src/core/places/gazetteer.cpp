#include "core/places/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "core/places/gazetteer_data.h"
#include "core/places/name_index.h"
#include "core/places/normalize.h"
#include "core/places/place_grid.h"
#include "core/proj/geodesic.h"
#include "core/project/default_scene.h"

namespace fp {

namespace {

constexpr size_t kMaxFuzzyTerms = 1000;
constexpr size_t kMaxScoredEntries = 20000;  // above this a prefix is answered important-places-first
constexpr size_t kMaxImportantScan = 200000;
constexpr size_t kMaxFuzzyKeyBytes = 64;
constexpr size_t kMaxLimit = 1000;

/// Fast planar approximation (equirectangular), good to a few percent within a few hundred km: ranking
/// and pre-filtering only.
double approxKm(LonLat a, LonLat b) {
    constexpr double kKmPerDegree = 111.195;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    double dLon = std::fabs(a.lon - b.lon);
    if (dLon > 180.0) dLon = 360.0 - dLon;
    const double x = dLon * std::cos(0.5 * (a.lat + b.lat) * kRad);
    const double y = a.lat - b.lat;
    return kKmPerDegree * std::sqrt(x * x + y * y);
}

double matchBase(MatchKind kind, int distance, size_t keySize, size_t termSize) {
    const double completeness = termSize ? static_cast<double>(keySize) / static_cast<double>(termSize) : 1.0;
    switch (kind) {
        case MatchKind::Exact:
            return 100.0;
        case MatchKind::WordExact:
            return 80.0;
        case MatchKind::Prefix:
            return 62.0 + 15.0 * completeness;
        case MatchKind::WordPrefix:
            return 48.0 + 15.0 * completeness;
        case MatchKind::Fuzzy:
            return 60.0 - 12.0 * (distance - 1);
        case MatchKind::FuzzyPrefix:
            return 44.0 - 12.0 * (distance - 1);
    }
    return 0.0;
}

}  // namespace

const char* matchKindName(MatchKind kind) {
    switch (kind) {
        case MatchKind::Exact:
            return "exact";
        case MatchKind::WordExact:
            return "word";
        case MatchKind::Prefix:
            return "prefix";
        case MatchKind::WordPrefix:
            return "word-prefix";
        case MatchKind::Fuzzy:
            return "fuzzy";
        case MatchKind::FuzzyPrefix:
            return "fuzzy-prefix";
    }
    return "?";
}

double placeImportance(const Place& place) {
    const std::string_view code = place.featureCode;
    double base = 0.3;
    if (code == "PPLC")
        base = 1.0;
    else if (code == "PPLA")
        base = 0.75;
    else if (code == "ADM1")
        base = 0.7;
    else if (code == "PPLA2")
        base = 0.55;
    else if (code == "ADM2")
        base = 0.5;
    else if (code == "PPLA3")
        base = 0.4;
    else if (place.featureClass == 'S')
        base = 0.5;  // border crossings: landmarks in the news
    else if (code == "PPLA4")
        base = 0.35;
    else if (code == "PPLX" || code == "PPLL")
        base = 0.25;
    const double pop = std::min(1.0, std::log10(1.0 + place.population) / 7.0);
    return 0.6 * base + 0.4 * pop;
}

std::string countryDisplayName(std::string_view countryCode) {
    if (countryCode.size() != 2) return std::string(countryCode);
    const std::string cc(countryCode);
    icu::UnicodeString name;
    icu::Locale("", cc.c_str()).getDisplayCountry(icu::Locale::getEnglish(), name);
    std::string out;
    name.toUTF8String(out);
    return out.empty() ? cc : out;
}

/// What one search() call filters and ranks by, shared by the helpers below.
struct SearchContext {
    const PlaceSearchOptions& options;
    std::string country;  ///< upper-case filter, empty = all
    std::string hintKey;  ///< normalised admin hint, empty = none
};

/// The search structures, built from the tables on first need.
struct SearchIndex {
    std::vector<float> importance;
    std::unordered_map<std::string_view, std::string> adminKeys;  ///< admin name -> its search key
    NameIndex index;

    explicit SearchIndex(const GazetteerTables& t) {
        importance.resize(t.places.size());
        for (PlaceIndex i = 0; i < t.places.size(); ++i) {
            const Place p = t.place(i);
            importance[i] = static_cast<float>(placeImportance(p));
            for (std::string_view admin : {p.admin1Name, p.admin2Name})
                if (!admin.empty() && !adminKeys.count(admin))
                    adminKeys.emplace(admin, normalizePlaceName(admin));
        }
        index.build(t);
    }
};

struct Gazetteer::Impl {
    std::optional<GazetteerData> owned;     ///< built from records
    std::optional<MappedGazetteer> mapped;  ///< or read from a file
    GazetteerTables t;
    std::string source;
    PlaceGrid grid;
    mutable std::once_flag searchOnce;
    mutable std::unique_ptr<const SearchIndex> searchIndex;
    mutable Status verified;
    mutable std::once_flag countriesOnce;
    mutable std::unordered_map<std::string, std::vector<LonLat>> populatedByCountry;

    void attach(GazetteerTables tables) {
        t = tables;
        grid = PlaceGrid(t.gridStart, t.gridItems);
    }

    /// The search structures after a full check of the tables; null when they are damaged (see verified).
    const SearchIndex* search() const {
        std::call_once(searchOnce, [&] {
            verified = verifyGazetteerTables(t, source, mapped ? &*mapped : nullptr);
            if (verified) searchIndex = std::make_unique<const SearchIndex>(t);
        });
        return searchIndex.get();
    }
    const SearchIndex& si() const { return *searchIndex; }

    /// Scores one match of `key` on name `name` of place `p` and appends it, unless a filter drops the place.
    void addHit(const std::string& key, PlaceIndex p, uint32_t name, MatchKind kind, int distance,
                size_t termSize, const SearchContext& ctx, std::vector<PlaceHit>& hits) const {
        const Place place = t.place(p);
        if (!ctx.country.empty() && place.country() != ctx.country) return;
        if (!ctx.options.includeAreas && place.isArea()) return;
        const PlaceName n = t.name(name);
        double score = matchBase(kind, distance, key.size(), termSize);
        if (n.kind != NameKind::Alternate) score += 4.0;
        score += 40.0 * si().importance[p];
        if (ctx.options.near) score += 15.0 * std::exp(-approxKm(*ctx.options.near, place.position) / 250.0);
        if (!ctx.hintKey.empty() && adminMatches(place, ctx.hintKey)) score += 20.0;
        hits.push_back({p, score, kind, distance, n.text});
    }

    /// For prefixes so common that scoring every name would be slow ("s", "ba"): the most important places,
    /// and the places around the view centre, whose names start with `key` (or have a word that does).
    void importantPrefixHits(const std::string& key, const SearchContext& ctx,
                             std::vector<PlaceHit>& hits) const {
        auto consider = [&](PlaceIndex p) {
            const auto [first, end] = t.nameRange(t.places[p]);
            for (uint32_t n = first; n < end; ++n) {
                const std::string_view k = t.str(t.names[n].key);
                if (k.size() > key.size() && k.starts_with(key)) {
                    addHit(key, p, n, MatchKind::Prefix, 0, k.size(), ctx, hits);
                    return true;
                }
                for (size_t at = k.find(key); at != std::string_view::npos; at = k.find(key, at + 1))
                    if (at > 0 && k[at - 1] == ' ' && k.size() - at > key.size()) {
                        addHit(key, p, n, MatchKind::WordPrefix, 0, k.size() - at, ctx, hits);
                        return true;
                    }
            }
            return false;
        };
        const size_t want = ctx.options.limit * 8 + 64;
        size_t found = 0, scanned = 0;
        for (PlaceIndex p : t.byImportance) {
            if (consider(p)) ++found;
            if (found >= want || ++scanned >= kMaxImportantScan) break;
        }
        if (!ctx.options.near) return;
        const int c = PlaceGrid::column(ctx.options.near->lon), r = PlaceGrid::row(ctx.options.near->lat);
        for (int row = std::max(0, r - 1); row <= std::min(PlaceGrid::kRows - 1, r + 1); ++row)
            for (int col = std::max(0, c - 1); col <= std::min(PlaceGrid::kColumns - 1, c + 1); ++col) {
                size_t taken = 0;
                for (const PlaceIndex* i = grid.cellBegin(col, row); i != grid.cellEnd(col, row); ++i)
                    if (consider(*i) && ++taken >= want) break;
            }
    }

    /// Appends every hit of one normalised key (several per place possible) to `hits`.
    void collectHits(const std::string& key, const SearchContext& ctx, std::vector<PlaceHit>& hits) const {
        std::vector<TermMatch> matches;
        const NameIndex& index = si().index;
        const auto range = index.prefixRange(key);
        const bool anyExact = range.first < range.second && index.term(range.first) == key;
        const size_t termsFound = range.second - range.first;
        if (index.entryCount(range) > kMaxScoredEntries) {
            if (anyExact) matches.push_back({range.first, 0, 0});
            importantPrefixHits(key, ctx, hits);
        } else {
            index.prefixMatches(key, kMaxScoredEntries, matches);
        }
        if (ctx.options.fuzzy && (!anyExact || termsFound < ctx.options.limit) && key.size() >= 4 &&
            key.size() <= kMaxFuzzyKeyBytes)
            index.fuzzyMatches(key, key.size() >= 8 ? 2 : 1, kMaxFuzzyTerms, matches);
        for (const TermMatch& m : matches) {
            const size_t termSize = index.term(m.term).size();
            for (const NameIndexEntry* e = index.entriesBegin(m.term); e != index.entriesEnd(m.term); ++e) {
                MatchKind kind;
                switch (m.kind) {
                    case 0:
                        kind = e->word ? MatchKind::WordExact : MatchKind::Exact;
                        break;
                    case 1:
                        kind = e->word ? MatchKind::WordPrefix : MatchKind::Prefix;
                        break;
                    case 2:
                        kind = MatchKind::Fuzzy;
                        break;
                    default:
                        kind = MatchKind::FuzzyPrefix;
                        break;
                }
                const size_t before = hits.size();
                addHit(key, e->place, e->name, kind, m.distance, termSize, ctx, hits);
                if (e->word && m.kind >= 2 && hits.size() > before)
                    hits.back().score -= 12.0;  // typo in a later word
            }
        }
    }

    /// True when the hint names one of the place's admin areas: a whole-word part of the area's key
    /// ("urosevac" in "ferizaj urosevac") or the area's key a prefix of the hint ("mitrovica district").
    bool adminMatches(const Place& p, std::string_view hintKey) const {
        for (std::string_view admin : {p.admin1Name, p.admin2Name}) {
            if (admin.empty()) continue;
            const auto it = si().adminKeys.find(admin);
            if (it == si().adminKeys.end() || it->second.empty()) continue;
            const std::string& key = it->second;
            if (hintKey.starts_with(key)) return true;
            for (size_t at = key.find(hintKey); at != std::string::npos; at = key.find(hintKey, at + 1)) {
                const size_t end = at + hintKey.size();
                if ((at == 0 || key[at - 1] == ' ') && (end == key.size() || key[end] == ' ')) return true;
            }
        }
        return false;
    }
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Gazetteer::~Gazetteer() = default;

Result<std::shared_ptr<const Gazetteer>> Gazetteer::load(const std::string& path) {
    Result<MappedGazetteer> mapped = mapGazetteerFile(path);
    if (!mapped) return mapped.error();
    if (mapped.value().tables.places.empty())
        return makeError(ErrorCode::EmptyLayer, path, "the gazetteer file holds no places");
    auto impl = std::make_unique<Impl>();
    impl->source = path;
    impl->mapped = std::move(mapped).value();
    impl->attach(impl->mapped->tables);
    return std::shared_ptr<const Gazetteer>(new Gazetteer(std::move(impl)));
}

std::string Gazetteer::defaultPath() {
    const std::string dir = findDataDir();
    return dir.empty() ? std::string() : (std::filesystem::path(dir) / "places" / "places.fpgaz").string();
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::fromRecords(std::vector<PlaceRecord> records,
                                                                const std::string& sourceName) {
    Result<GazetteerData> data = dataFromRecords(records, sourceName);
    if (!data) return data.error();
    auto impl = std::make_unique<Impl>();
    impl->source = sourceName;
    impl->owned = std::move(data).value();
    impl->attach(impl->owned->tables());
    return std::shared_ptr<const Gazetteer>(new Gazetteer(std::move(impl)));
}

size_t Gazetteer::size() const {
    return m_impl->t.places.size();
}

Place Gazetteer::place(PlaceIndex index) const {
    if (index >= m_impl->t.places.size())
        throw std::out_of_range("gazetteer place index " + std::to_string(index) + " out of range");
    return m_impl->t.place(index);
}

PlaceName PlaceNameList::operator[](size_t i) const {
    return m_tables->name(m_first + static_cast<uint32_t>(i));
}

PlaceNameList Gazetteer::names(PlaceIndex index) const {
    if (index >= m_impl->t.places.size())
        throw std::out_of_range("gazetteer place index " + std::to_string(index) + " out of range");
    const auto [first, end] = m_impl->t.nameRange(m_impl->t.places[index]);
    PlaceNameList list;
    list.m_tables = &m_impl->t;
    list.m_first = first;
    list.m_count = end - first;
    return list;
}

std::optional<PlaceIndex> Gazetteer::findById(uint32_t id) const {
    if (!m_impl->search()) return std::nullopt;
    const auto& ids = m_impl->t.ids;
    const auto it =
        std::lower_bound(ids.begin(), ids.end(), id, [](const IdRow& r, uint32_t v) { return r.id < v; });
    if (it == ids.end() || it->id != id) return std::nullopt;
    return it->place;
}

std::span<const LonLat> Gazetteer::populatedPositions(std::string_view country) const {
    std::call_once(m_impl->countriesOnce, [&] {
        for (PlaceIndex i = 0; i < m_impl->t.places.size(); ++i) {
            const Place p = m_impl->t.place(i);
            if (p.featureClass == 'P')
                m_impl->populatedByCountry[std::string(p.country())].push_back(p.position);
        }
    });
    const auto it = m_impl->populatedByCountry.find(std::string(country));
    if (it == m_impl->populatedByCountry.end()) return {};
    return it->second;
}

Status Gazetteer::verify() const {
    m_impl->search();
    return m_impl->verified;
}

Result<std::vector<PlaceHit>> Gazetteer::search(std::string_view query,
                                                const PlaceSearchOptions& options) const {
    if (query.size() > kMaxQueryBytes)
        return makeError(ErrorCode::InvalidArgument, "query",
                         "is " + std::to_string(query.size()) + " bytes long; at most " +
                             std::to_string(kMaxQueryBytes) + " are searched");
    if (options.limit == 0 || options.limit > kMaxLimit)
        return makeError(ErrorCode::InvalidArgument, "limit", "must be between 1 and 1000");
    std::string country;
    for (char c : options.country)
        country.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (!country.empty() && (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
                             !std::isupper(static_cast<unsigned char>(country[1]))))
        return makeError(ErrorCode::InvalidArgument, "country",
                         "'" + options.country + "' is not a two-letter ISO 3166-1 code");
    // "Kosovska Mitrovica/Mitrovicë": alternatives written with a slash are searched one by one.
    std::vector<std::string> keys;
    size_t start = 0;
    while (start <= query.size() && keys.size() < 4) {
        const size_t slash = query.find('/', start);
        const size_t end = slash == std::string_view::npos ? query.size() : slash;
        if (std::string k = normalizePlaceName(query.substr(start, end - start)); !k.empty())
            keys.push_back(k);
        start = end + 1;
    }
    if (keys.empty())
        return makeError(ErrorCode::InvalidArgument, "query",
                         query.empty() ? "is empty" : "has no letters or digits to search for");
    if (!m_impl->search()) return m_impl->verified.error();
    const SearchContext ctx{
        options, country, options.adminHint.empty() ? std::string() : normalizePlaceName(options.adminHint)};
    std::vector<PlaceHit> hits;
    for (const std::string& key : keys) m_impl->collectHits(key, ctx, hits);

    // Best hit per place, best places first; only the head needs sorting unless many hits share places.
    auto better = [](const PlaceHit& a, const PlaceHit& b) {
        return a.score != b.score ? a.score > b.score : a.place < b.place;
    };
    std::vector<PlaceHit> out;
    size_t head = std::min(hits.size(), options.limit * 8 + 64);
    while (true) {
        std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(head), hits.end(), better);
        out.clear();
        for (size_t i = 0; i < head && out.size() < options.limit; ++i)
            if (std::none_of(out.begin(), out.end(),
                             [&](const PlaceHit& h) { return h.place == hits[i].place; }))
                out.push_back(hits[i]);
        if (out.size() >= options.limit || head == hits.size()) break;
        head = hits.size();
    }
    return out;
}

std::vector<PlaceDistance> Gazetteer::nearest(LonLat point, const NearestOptions& options) const {
    std::vector<PlaceDistance> out;
    if (!isValidLonLat(point) || options.limit == 0 || !(options.maxDistanceKm > 0)) return out;
    const double radiusKm = std::min(options.maxDistanceKm, 20000.0);
    const double dLat = radiusKm / 111.0;
    const double cosLat = std::max(0.01, std::cos(point.lat * 3.14159265358979323846 / 180.0));
    const double dLon = std::min(180.0, radiusKm / (111.0 * cosLat));
    const int r0 = PlaceGrid::row(point.lat - dLat), r1 = PlaceGrid::row(point.lat + dLat);
    const int span = std::min(PlaceGrid::kColumns - 1, static_cast<int>(std::ceil(dLon)) + 1);
    const int c = PlaceGrid::column(point.lon);
    for (int r = r0; r <= r1; ++r) {
        for (int dc = -span; dc <= span; ++dc) {
            const int col = ((c + dc) % PlaceGrid::kColumns + PlaceGrid::kColumns) % PlaceGrid::kColumns;
            if (dc > 0 && dc + span >= PlaceGrid::kColumns) continue;  // wrapped onto a column already seen
            for (const uint32_t* i = m_impl->grid.cellBegin(col, r); i != m_impl->grid.cellEnd(col, r); ++i) {
                const Place p = m_impl->t.place(*i);
                if (options.populatedOnly && p.featureClass != 'P') continue;
                if (p.population < options.minPopulation) continue;
                if (approxKm(point, p.position) > radiusKm * 1.05 + 1.0) continue;
                const double km = geodesicDistance(point, p.position) / 1000.0;
                if (km <= radiusKm) out.push_back({*i, km});
            }
        }
    }
    const size_t keep = std::min(out.size(), options.limit);
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                      [](const PlaceDistance& a, const PlaceDistance& b) {
                          return a.distanceKm != b.distanceKm ? a.distanceKm < b.distanceKm
                                                              : a.place < b.place;
                      });
    out.resize(keep);
    return out;
}

std::vector<PlaceIndex> Gazetteer::inBox(const GeoBBox& box, size_t limit, bool populatedOnly) const {
    std::vector<PlaceIndex> out;
    if (box.empty() || limit == 0) return out;
    const Impl& im = *m_impl;
    auto wanted = [&](PlaceIndex i) {
        const PlaceRow& row = im.t.places[i];
        return (!populatedOnly || row.featureClass == 'P') && box.contains(row.lonE6 / 1e6, row.latE6 / 1e6);
    };
    const int c0 = PlaceGrid::column(box.minX), c1 = PlaceGrid::column(box.maxX);
    const int r0 = PlaceGrid::row(box.minY), r1 = PlaceGrid::row(box.maxY);
    const long cells = static_cast<long>(c1 - c0 + 1) * (r1 - r0 + 1);
    if (cells > 2000) {
        // A large box: walking the global importance order finds the top places soonest.
        for (PlaceIndex i : im.t.byImportance) {
            if (wanted(i)) out.push_back(i);
            if (out.size() >= limit) break;
        }
        return out;
    }
    for (int r = r0; r <= r1; ++r)
        for (int col = c0; col <= c1; ++col) {
            size_t taken = 0;
            for (const uint32_t* i = im.grid.cellBegin(col, r); i != im.grid.cellEnd(col, r) && taken < limit;
                 ++i)
                if (wanted(*i)) {
                    out.push_back(*i);
                    ++taken;
                }
        }
    const size_t keep = std::min(out.size(), limit);
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                      [&](PlaceIndex a, PlaceIndex b) { return im.t.rank[a] < im.t.rank[b]; });
    out.resize(keep);
    return out;
}

std::string Gazetteer::adminLabel(PlaceIndex index) const {
    const Place p = place(index);
    std::string out(p.admin2Name);
    if (!p.admin1Name.empty() && p.admin1Name != p.admin2Name) {
        if (!out.empty()) out += ", ";
        out += p.admin1Name;
    }
    return out;
}

}  // namespace fp
