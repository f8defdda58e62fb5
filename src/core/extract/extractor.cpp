#include "core/extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/extract/event_finder.h"
#include "core/extract/place_finder.h"
#include "core/proj/geodesic.h"

namespace fp {

namespace {

/// Nouns by which a sentence refers back to the event told just before ("after the incident").
bool refersBack(const TextUnits& units, const Sentence& s) {
    for (size_t t = s.firstToken; t + 1 < s.endToken; ++t) {
        if (units.tokens[t].lower != "the") continue;
        const std::string& w = units.tokens[t + 1].lower;
        if (w == "incident" || w == "attack" || w == "shooting" || w == "explosion" || w == "clash" ||
            w == "clashes" || w == "assault" || w == "ambush" || w == "blast")
            return true;
    }
    return false;
}

/// The first paragraphs' leading capitals followed by a comma or dash ("BELGRADE, Serbia —").
void markDateline(const TextUnits& units, std::vector<PlaceMention>& places) {
    for (const Sentence& s : units.sentences) {
        if (s.paragraph > 3) break;
        if (&s != &units.sentences.front() && s.firstToken > 0 &&
            units.sentences[&s - &units.sentences.front() - 1].paragraph == s.paragraph)
            continue;
        const Token& first = units.tokens[s.firstToken];
        if (!first.allCaps) continue;
        size_t dash = s.firstToken;
        while (dash < s.endToken && dash - s.firstToken < 8) {
            const std::string& w = units.tokens[dash].lower;
            if (w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == "-" || w == "(") break;
            ++dash;
        }
        if (dash >= s.endToken || dash - s.firstToken >= 8) continue;
        bool any = false;
        for (PlaceMention& m : places)
            if (m.firstToken >= s.firstToken && m.endToken <= dash) m.dateline = any = true;
        if (any) return;
    }
}

struct PlaceChoice {
    const PlaceMention* mention = nullptr;
    double score = -1e9;
};

/// The place of the sentence that an event at tokens [first, end) most likely happened at.
PlaceChoice choosePlace(const EventMention& e, const std::vector<const PlaceMention*>& places) {
    PlaceChoice best;
    for (const PlaceMention* m : places) {
        const double before = m->endToken <= e.firstToken ? static_cast<double>(e.firstToken - m->endToken) : 0;
        const double after = m->firstToken >= e.endToken ? static_cast<double>(m->firstToken - e.endToken) : 0;
        double score = -(before * 1.2 + after);
        if (m->locative) score += 5;
        if (m->actor) score -= 4;
        switch (m->kind) {
            case PlaceMentionKind::Named:
                score += 3;
                break;
            case PlaceMentionKind::Part:
                score += 1.5;
                break;
            case PlaceMentionKind::Country:
                break;
            case PlaceMentionKind::Anaphor:
                score -= 3;
                break;
        }
        if (score > best.score) best = {m, score};
    }
    return best;
}

/// The chosen place and the names listed with it ("in Zvecan, Leposavic and Zubin Potok"): an event
/// told of several places at once happened at each.
std::vector<const PlaceMention*> listedWith(const PlaceMention* chosen, const std::vector<const PlaceMention*>& places,
                                            const std::vector<Token>& tokens) {
    std::vector<const PlaceMention*> out{chosen};
    if (chosen->kind != PlaceMentionKind::Named) return out;
    auto joined = [&](size_t from, size_t to) {
        if (from >= to) return false;
        for (size_t t = from; t < to; ++t)
            if (tokens[t].lower != "and" && tokens[t].lower != "," && tokens[t].lower != "or") return false;
        return true;
    };
    const auto at = std::find(places.begin(), places.end(), chosen);
    for (auto it = at; it + 1 != places.end() && (*(it + 1))->kind == PlaceMentionKind::Named &&
                       joined((*it)->endToken, (*(it + 1))->firstToken);
         ++it)
        out.push_back(*(it + 1));
    for (auto it = at; it != places.begin() && (*(it - 1))->kind == PlaceMentionKind::Named &&
                       joined((*(it - 1))->endToken, (*it)->firstToken);
         --it)
        out.push_back(*(it - 1));
    return out;
}

const DateMention* chooseDate(const EventMention& e, const std::vector<DateMention>& dates,
                              const std::vector<Token>& tokens) {
    const DateMention* best = nullptr;
    size_t bestDist = SIZE_MAX;
    for (const DateMention& d : dates) {
        const size_t at = d.span.begin, trig = tokens[e.firstToken].span.begin;
        const size_t dist = at > trig ? at - trig : (trig - at) + 20;  // dates after the verb bind more often
        if (dist < bestDist) best = &d, bestDist = dist;
    }
    return best;
}

bool isProtestLike(std::string_view category) {
    return category == "Protests" || category == "Roadblock / Protest";
}

bool overlaps(const IncidentProposal& a, const IncidentProposal& b) {
    return a.first <= b.last && b.first <= a.last;
}

bool samePlace(const IncidentProposal& a, const IncidentProposal& b) {
    return a.place == b.place && a.locationPrecision == b.locationPrecision;
}

std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string makeTitle(const EventMention& e, bool planned, const IncidentProposal& p) {
    std::string label = planned ? "Planned " + lowerFirst(std::string(e.label)) : std::string(e.label);
    const bool visit = e.category == "Diplomacy" && e.label == "Diplomatic visit";
    const char* prep = p.locationPrecision == LocationPrecision::Near ? " near " : visit ? " to " : " in ";
    return label + prep + p.place;
}

void setPlace(IncidentProposal& p, const PlaceMention& m) {
    p.place = m.name;
    p.location = m.position;
    p.locationPrecision = m.precision;
    p.adminAreas = m.adminAreas;
}

/// What the extractor remembers of the paragraph it reads.
struct Memory {
    size_t paragraph = SIZE_MAX;
    std::optional<size_t> lastIncident;  ///< index into the output of the last incident of the paragraph
};

class Extractor {
public:
    Extractor(const ArticleText& article, const ExtractOptions& options)
        : m_article(article), m_options(options), m_units(splitText(article.text)), m_finder(options.gazetteer) {}

    Extraction run() {
        std::vector<UnplacedName> unplaced;
        m_places = m_finder.find(m_units, m_article.text, &unplaced);
        markDateline(m_units, m_places);
        for (const PlaceMention& m : m_places)
            if (m.dateline && m.kind == PlaceMentionKind::Named && !m_dateline) m_dateline = &m;
        for (const UnplacedName& u : unplaced) unresolved(u.span, u.reason);
        size_t placeAt = 0;
        for (const Sentence& s : m_units.sentences) {
            std::vector<const PlaceMention*> here;
            while (placeAt < m_places.size() && m_places[placeAt].firstToken < s.firstToken) ++placeAt;
            for (size_t k = placeAt; k < m_places.size() && m_places[k].firstToken < s.endToken; ++k)
                if (!m_places[k].dateline) here.push_back(&m_places[k]);
            sentence(s, here);
        }
        return std::move(m_out);
    }

private:
    void unresolved(TextSpan span, std::string reason) {
        m_out.unresolved.push_back({m_article.text.substr(span.begin, span.size()), std::move(reason), span});
    }

    void sentence(const Sentence& s, const std::vector<const PlaceMention*>& places);
    void event(const Sentence& s, const EventMention& e, const std::vector<const PlaceMention*>& places,
               const std::vector<DateMention>& dates, bool future, bool back);
    void add(IncidentProposal p, bool dateFromText);

    const ArticleText& m_article;
    const ExtractOptions& m_options;
    TextUnits m_units;
    PlaceFinder m_finder;
    std::vector<PlaceMention> m_places;
    const PlaceMention* m_dateline = nullptr;
    Memory m_memory;
    Extraction m_out;
};

void Extractor::sentence(const Sentence& s, const std::vector<const PlaceMention*>& places) {
    if (s.paragraph != m_memory.paragraph) m_memory = {s.paragraph, std::nullopt};
    const std::vector<EventMention> events = findEvents(m_units, s.firstToken, s.endToken);
    if (events.empty()) return;
    const bool future = speaksOfFuture(m_units, s.firstToken, s.endToken);
    const std::vector<DateMention> dates =
        findDates(m_units, s.firstToken, s.endToken, {m_options.published, future});
    const bool back = refersBack(m_units, s);
    // "The man was arrested after the incident near Strpce": the place named here refines the last
    // incident when that one was only placed in a region.
    if (back && m_memory.lastIncident) {
        IncidentProposal& prev = m_out.incidents[*m_memory.lastIncident];
        for (const PlaceMention* m : places)
            if (m->kind == PlaceMentionKind::Named && prev.locationPrecision == LocationPrecision::Region) {
                setPlace(prev, *m);
                if (prev.locationPrecision == LocationPrecision::Exact)
                    prev.locationPrecision = LocationPrecision::Near;
                prev.title = prev.title.substr(0, prev.title.rfind(" in ")) + " near " + prev.place;
                prev.evidence.push_back({EvidenceKind::Place, m->nameSpan});
                prev.note = "place from the next sentence, which refers back to it";
                break;
            }
    }
    for (const EventMention& e : events) event(s, e, places, dates, future, back);
}

void Extractor::event(const Sentence& s, const EventMention& e, const std::vector<const PlaceMention*>& places,
                      const std::vector<DateMention>& dates, bool future, bool back) {
    const auto& tokens = m_units.tokens;
    const std::string words = m_article.text.substr(e.span.begin, e.span.size());
    // "the right to redeploy", "threatened to block": an infinitive outside a plan is no event.
    if (!future && e.firstToken > s.firstToken && tokens[e.firstToken - 1].lower == "to") {
        unresolved(e.span, "'" + words + "' is not reported as having happened");
        return;
    }
    IncidentProposal p;
    p.category = std::string(e.category);
    p.sentenceSpan = s.span;
    p.sentence = m_article.text.substr(s.span.begin, s.span.size());
    p.planned = future;
    p.evidence.push_back({EvidenceKind::Event, e.span});
    double confidence = e.weight;
    const PlaceChoice choice = choosePlace(e, places);
    const IncidentProposal* prev = m_memory.lastIncident ? &m_out.incidents[*m_memory.lastIncident] : nullptr;
    if (choice.mention && !(back && prev && choice.mention->kind == PlaceMentionKind::Anaphor)) {
        setPlace(p, *choice.mention);
        p.evidence.push_back({EvidenceKind::Place, choice.mention->nameSpan});
        confidence *= choice.mention->confidence;
    } else if (prev) {
        p.place = prev->place;
        p.location = prev->location;
        p.locationPrecision = prev->locationPrecision;
        p.adminAreas = prev->adminAreas;
        p.note = "place from an earlier sentence";
        confidence *= 0.75;
    } else if (m_dateline && e.category == "Political statement / Demand") {
        setPlace(p, *m_dateline);
        p.note = "place from the dateline";
        confidence *= 0.6;
    } else {
        unresolved(e.span, "no place is named for '" + words + "'");
        return;
    }
    const DateMention* date = chooseDate(e, dates, tokens);
    bool dateFromText = date != nullptr;
    if (date) {
        p.first = date->first;
        p.last = date->last;
        p.timePrecision = date->precision;
        p.evidence.push_back({EvidenceKind::Date, date->span});
        confidence *= date->confidence;
    } else if (prev) {
        p.first = prev->first;
        p.last = prev->last;
        p.timePrecision = prev->timePrecision;
        p.note += std::string(p.note.empty() ? "" : "; ") + "date from an earlier sentence";
        confidence *= 0.8;
        dateFromText = true;
    } else {
        p.first = p.last = m_options.published;
        p.note += std::string(p.note.empty() ? "" : "; ") + "no date given: the publication day";
        confidence *= 0.6;
    }
    if (p.last < m_options.published - m_options.backgroundDays) {
        unresolved(e.span, "'" + words + "' is background: dated " + formatDay(p.first) + ", long before publication");
        return;
    }
    p.confidence = std::round(std::clamp(confidence, 0.0, 1.0) * 100.0) / 100.0;
    const std::vector<const PlaceMention*> targets =
        choice.mention && !p.note.starts_with("place from") ? listedWith(choice.mention, places, tokens)
                                                            : std::vector<const PlaceMention*>{};
    for (size_t k = 1; k < targets.size(); ++k) {
        IncidentProposal q = p;
        setPlace(q, *targets[k]);
        q.evidence[1] = {EvidenceKind::Place, targets[k]->nameSpan};
        q.title = makeTitle(e, future, q);
        add(std::move(q), dateFromText);
    }
    p.title = makeTitle(e, future, p);
    add(std::move(p), dateFromText);
}

void Extractor::add(IncidentProposal p, bool dateFromText) {
    // One incident per event: a later mention of the same kind of event at the same place, at a time that
    // overlaps (or at no time of its own), is the same event told again.
    for (size_t k = 0; k < m_out.incidents.size(); ++k) {
        IncidentProposal& q = m_out.incidents[k];
        // A protest that blocks a road is one event, told with both words in one sentence.
        const bool protestPair = q.sentenceSpan == p.sentenceSpan && isProtestLike(q.category) &&
                                 isProtestLike(p.category);
        if ((q.category != p.category && !protestPair) || !samePlace(q, p) || q.planned != p.planned) continue;
        if (!overlaps(q, p) && dateFromText) continue;
        q.confidence = std::max(q.confidence, p.confidence);
        m_memory.lastIncident = k;
        return;
    }
    m_out.incidents.push_back(std::move(p));
    m_memory.lastIncident = m_out.incidents.size() - 1;
}

}  // namespace

Extraction extractIncidents(const ArticleText& article, const ExtractOptions& options) {
    if (!options.gazetteer) return {};
    return Extractor(article, options).run();
}

Incident toIncident(const IncidentProposal& p, const std::string& sourceName, DayNumber published) {
    Incident inc;
    inc.title = p.title;
    inc.description = p.sentence;
    inc.category = p.category;
    inc.start = TimePoint{p.first * 86400};
    if (p.last != p.first || p.timePrecision != TimePrecision::Day) inc.end = TimePoint{p.last * 86400};
    inc.timePrecision = p.timePrecision;
    inc.location = p.location;
    inc.locationPrecision = p.locationPrecision;
    inc.placeName = p.place;
    inc.adminAreas = p.adminAreas;
    IncidentSource src;
    src.text = sourceName;
    src.published = TimePoint{published * 86400};
    inc.sources.push_back(src);
    inc.tags = {"extracted"};
    if (p.planned) inc.tags.push_back("planned");
    return inc;
}

}  // namespace fp
