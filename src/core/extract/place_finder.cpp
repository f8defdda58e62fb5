#include "core/extract/place_finder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "core/geocode/country_codes.h"
#include "core/places/normalize.h"

namespace fp {

namespace {

/// "north" for "north", "northern", "North"; "central"; empty when the word names no direction.
std::string_view directionOf(std::string_view lower) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kWords{{
        {"north", "north"},
        {"northern", "north"},
        {"south", "south"},
        {"southern", "south"},
        {"east", "east"},
        {"eastern", "east"},
        {"west", "west"},
        {"western", "west"},
        {"central", "central"},
        {"northeast", "northeast"},
        {"northeastern", "northeast"},
        {"northwest", "northwest"},
        {"northwestern", "northwest"},
        {"southeast", "southeast"},
        {"southeastern", "southeast"},
        {"southwest", "southwest"},
        {"southwestern", "southwest"},
        {"middle", "central"},
    }};
    for (const auto& [word, dir] : kWords)
        if (lower == word) return dir;
    return {};
}

/// "northern" for "north": the adjective a part of a country is named with.
std::string directionAdjective(std::string_view dir) {
    return dir == "central" ? "central" : std::string(dir) + "ern";
}

/// Capitalised words that are not place names even when a village somewhere bears them.
bool isStopword(std::string_view lower) {
    static const std::unordered_set<std::string_view> kWords{
        "the",        "a",          "an",       "in",         "on",        "at",        "as",
        "after",      "before",     "but",      "and",        "or",        "if",        "when",
        "while",      "since",      "during",   "for",        "from",      "to",        "of",
        "by",         "with",       "this",     "that",       "these",     "those",     "it",
        "its",        "he",         "she",      "they",       "we",        "his",       "her",
        "their",      "our",        "some",     "many",       "most",      "both",      "other",
        "another",    "there",      "here",     "then",       "also",      "meanwhile", "however",
        "earlier",    "later",      "monday",   "tuesday",    "wednesday", "thursday",  "friday",
        "saturday",   "sunday",     "january",  "february",   "march",     "april",     "may",
        "june",       "july",       "august",   "september",  "october",   "november",  "december",
        "jan",        "feb",        "mar",      "apr",        "jun",       "jul",       "aug",
        "sep",        "sept",       "oct",      "nov",        "dec",       "president", "prime",
        "minister",   "mr",         "mrs",      "ms",         "dr",        "police",    "army",
        "government", "parliament", "ministry", "mayor",      "officials", "official",  "christmas",
        "orthodox",   "catholic",   "muslim",   "reuters",    "comment",   "share",     "read",
        "more",       "photo",      "updated",  "published",  "news",      "agency",    "office",
        "council",    "union",      "court",    "security",   "special",   "general",   "central",
        "national",   "state",      "republic", "democratic", "liberal",   "people",    "party",
        "new",        "old",        "one",      "two",        "first",     "last",      "local",
        "western"};
    return kWords.count(lower) > 0;
}

bool isLocativeCue(std::string_view w) {
    return w == "in" || w == "at" || w == "on" || w == "into" || w == "inside" || w == "across" ||
           w == "through" || w == "throughout" || w == "to" || w == "toward" || w == "towards";
}

bool isNearCue(std::string_view w) {
    return w == "near" || w == "outside" || w == "around" || w == "nearby" || w == "outskirts" ||
           w == "vicinity" || w == "close" || w == "km" || w == "kilometres" || w == "kilometers" ||
           w == "miles" || w == "area" || w == "surroundings";
}

/// Words between a preposition and a name that do not change where it is ("in the town of").
bool isPlaceNoun(std::string_view w) {
    return w == "the" || w == "town" || w == "village" || w == "city" || w == "hamlet" || w == "of" ||
           w == "settlement" || w == "municipality" || w == "northern" || w == "southern" || w == "eastern" ||
           w == "western" || w == "central" || w == "to" || w == "nearby" || w == "ethnically" ||
           w == "mixed" || w == "divided" || w == "serb" || w == "albanian" || w == "majority" || w == "-" ||
           w == "mostly" || w == "predominantly";
}

/// Distance for ranking (equirectangular: exact enough within a region, and cheap).
double distanceKm(LonLat a, LonLat b) {
    const double rad = 3.14159265358979323846 / 180.0;
    const double x = (a.lon - b.lon) * std::cos((a.lat + b.lat) * 0.5 * rad), y = a.lat - b.lat;
    return std::sqrt(x * x + y * y) * 111.195;
}

}  // namespace

/// A mention being read: its candidates wait for the whole text's context.
struct PlaceFinder::Pending {
    PlaceMention mention;
    std::vector<Candidate> candidates;
    bool wantCrossing = false;  ///< "the Jarinje crossing"
    bool wantArea = false;      ///< "the Zvečan municipality"
    bool partOfTown = false;    ///< "north Mitrovica": part of a town, so near it
    bool multiWord = false;     ///< a name of several words ("Zubin Potok"): rarely an English word
};

PlaceFinder::PlaceFinder(std::shared_ptr<const Gazetteer> gazetteer) : m_gazetteer(std::move(gazetteer)) {}

const PlaceFinder::Lookup& PlaceFinder::lookup(std::string_view phrase, bool shortCaps) {
    std::string key(phrase);
    if (shortCaps) key += '\n';  // "KOS" as a code is not "Kos" the island
    if (const auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    Lookup& out = m_cache[key];
    if (!shortCaps && phrase.size() >= 4) out.country = countryCodeFromText(phrase);
    if (!out.country.empty() || normalizePlaceName(phrase).size() < 3) return out;
    PlaceSearchOptions options;
    options.limit = 25;
    options.fuzzy = false;
    auto hits = m_gazetteer->search(phrase, options);
    if (!hits) return out;
    for (const PlaceHit& h : hits.value()) {
        if (h.match != MatchKind::Exact) continue;
        const Place& p = m_gazetteer->place(h.place);
        const double cls = p.featureClass == 'P' ? 3.0 : p.featureClass == 'S' ? 2.0 : 0.0;
        const bool mainName = h.matchedName == p.name || h.matchedName == p.asciiName;
        out.candidates.push_back({h.place, 10.0 * placeImportance(p) + cls, mainName});
    }
    return out;
}

std::optional<LonLat> PlaceFinder::countryPart(const std::string& country, std::string_view direction) {
    const auto key = std::make_pair(country, std::string(direction));
    if (const auto it = m_parts.find(key); it != m_parts.end()) return it->second;
    std::optional<LonLat>& result = m_parts[key];
    const std::span<const LonLat> populated = m_gazetteer->populatedPositions(country);
    std::vector<LonLat> pts(populated.begin(), populated.end());
    if (pts.empty()) return result;
    auto centroid = [](const std::vector<LonLat>& v) {
        LonLat c{0, 0};
        for (const LonLat& p : v) c.lon += p.lon, c.lat += p.lat;
        return LonLat{c.lon / static_cast<double>(v.size()), c.lat / static_cast<double>(v.size())};
    };
    const LonLat all = centroid(pts);
    if (!direction.empty()) {
        // The quarter of the country's places furthest in that direction (or nearest its middle).
        const double dy = direction.find("north") != std::string_view::npos   ? 1
                          : direction.find("south") != std::string_view::npos ? -1
                                                                              : 0;
        const double dx = direction.find("east") != std::string_view::npos   ? 1
                          : direction.find("west") != std::string_view::npos ? -1
                                                                             : 0;
        const double cosLat = std::cos(all.lat * 3.14159265358979323846 / 180.0);
        auto score = [&](const LonLat& p) {
            if (dx == 0 && dy == 0) return -std::hypot((p.lon - all.lon) * cosLat, p.lat - all.lat);
            return dy * (p.lat - all.lat) + dx * (p.lon - all.lon) * cosLat;
        };
        std::sort(pts.begin(), pts.end(),
                  [&](const LonLat& a, const LonLat& b) { return score(a) > score(b); });
        pts.resize(std::max<size_t>(1, pts.size() / 4));
    }
    result = centroid(pts);
    return result;
}

namespace {

/// Reads the words around a name: how it is introduced and what follows it.
struct Surroundings {
    size_t first = 0;  ///< first token of the whole expression
    size_t end = 0;    ///< token after it
    bool locative = false;
    bool near = false;
    bool actor = false;
    bool crossing = false;
    bool area = false;
};

Surroundings readSurroundings(const std::vector<Token>& tokens, const Sentence& s, size_t nameFirst,
                              size_t nameEnd) {
    Surroundings r;
    r.first = nameFirst;
    r.end = nameEnd;
    size_t b = nameFirst;
    while (b > s.firstToken && isPlaceNoun(tokens[b - 1].lower) && nameFirst - b < 5) --b;
    if (b > s.firstToken) {
        const std::string& w = tokens[b - 1].lower;
        if (isNearCue(w))
            r.near = true, r.locative = true, --b;
        else if (isLocativeCue(w))
            r.locative = true, --b;
        else if (w == "from")
            r.actor = true;
        // "close to X", "10 km north of X", "on the outskirts of X"
        if (r.near && b > s.firstToken && (tokens[b - 1].lower == "the" || tokens[b - 1].lower == "on")) --b;
    }
    if (nameFirst >= s.firstToken + 2 && tokens[nameFirst - 1].lower == "," &&
        (tokens[nameFirst - 2].lower == "crossing" || tokens[nameFirst - 2].lower == "checkpoint"))
        r.crossing = true;
    if (b < nameFirst && (tokens[b].lower == "the" || isPlaceNoun(tokens[b].lower))) r.first = b;
    if (r.locative || r.near) r.first = b;
    size_t e = nameEnd;
    if (e < s.endToken && (tokens[e].lower == "border" || tokens[e].lower == "administrative")) ++e;
    if (e < s.endToken) {
        const std::string& w = tokens[e].lower;
        if (w == "crossing" || w == "checkpoint" || w == "crossings" || w == "gate")
            r.crossing = true, r.end = e + 1;
        else if (w == "municipality" || w == "district" || w == "region" || w == "province")
            r.area = true, r.end = e + 1;
        else if (w == "area" || w == "areas" || w == "surroundings" || w == "outskirts")
            r.near = true, r.end = e + 1;
        else if ((w == "'" || w == "\xE2\x80\x99") && e + 1 < s.endToken && tokens[e + 1].lower == "s")
            r.actor = true;
    }
    return r;
}

/// "the north of the country", "the Serb-majority north", "the region" starting at token t ("the").
bool readRegionPhrase(const std::vector<Token>& tokens, const Sentence& s, size_t t, PlaceMention& m) {
    size_t k = t + 1;
    while (k < s.endToken && k - t < 5 && directionOf(tokens[k].lower).empty() &&
           (tokens[k].word || tokens[k].lower == "-") && tokens[k].lower != "region" &&
           tokens[k].lower != "country" && tokens[k].lower != "territory")
        ++k;
    if (k >= s.endToken || tokens[k].capital) return false;
    const std::string& w = tokens[k].lower;
    const std::string_view dir = directionOf(w);
    const bool noun = !dir.empty() && !w.ends_with("ern") && w != "central";
    const bool anaphor = k == t + 1 && (w == "region" || w == "country" || w == "territory");
    const bool ofCountry = k + 3 < s.endToken && tokens[k + 1].lower == "of" &&
                           tokens[k + 2].lower == "the" && tokens[k + 3].lower == "country";
    const bool ofName = k + 2 < s.endToken && tokens[k + 1].lower == "of" && tokens[k + 2].capital;
    const bool followed = k + 1 < s.endToken && (tokens[k + 1].lower == "-" || tokens[k + 1].word) &&
                          tokens[k + 1].lower != "of" && !isLocativeCue(tokens[k + 1].lower) &&
                          tokens[k + 1].lower != "and" && tokens[k + 1].lower != "where";
    if (!anaphor && !(noun && !ofName && !followed)) return false;
    m.kind = anaphor ? PlaceMentionKind::Anaphor : PlaceMentionKind::Part;
    m.firstToken = t;
    m.endToken = ofCountry ? k + 4 : k + 1;
    m.span = m.nameSpan = {tokens[t].span.begin, tokens[m.endToken - 1].span.end};
    m.name = std::string(dir);
    m.locative = true;
    m.precision = LocationPrecision::Region;
    return true;
}

}  // namespace

PlaceFinder::Pending PlaceFinder::readName(const std::vector<Token>& tokens, const Sentence& s, size_t i,
                                           size_t n, const Lookup& names) const {
    Pending p;
    PlaceMention& m = p.mention;
    const Surroundings sur = readSurroundings(tokens, s, i, i + n);
    m.nameSpan = {tokens[i].span.begin, tokens[i + n - 1].span.end};
    m.firstToken = sur.first;
    m.endToken = sur.end;
    m.locative = sur.locative;
    m.actor = sur.actor;
    m.precision = sur.near ? LocationPrecision::Near : LocationPrecision::Exact;
    p.wantCrossing = sur.crossing;
    p.wantArea = sur.area;
    // A direction word before the name: "northern Kosovo", "North Mitrovica", "the north of Mitrovica".
    size_t d = i;
    while (d > s.firstToken &&
           (tokens[d - 1].lower == "-" || tokens[d - 1].lower == "serb" || tokens[d - 1].lower == "majority"))
        --d;
    std::string_view dir = d > s.firstToken ? directionOf(tokens[d - 1].lower) : std::string_view();
    if (!dir.empty()) m.firstToken = std::min(m.firstToken, d - 1);
    if (dir.empty() && i >= s.firstToken + 3 && tokens[i - 1].lower == "of" && tokens[i - 3].lower == "the" &&
        !directionOf(tokens[i - 2].lower).empty()) {
        dir = directionOf(tokens[i - 2].lower);
        m.firstToken = i - 3;
    }
    if (!names.country.empty()) {
        m.kind = dir.empty() ? PlaceMentionKind::Country : PlaceMentionKind::Part;
        m.country = names.country;
        m.name = std::string(dir);
        m.precision = LocationPrecision::Region;
        // "Kosovo's north"
        if (dir.empty() && sur.actor && i + n + 2 < s.endToken &&
            !directionOf(tokens[i + n + 2].lower).empty()) {
            m.kind = PlaceMentionKind::Part;
            m.name = std::string(directionOf(tokens[i + n + 2].lower));
            m.endToken = i + n + 3;
            m.actor = false;
        }
    } else {
        p.candidates = names.candidates;
        p.partOfTown = !dir.empty();
        p.multiWord = n > 1;
    }
    m.span = {tokens[m.firstToken].span.begin, tokens[m.endToken - 1].span.end};
    return p;
}

void PlaceFinder::readRun(const std::vector<Token>& tokens, std::string_view text, const Sentence& s,
                          size_t t, size_t runEnd, std::vector<Pending>& pending) {
    size_t i = t;
    while (i < runEnd && isStopword(tokens[i].lower) && directionOf(tokens[i].lower).empty()) ++i;
    const bool guarded = i == t && t != s.firstToken;
    bool anyFound = false;
    while (i < runEnd) {
        bool found = false;
        for (size_t n = std::min<size_t>(4, runEnd - i); n >= 1 && !found; --n) {
            if (n == 1 && (isStopword(tokens[i].lower) || !directionOf(tokens[i].lower).empty())) continue;
            const std::string_view phrase =
                text.substr(tokens[i].span.begin, tokens[i + n - 1].span.end - tokens[i].span.begin);
            const Lookup& names = lookup(phrase, tokens[i].allCaps && phrase.size() <= 3);
            if (names.country.empty() && names.candidates.empty()) continue;
            pending.push_back(readName(tokens, s, i, n, names));
            i = std::max(i + n, pending.back().mention.endToken);
            found = anyFound = true;
        }
        if (found) continue;
        // "Aleksandar Vucic", "Kosovo Police": after an unknown first word, the rest is one name.
        if (guarded && !anyFound && i == t && !tokens[i].allCaps && directionOf(tokens[i].lower).empty())
            break;
        ++i;
    }
}

std::vector<PlaceMention> PlaceFinder::find(const TextUnits& units, std::string_view text,
                                            std::vector<UnplacedName>* unplaced) {
    const auto& tokens = units.tokens;
    std::vector<Pending> pending;
    for (const Sentence& s : units.sentences) {
        for (size_t t = s.firstToken; t < s.endToken; ++t) {
            if (tokens[t].lower == "the") {
                Pending p;
                if (readRegionPhrase(tokens, s, t, p.mention)) {
                    t = p.mention.endToken - 1;
                    pending.push_back(std::move(p));
                    continue;
                }
            }
            if (!tokens[t].capital) continue;
            size_t runEnd = t;
            while (runEnd < s.endToken && runEnd - t < 6 && tokens[runEnd].capital) ++runEnd;
            readRun(tokens, text, s, t, runEnd, pending);
            t = std::max(t, runEnd - 1);
            if (!pending.empty()) t = std::max(t, pending.back().mention.endToken - 1);
        }
    }
    for (size_t k = pending.size(); k-- > 1;) {
        const PlaceMention& a = pending[k - 1].mention;
        const PlaceMention& b = pending[k].mention;
        if (!pending[k].wantCrossing || a.endToken >= b.firstToken || b.firstToken - a.endToken > 1) continue;
        const std::string& between = tokens[a.endToken].lower;
        if (between == "and" || between == "," || between == "or") pending[k - 1].wantCrossing = true;
    }
    resolve(pending);
    std::unordered_set<std::string> reported;
    std::vector<PlaceMention> out;
    for (Pending& p : pending) {
        if (p.mention.kind == PlaceMentionKind::Named && !p.mention.place) {
            // Reported once per name; a lone word opening a sentence ("Are you...") is no name at all.
            const std::string name(text.substr(p.mention.nameSpan.begin, p.mention.nameSpan.size()));
            const bool opening =
                std::any_of(units.sentences.begin(), units.sentences.end(), [&](const Sentence& s) {
                    return tokens[s.firstToken].span.begin == p.mention.nameSpan.begin;
                });
            if (unplaced && !opening && reported.insert(name).second)
                unplaced->push_back(
                    {p.mention.nameSpan,
                     "'" + name + "' names places only outside the countries the article is about"});
            continue;
        }
        if (p.mention.name.empty() && p.mention.kind != PlaceMentionKind::Named) continue;
        out.push_back(std::move(p.mention));
    }
    return out;
}

std::map<std::string, int> PlaceFinder::articleCountries(const std::vector<Pending>& pending) {
    // Those it names, and those of names found in one country only (a name such as "Shtërpcë" tells the
    // country as well as a country name would).
    std::map<std::string, int> countryCount;
    std::string firstCountry;
    auto count = [&](const std::string& cc) {
        ++countryCount[cc];
        if (firstCountry.empty()) firstCountry = cc;
    };
    for (const Pending& p : pending) {
        if (!p.mention.country.empty()) {
            count(p.mention.country);
            continue;
        }
        if (p.candidates.empty() || (!p.multiWord && p.mention.nameSpan.size() < 6)) continue;
        // place() returns a copy: keep the country, not a view into the temporary.
        const std::string cc(m_gazetteer->place(p.candidates.front().place).country());
        const bool oneCountry =
            std::all_of(p.candidates.begin(), p.candidates.end(),
                        [&](const Candidate& c) { return m_gazetteer->place(c.place).country() == cc; });
        const bool byOwnName = std::any_of(p.candidates.begin(), p.candidates.end(),
                                           [](const Candidate& c) { return c.mainName; });
        if (oneCountry && byOwnName) count(cc);
    }
    m_mainCountry = firstCountry;
    for (const auto& [cc, n] : countryCount)
        if (n > countryCount[m_mainCountry]) m_mainCountry = cc;
    return countryCount;
}

std::vector<std::pair<PlaceIndex, LonLat>> PlaceFinder::keepAcceptable(
    std::vector<Pending>& pending, const std::map<std::string, int>& countries) const {
    // Elsewhere only well-known places by their own name: "Interior" is an alternate name of an Omani
    // province, "Police" a Polish town, but an article about Kosovo means neither.
    auto acceptable = [&](const Candidate& c, bool crossing) {
        const Place& p = m_gazetteer->place(c.place);
        if (countries.count(std::string(p.country()))) return true;
        if (crossing && p.featureClass == 'S') return true;
        return c.mainName && (p.featureCode == "PPLC" || p.population >= 100000);
    };
    std::vector<std::pair<PlaceIndex, LonLat>> anchors;
    for (Pending& p : pending) {
        std::vector<Candidate> ok;
        for (const Candidate& c : p.candidates)
            if (acceptable(c, p.wantCrossing)) ok.push_back(c);
        p.candidates = std::move(ok);
        // One place, or a town and its municipality: all candidates within a few kilometres.
        if (p.candidates.empty()) continue;
        const LonLat first = m_gazetteer->place(p.candidates[0].place).position;
        const bool oneSpot = std::all_of(p.candidates.begin(), p.candidates.end(), [&](const Candidate& c) {
            return distanceKm(first, m_gazetteer->place(c.place).position) < 15.0;
        });
        for (const Candidate& c : p.candidates) {
            if (!oneSpot) break;
            if (std::none_of(anchors.begin(), anchors.end(),
                             [&](const auto& a) { return a.first == c.place; }))
                anchors.push_back({c.place, m_gazetteer->place(c.place).position});
        }
    }
    return anchors;
}

void PlaceFinder::placeCountryPart(PlaceMention& m) {
    if (m.country.empty()) {
        m.name.clear();
        return;
    }
    const std::string countryName = countryDisplayName(m.country);
    const std::string dir = m.name;
    const auto pos = countryPart(m.country, dir);
    if (!pos) {
        m.name.clear();
        return;
    }
    m.position = *pos;
    m.name = dir.empty() ? countryName : directionAdjective(dir) + " " + countryName;
    m.adminAreas = {countryName};
    m.confidence = m.kind == PlaceMentionKind::Anaphor ? 0.6 : 0.9;
}

void PlaceFinder::chooseCandidate(Pending& p,
                                  const std::vector<std::pair<PlaceIndex, LonLat>>& anchors) const {
    PlaceMention& m = p.mention;
    double best = -1e9, second = -1e9;
    const Candidate* chosen = nullptr;
    for (const Candidate& c : p.candidates) {
        const Place& pl = m_gazetteer->place(c.place);
        double score = c.prior;
        if (pl.country() == m_mainCountry) score += 15.0;
        if (p.wantCrossing) score += pl.featureClass == 'S' ? 40.0 : 0.0;
        if (p.wantArea) score += pl.isArea() ? 40.0 : 0.0;
        double nearest = 1e9;
        for (const auto& [at, pos] : anchors)
            if (at != c.place) nearest = std::min(nearest, distanceKm(pos, pl.position));
        if (nearest < 1e9) score += 30.0 * std::exp(-nearest / 50.0);
        if (score > best)
            second = best, best = score, chosen = &c;
        else
            second = std::max(second, score);
    }
    if (!chosen) return;
    const Place& pl = m_gazetteer->place(chosen->place);
    m.place = chosen->place;
    m.name = std::string(pl.name);
    m.country = std::string(pl.country());
    m.position = pl.position;
    m.adminAreas = placeAdminAreas(pl);
    if (pl.isArea() || p.partOfTown) m.precision = std::max(placePrecision(pl), LocationPrecision::Near);
    m.confidence = p.candidates.size() == 1 ? 1.0 : 0.5 + 0.5 * std::min(1.0, (best - second) / 20.0);
}

void PlaceFinder::resolve(std::vector<Pending>& pending) {
    const std::map<std::string, int> countries = articleCountries(pending);
    const auto anchors = keepAcceptable(pending, countries);
    for (Pending& p : pending) {
        PlaceMention& m = p.mention;
        if (m.kind == PlaceMentionKind::Anaphor || (m.kind == PlaceMentionKind::Part && m.country.empty()))
            m.country = m_mainCountry;
        if (m.kind != PlaceMentionKind::Named)
            placeCountryPart(m);
        else
            chooseCandidate(p, anchors);
    }
}

std::vector<std::string> placeAdminAreas(const Place& place) {
    std::vector<std::string> areas{countryDisplayName(std::string(place.country()))};
    for (std::string_view a : {place.admin1Name, place.admin2Name})
        if (!a.empty() && std::find(areas.begin(), areas.end(), a) == areas.end()) areas.emplace_back(a);
    return areas;
}

LocationPrecision placePrecision(const Place& place) {
    if (!place.isArea()) return LocationPrecision::Exact;
    return place.featureCode == "ADM1" || place.featureCode.starts_with("PCL") ? LocationPrecision::Region
                                                                               : LocationPrecision::Near;
}

}  // namespace fp
