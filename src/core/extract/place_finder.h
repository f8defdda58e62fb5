#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/extract/text_units.h"
#include "core/model/incident.h"
#include "core/places/gazetteer.h"

namespace fp {

/// How a place mention was written, which says how an event at it may be placed.
enum class PlaceMentionKind : uint8_t {
    Named,  ///< a town, village, crossing or admin area of the gazetteer ("Zvečan", "the Jarinje crossing")
    Country,  ///< a whole country ("Kosovo")
    Part,  ///< part of a country ("northern Kosovo", "the north of the country", "the Serb-majority north")
    Anaphor,  ///< "the region", "the country": the article's main country
};

/// A place found in a text and where it was resolved to.
struct PlaceMention {
    TextSpan span;          ///< the whole expression ("near the town of Strpce", "northern Kosovo")
    TextSpan nameSpan;      ///< the name itself ("Strpce", "Kosovo"); == span for an anaphor
    size_t firstToken = 0;  ///< tokens [firstToken, endToken) of the whole expression
    size_t endToken = 0;
    PlaceMentionKind kind = PlaceMentionKind::Named;
    std::string name;     ///< display name: the gazetteer's main name ("Štrpce"), "northern Kosovo"
    std::string country;  ///< ISO 3166-1 alpha-2
    LonLat position;
    LocationPrecision precision = LocationPrecision::Exact;
    std::optional<PlaceIndex> place;      ///< the gazetteer place, for Named
    std::vector<std::string> adminAreas;  ///< largest first: country, district, municipality
    bool locative = false;                ///< introduced by in/at/near/outside... (where something happened)
    bool actor = false;                   ///< "from X", "X's": the place stands for people or a government
    bool dateline = false;                ///< the dateline of the article ("BELGRADE, Serbia —")
    double confidence = 1.0;              ///< 1 unambiguous; lower when context had to choose among namesakes
};

/// A name-like phrase that could not be placed, and why.
struct UnplacedName {
    TextSpan span;
    std::string reason;
};

/// Finds and resolves the places of a whole text through a gazetteer: names in any spelling or script the
/// gazetteer knows, countries by their English names, parts of countries, and cue words that set the
/// precision ("near X" is 2; a country or a part of one is 3). Ambiguous names are resolved together, from
/// the context of the whole article: the countries it names, its dateline and the places near the other
/// names it uses. One finder per text (it caches look-ups).
class PlaceFinder {
public:
    explicit PlaceFinder(std::shared_ptr<const Gazetteer> gazetteer);

    /// Every place mention of `units` (over `text`), in text order, and the capitalised names that look like
    /// places of the article's countries but were not placed (with the reason).
    std::vector<PlaceMention> find(const TextUnits& units, std::string_view text,
                                   std::vector<UnplacedName>* unplaced = nullptr);

    /// The country most of the text is about (after find()); empty when none.
    const std::string& mainCountry() const { return m_mainCountry; }

    /// A mention of part of a country ("north", "central"...) or the whole country (direction empty):
    /// the mean position of the country's populated places in that part; nullopt if the gazetteer has none.
    std::optional<LonLat> countryPart(const std::string& country, std::string_view direction);

private:
    struct Candidate {
        PlaceIndex place;
        double prior;
        bool mainName;  ///< matched the place's main or ASCII name, not an alternate one
    };
    struct Pending;

    /// What a phrase names: a country (ISO code) or gazetteer places. Cached per phrase.
    struct Lookup {
        std::string country;
        std::vector<Candidate> candidates;
    };
    const Lookup& lookup(std::string_view phrase, bool shortCaps);
    void resolve(std::vector<Pending>& pending);
    /// resolve's steps. The article's countries (ISO code -> mentions), setting m_mainCountry.
    std::map<std::string, int> articleCountries(const std::vector<Pending>& pending);
    /// Drops candidates the article's countries rule out; returns the anchors (places of names that have
    /// one acceptable place), which place the other names.
    std::vector<std::pair<PlaceIndex, LonLat>> keepAcceptable(
        std::vector<Pending>& pending, const std::map<std::string, int>& countries) const;
    /// A country or a part of one ("northern Kosovo"); clears the name when it cannot be placed.
    void placeCountryPart(PlaceMention& m);
    /// The best candidate of a named mention, from its prior, the main country, what the words around it
    /// want and the anchors nearby; fills the mention.
    void chooseCandidate(Pending& p, const std::vector<std::pair<PlaceIndex, LonLat>>& anchors) const;
    /// The mention of the name at tokens [i, i + n) with the words around it.
    Pending readName(const std::vector<Token>& tokens, const Sentence& s, size_t i, size_t n,
                     const Lookup& names) const;
    /// Names in a run of capitalised words [t, runEnd), longest first.
    void readRun(const std::vector<Token>& tokens, std::string_view text, const Sentence& s, size_t t,
                 size_t runEnd, std::vector<Pending>& pending);

    std::shared_ptr<const Gazetteer> m_gazetteer;
    std::unordered_map<std::string, Lookup> m_cache;
    std::map<std::pair<std::string, std::string>, std::optional<LonLat>> m_parts;
    std::string m_mainCountry;
};

/// The areas a place lies in, largest first: its country's name, then its district and municipality.
std::vector<std::string> placeAdminAreas(const Place& place);

/// How precisely naming `place` places an incident: a town, village or crossing Exact; a municipality or
/// other area Near; a first-level area (district, okrug) or a country Region.
LocationPrecision placePrecision(const Place& place);

}  // namespace fp
