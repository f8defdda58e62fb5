#include "core/extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/extract/event_finder.h"
#include "core/extract/place_finder.h"
#include "core/extract/sentence_reading.h"

namespace fp {

namespace {

using namespace extract_detail;

std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string makeTitle(std::string_view label, std::string_view category, bool planned,
                      const IncidentProposal& p) {
    std::string text = planned ? "Planned " + lowerFirst(std::string(label)) : std::string(label);
    const bool visit = category == "Diplomacy" && label == "Diplomatic visit";
    const char* prep = p.locationPrecision == LocationPrecision::Near ? " near " : visit ? " to " : " in ";
    return text + prep + p.place;
}

void setPlace(IncidentProposal& p, const PlaceMention& m) {
    p.place = m.name;
    p.location = m.position;
    p.locationPrecision = m.precision;
    p.adminAreas = m.adminAreas;
}

/// What the extractor knows of a proposal besides what it shows.
struct ProposalInfo {
    size_t sentence = 0;         ///< where it was first told
    std::vector<size_t> toldIn;  ///< every sentence that told it
    bool defaultDate = false;    ///< no date in the text: the publication day
    std::string label;
    bool merged = false;  ///< folded into another proposal of the same event (dropped at the end)
};

/// True when region-level `r` contains point-level `x` (same country; near enough for part of one), so
/// that two mentions of one kind of event at one time are one event, told once vaguely and once precisely.
bool regionHolds(const IncidentProposal& r, const IncidentProposal& x) {
    if (r.locationPrecision != LocationPrecision::Region || x.locationPrecision == LocationPrecision::Region)
        return false;
    if (r.adminAreas.empty() || x.adminAreas.empty() || r.adminAreas[0] != x.adminAreas[0]) return false;
    if (r.place == r.adminAreas[0]) return true;  // the whole country
    const double rad = 3.14159265358979323846 / 180.0;
    const double dx = (r.location.lon - x.location.lon) * std::cos(r.location.lat * rad),
                 dy = r.location.lat - x.location.lat;
    return std::sqrt(dx * dx + dy * dy) * 111.195 < 60.0;
}

class Extractor {
public:
    /// The end of the dateline holding `m`: the dash after it.
    size_t datelineEnd(const PlaceMention& m) const {
        const auto& tokens = m_units.tokens;
        for (size_t t = m.endToken; t < tokens.size() && t < m.endToken + 8; ++t)
            if (isOneOf(tokens[t].lower, {"\xE2\x80\x94", "\xE2\x80\x93", "-"})) return tokens[t].span.end;
        return m.span.end;
    }

    Extractor(const ArticleText& article, const ExtractOptions& options)
        : m_article(article),
          m_options(options),
          m_units(splitText(article.text)),
          m_finder(options.gazetteer) {}

    Extraction run() {
        std::vector<UnplacedName> unplaced;
        m_places = m_finder.find(m_units, m_article.text, &unplaced);
        markDateline(m_units, m_places);
        for (const PlaceMention& m : m_places)
            if (m.dateline) {
                if (m.kind == PlaceMentionKind::Named && !m_dateline) m_dateline = &m;
                m_datelineEnd = std::max(m_datelineEnd, datelineEnd(m));
            }
        for (const UnplacedName& u : unplaced) unresolved(u.span, u.reason);
        std::vector<size_t> headlines;
        size_t placeAt = 0;
        for (size_t si = 0; si < m_units.sentences.size(); ++si) {
            const Sentence& s = m_units.sentences[si];
            std::vector<const PlaceMention*> here;
            while (placeAt < m_places.size() && m_places[placeAt].firstToken < s.firstToken) ++placeAt;
            for (size_t k = placeAt; k < m_places.size() && m_places[k].firstToken < s.endToken; ++k)
                if (!m_places[k].dateline) here.push_back(&m_places[k]);
            if (isHeadline(si)) {
                headlines.push_back(si);
                continue;
            }
            sentence(si, here);
            for (const PlaceMention* m : here)
                if (m->kind == PlaceMentionKind::Named || m->kind == PlaceMentionKind::Part)
                    m_focus = {m, si};
        }
        // A headline tells again what the body tells; its events count only when the body has none.
        if (m_out.incidents.empty())
            for (size_t si : headlines) {
                std::vector<const PlaceMention*> here;
                for (const PlaceMention& m : m_places)
                    if (!m.dateline && m.firstToken >= m_units.sentences[si].firstToken &&
                        m.firstToken < m_units.sentences[si].endToken)
                        here.push_back(&m);
                sentence(si, here);
            }
        Extraction out;
        out.unresolved = std::move(m_out.unresolved);
        for (size_t k = 0; k < m_out.incidents.size(); ++k)
            if (!m_info[k].merged) out.incidents.push_back(std::move(m_out.incidents[k]));
        return out;
    }

private:
    /// A line of its own at the top without closing punctuation: a headline or title.
    bool isHeadline(size_t si) const {
        const Sentence& s = m_units.sentences[si];
        if (s.paragraph > 2) return false;
        if (si + 1 < m_units.sentences.size() && m_units.sentences[si + 1].paragraph == s.paragraph)
            return false;
        if (si > 0 && m_units.sentences[si - 1].paragraph == s.paragraph) return false;
        const std::string& last = m_units.tokens[s.endToken - 1].lower;
        return last != "." && last != "!" && last != "?" && last != "\"" && last != "\xE2\x80\x9D";
    }

    void unresolved(TextSpan span, std::string reason) {
        m_out.unresolved.push_back({m_article.text.substr(span.begin, span.size()), std::move(reason), span});
    }

    void sentence(size_t si, const std::vector<const PlaceMention*>& places);
    void event(size_t si, const EventMention& e, const std::vector<EventMention>& events,
               const std::vector<const PlaceMention*>& places, const std::vector<DateMention>& dates,
               bool future);
    bool placeEvent(size_t si, const EventMention& e, const std::vector<EventMention>& events,
                    const std::vector<const PlaceMention*>& places, const PlaceMention* chosen,
                    IncidentProposal& p, double& confidence) const;
    void dateEvent(const EventMention& e, const std::vector<DateMention>& dates, IncidentProposal& p,
                   ProposalInfo& info, double& confidence) const;
    void add(IncidentProposal p, ProposalInfo info);
    void consolidate(size_t si);
    bool hasCategory(std::string_view category) const {
        return std::any_of(m_out.incidents.begin(), m_out.incidents.end(),
                           [&](const IncidentProposal& p) { return p.category == category; });
    }

    const ArticleText& m_article;
    const ExtractOptions& m_options;
    TextUnits m_units;
    PlaceFinder m_finder;
    std::vector<PlaceMention> m_places;
    const PlaceMention* m_dateline = nullptr;
    size_t m_datelineEnd = 0;            ///< byte offset where the dateline ends (0: none)
    std::optional<size_t> m_last;        ///< the incident proposed or confirmed last
    std::optional<size_t> m_lastBefore;  ///< the last one not a statement, before the current sentence
    std::pair<const PlaceMention*, size_t> m_focus{nullptr, 0};  ///< last place named, and its sentence
    std::vector<ProposalInfo> m_info;
    Extraction m_out;
};

void Extractor::sentence(size_t si, const std::vector<const PlaceMention*>& places) {
    const Sentence& s = m_units.sentences[si];
    const auto& tokens = m_units.tokens;
    std::vector<EventMention> found = findEvents(m_units, s.firstToken, s.endToken);
    if (found.empty()) return;
    const bool future = speaksOfFuture(m_units, s.firstToken, s.endToken);
    // "The man was arrested after the incident near Strpce": the place named here refines the last
    // incident when that one was only placed in a region.
    if (refersBack(m_units, s) && m_last) {
        IncidentProposal& prev = m_out.incidents[*m_last];
        for (const PlaceMention* m : places)
            if (m->kind == PlaceMentionKind::Named && prev.locationPrecision == LocationPrecision::Region) {
                setPlace(prev, *m);
                if (prev.locationPrecision == LocationPrecision::Exact)
                    prev.locationPrecision = LocationPrecision::Near;
                prev.title = makeTitle(m_info[*m_last].label, prev.category, prev.planned, prev);
                prev.evidence.push_back({EvidenceKind::Place, m->nameSpan});
                prev.note = "place from a later sentence that refers back to it";
                break;
            }
    }
    std::vector<EventMention> events;
    std::vector<EventRole> roles;
    for (const EventMention& e : found) roles.push_back(roleOf(e, s, tokens, future));
    const bool anyNew =
        std::any_of(roles.begin(), roles.end(), [](const EventRole& r) { return !r.definite; });
    for (size_t k = 0; k < found.size(); ++k) {
        const std::string words = m_article.text.substr(found[k].span.begin, found[k].span.size());
        if (roles[k].hypothetical)
            unresolved(found[k].span, "'" + words + "' is not reported as having happened");
        else if (roles[k].reaction || (roles[k].definite && (anyNew || hasCategory(found[k].category))))
            unresolved(found[k].span, "'" + words + "' refers to an event told elsewhere");
        else
            events.push_back(found[k]);
    }
    std::vector<DateMention> dates =
        findDates(m_units, s.firstToken, s.endToken, {m_options.published, future});
    // A date in the dateline is the publication's, not an event's.
    std::erase_if(dates, [&](const DateMention& d) { return d.span.begin < m_datelineEnd; });
    for (const EventMention& e : events) event(si, e, events, places, dates, future);
    consolidate(si);
    for (size_t k = m_out.incidents.size(); k-- > 0;)
        if (!m_info[k].merged && m_out.incidents[k].category != "Political statement / Demand") {
            m_lastBefore = k;
            break;
        }
}

void Extractor::event(size_t si, const EventMention& e, const std::vector<EventMention>& events,
                      const std::vector<const PlaceMention*>& places, const std::vector<DateMention>& dates,
                      bool future) {
    const Sentence& s = m_units.sentences[si];
    const std::string words = m_article.text.substr(e.span.begin, e.span.size());
    IncidentProposal p;
    ProposalInfo info{si, {}, false, std::string(e.label)};
    p.category = std::string(e.category);
    p.sentenceSpan = s.span;
    p.sentence = m_article.text.substr(s.span.begin, s.span.size());
    p.planned = future;
    p.evidence.push_back({EvidenceKind::Event, e.span});
    double confidence = e.weight;
    const PlaceMention* chosen = choosePlace(e, events, places);
    if (!placeEvent(si, e, events, places, chosen, p, confidence)) {
        unresolved(e.span, "no place is named for '" + words + "'");
        return;
    }
    dateEvent(e, dates, p, info, confidence);
    if (p.last < m_options.published - m_options.backgroundDays) {
        unresolved(e.span, "'" + words + "' is background: dated " + formatDay(p.first) +
                               ", long before publication");
        return;
    }
    p.confidence = std::round(std::clamp(confidence, 0.0, 1.0) * 100.0) / 100.0;
    const std::vector<const PlaceMention*> targets =
        chosen ? listedWith(chosen, places, m_units.tokens) : std::vector<const PlaceMention*>{};
    for (size_t k = 1; k < targets.size(); ++k) {
        IncidentProposal q = p;
        setPlace(q, *targets[k]);
        q.evidence[1] = {EvidenceKind::Place, targets[k]->nameSpan};
        q.title = makeTitle(e.label, e.category, future, q);
        add(std::move(q), info);
    }
    p.title = makeTitle(e.label, e.category, future, p);
    add(std::move(p), info);
}

bool Extractor::placeEvent(size_t si, const EventMention& e, const std::vector<EventMention>& events,
                           const std::vector<const PlaceMention*>& places, const PlaceMention* chosen,
                           IncidentProposal& p, double& confidence) const {
    const IncidentProposal* before = m_lastBefore ? &m_out.incidents[*m_lastBefore] : nullptr;
    const bool statement = e.category == "Political statement / Demand";
    const PlaceMention* actor = actorCountry(e, events, places);
    const PlaceMention* nearby = statement ? nullptr : nearestLocative(e, places);
    const bool focusNear = m_focus.first && m_focus.second + 2 >= si;
    const bool beforeNear = before && m_info[*m_lastBefore].sentence + 2 >= si;
    auto use = [&](const PlaceMention& m, double factor, const char* note, bool evidence) {
        setPlace(p, m);
        if (evidence) p.evidence.push_back({EvidenceKind::Place, m.nameSpan});
        p.note = note;
        confidence *= factor * m.confidence;
    };
    auto inherit = [&](const IncidentProposal& from, double factor) {
        p.place = from.place;
        p.location = from.location;
        p.locationPrecision = from.locationPrecision;
        p.adminAreas = from.adminAreas;
        p.note = "place from an earlier sentence";
        confidence *= factor;
    };
    if (chosen) use(*chosen, 1.0, "", true);
    // The place the text was last about ("...inside the nearby Banjska monastery. After a gun battle").
    else if (!statement && focusNear)
        use(*m_focus.first, 0.75, "place from an earlier sentence", false);
    else if (!statement && beforeNear)
        inherit(*before, 0.75);
    else if (actor)
        use(*actor, 0.6, "place: the country that acted", true);
    else if (nearby)
        use(*nearby, 0.6, "place named with another event of the sentence", true);
    else if (!statement && before)
        inherit(*before, 0.5);
    else
        return false;
    return true;
}

void Extractor::dateEvent(const EventMention& e, const std::vector<DateMention>& dates, IncidentProposal& p,
                          ProposalInfo& info, double& confidence) const {
    const IncidentProposal* prev = m_last ? &m_out.incidents[*m_last] : nullptr;
    if (const DateMention* date = chooseDate(e, dates, m_units.tokens)) {
        p.first = date->first;
        p.last = date->last;
        p.timePrecision = date->precision;
        p.evidence.push_back({EvidenceKind::Date, date->span});
        confidence *= date->confidence;
    } else if (prev && !m_info[*m_last].defaultDate) {
        p.first = prev->first;
        p.last = prev->last;
        p.timePrecision = prev->timePrecision;
        p.note += std::string(p.note.empty() ? "" : "; ") + "date from an earlier sentence";
        confidence *= 0.8;
    } else {
        p.first = p.last = m_options.published;
        p.note += std::string(p.note.empty() ? "" : "; ") + "no date given: the publication day";
        info.defaultDate = true;
        confidence *= 0.6;
    }
}

void Extractor::consolidate(size_t si) {
    // "In Zvecan, protesters threw stones and stun grenades": one riot, told with three event words.
    for (size_t a = 0; a < m_out.incidents.size(); ++a) {
        if (m_info[a].merged ||
            std::find(m_info[a].toldIn.begin(), m_info[a].toldIn.end(), si) == m_info[a].toldIn.end())
            continue;
        for (size_t b = a + 1; b < m_out.incidents.size(); ++b) {
            IncidentProposal& x = m_out.incidents[a];
            const IncidentProposal& y = m_out.incidents[b];
            if (m_info[b].merged ||
                std::find(m_info[b].toldIn.begin(), m_info[b].toldIn.end(), si) == m_info[b].toldIn.end())
                continue;
            const std::string_view joint = sameEventCategory(x.category, y.category);
            if (joint.empty() || x.place != y.place || !(x.first <= y.last && y.first <= x.last)) continue;
            if (x.category != joint) {
                x.category = std::string(joint);
                m_info[a].label = m_info[b].label;
                x.title = makeTitle(m_info[a].label, x.category, x.planned, x);
            }
            for (const Evidence& ev : y.evidence) x.evidence.push_back(ev);
            x.confidence = std::max(x.confidence, y.confidence);
            m_info[b].merged = true;
            if (m_last == b) m_last = a;
        }
    }
}

void Extractor::add(IncidentProposal p, ProposalInfo info) {
    // One incident per event: a later mention of the same kind of event at the same place, at a time that
    // overlaps (or at no time of its own), is the same event told again.
    for (size_t k = 0; k < m_out.incidents.size(); ++k) {
        IncidentProposal& q = m_out.incidents[k];
        ProposalInfo& qi = m_info[k];
        if (qi.merged) continue;
        const bool sameSentence =
            std::find(qi.toldIn.begin(), qi.toldIn.end(), info.sentence) != qi.toldIn.end();
        const std::string_view joint =
            sameSentence ? sameEventCategory(q.category, p.category) : std::string_view();
        const bool samePlace = q.place == p.place || regionHolds(q, p) || regionHolds(p, q);
        if ((q.category != p.category && joint.empty()) || !samePlace || q.planned != p.planned) continue;
        if (!(q.first <= p.last && p.first <= q.last) && !info.defaultDate && !qi.defaultDate) continue;
        if (regionHolds(q, p)) {
            q.place = p.place;
            q.location = p.location;
            q.locationPrecision = p.locationPrecision;
            q.adminAreas = p.adminAreas;
            q.title = makeTitle(qi.label, q.category, q.planned, q);
        }
        if (!joint.empty() && q.category != joint) {
            q.category = std::string(joint);
            qi.label = info.label;
            q.title = makeTitle(qi.label, q.category, q.planned, q);
        }
        const bool narrower = p.first >= q.first && p.last <= q.last && p.last - p.first < q.last - q.first;
        if ((qi.defaultDate && !info.defaultDate) || (!info.defaultDate && narrower)) {
            q.first = p.first;
            q.last = p.last;
            q.timePrecision = p.timePrecision;
            qi.defaultDate = false;
        }
        for (const Evidence& ev : p.evidence) q.evidence.push_back(ev);
        if (!sameSentence) qi.toldIn.push_back(info.sentence);
        q.confidence = std::max(q.confidence, p.confidence);
        m_last = k;
        return;
    }
    info.toldIn = {info.sentence};
    m_out.incidents.push_back(std::move(p));
    m_info.push_back(std::move(info));
    m_last = m_out.incidents.size() - 1;
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
    inc.provenance.sentence = p.sentence;
    inc.category = p.category;
    inc.start = startOfDay(p.first);
    if (p.last != p.first || p.timePrecision != TimePrecision::Day) inc.end = startOfDay(p.last);
    inc.timePrecision = p.timePrecision;
    inc.location = p.location;
    inc.locationPrecision = p.locationPrecision;
    inc.placeName = p.place;
    inc.adminAreas = p.adminAreas;
    IncidentSource src;
    src.text = sourceName;
    src.published = startOfDay(published);
    inc.sources.push_back(src);
    inc.tags = {"extracted"};
    if (p.planned) inc.tags.push_back("planned");
    return inc;
}

}  // namespace fp
