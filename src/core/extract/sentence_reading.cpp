#include "core/extract/sentence_reading.h"

#include <algorithm>

namespace fp::extract_detail {

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

bool isOneOf(std::string_view w, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

EventRole roleOf(const EventMention& e, const Sentence& s, const std::vector<Token>& tokens, bool future) {
    EventRole r;
    const size_t t = e.firstToken;
    if (!future && t >= s.firstToken + 2 && tokens[t - 1].lower == "to")
        r.hypothetical =
            isOneOf(tokens[t - 2].lower,
                    {"right",   "threatened", "threaten", "threatens", "want",  "wants", "wanted",
                     "allowed", "ready",      "refused",  "refuse",    "tried", "try",   "trying",
                     "attempt", "attempted",  "able",     "unable",    "vowed", "asked", "permission",
                     "bid",     "plot",       "failed",   "would",     "could", "might"});
    const bool followedByOf = e.endToken < s.endToken && tokens[e.endToken].lower == "of";
    // "the barricades", "the Christmas Eve shooting", but not "The man was arrested", "that led to road
    // blocks".
    for (size_t k = t; k > s.firstToken && t - k < 4; --k) {
        const Token& b = tokens[k - 1];
        if (!b.word ||
            isOneOf(b.lower, {"was", "were", "is",   "are", "be",    "been", "had", "has", "have", "to",
                              "and", "or",   "that", "who", "which", "of",   "in",  "on",  "at",   "by"}))
            break;
        if (isOneOf(b.lower, {"the", "this", "these", "those"})) {
            r.definite = !followedByOf;
            break;
        }
    }
    for (size_t k = t; k > s.firstToken && t - k < 6; --k)
        if (isOneOf(tokens[k - 1].lower,
                    {"against", "condemned", "condemning", "condemns", "denounced", "accused",
                     "investigation", "investigating", "praising", "praised", "mourn", "mourned", "following",
                     "ending", "ended", "lifting", "lifted"}))
            r.reaction = true;
    return r;
}

size_t tokenDistance(const PlaceMention& m, const EventMention& e) {
    if (m.endToken <= e.firstToken) return e.firstToken - m.endToken;
    if (m.firstToken >= e.endToken) return m.firstToken - e.endToken;
    return 0;
}

/// The event word a place belongs to: the nearest one before it ("deployed around the building in
/// Zvecan after fresh clashes"), or the first after it when it opens the sentence ("In Zvecan, protesters
/// threw stones").
const EventMention* ownerOf(const PlaceMention& m, const std::vector<EventMention>& events) {
    const EventMention* before = nullptr;
    for (const EventMention& e : events)
        if (e.firstToken < m.firstToken) before = &e;
    if (before) return before;
    return events.empty() ? nullptr : &events.front();
}

/// The place of the sentence an event most likely happened at, among those that belong to it. Countries
/// and, for statements, any other name only count when introduced as where something happened ("in
/// Kosovo"); otherwise they name who acted ("Kosovo police", "demanded that Belgrade...").
const PlaceMention* choosePlace(const EventMention& e, const std::vector<EventMention>& events,
                                const std::vector<const PlaceMention*>& places) {
    const PlaceMention* best = nullptr;
    double bestScore = -1e9;
    const bool statement = e.category == "Political statement / Demand";
    for (const PlaceMention* m : places) {
        if ((m->kind == PlaceMentionKind::Country || statement) && !m->locative) continue;
        if (ownerOf(*m, events) != &e) continue;
        const size_t d = tokenDistance(*m, e);
        double score = -(m->endToken <= e.firstToken ? 1.2 : 1.0) * static_cast<double>(d);
        if (m->locative) score += 5;
        if (m->actor) score -= 4;
        if (m->kind == PlaceMentionKind::Named) score += 3;
        if (m->kind == PlaceMentionKind::Part) score += 1.5;
        if (m->kind == PlaceMentionKind::Anaphor) score -= 3;
        if (score > bestScore) best = m, bestScore = score;
    }
    return best;
}

/// A country named as the actor of this event ("Serbia's defence minister ... raised combat readiness"): a
/// country not introduced as a location, whose next event word is this one.
const PlaceMention* actorCountry(const EventMention& e, const std::vector<EventMention>& events,
                                 const std::vector<const PlaceMention*>& places) {
    for (const PlaceMention* m : places) {
        if (m->kind != PlaceMentionKind::Country || m->locative) continue;
        const EventMention* next = nullptr;
        for (const EventMention& o : events)
            if (o.firstToken >= m->endToken) {
                next = &o;
                break;
            }
        if (next == &e || (!next && &events.back() == &e)) return m;
    }
    return nullptr;
}

/// The locative place of the sentence nearest to the event, whichever event it belongs to.
const PlaceMention* nearestLocative(const EventMention& e, const std::vector<const PlaceMention*>& places) {
    const PlaceMention* best = nullptr;
    for (const PlaceMention* m : places)
        if (m->locative && m->kind != PlaceMentionKind::Anaphor &&
            (!best || tokenDistance(*m, e) < tokenDistance(*best, e)))
            best = m;
    return best;
}

/// The chosen place and the names listed with it ("in Zvecan, Leposavic and Zubin Potok"): an event
/// told of several places at once happened at each.
std::vector<const PlaceMention*> listedWith(const PlaceMention* chosen,
                                            const std::vector<const PlaceMention*>& places,
                                            const std::vector<Token>& tokens) {
    std::vector<const PlaceMention*> out{chosen};
    if (chosen->kind != PlaceMentionKind::Named) return out;
    auto joined = [&](const PlaceMention* a, const PlaceMention* b) {
        if (b->kind != PlaceMentionKind::Named || a->endToken >= b->firstToken) return false;
        for (size_t t = a->endToken; t < b->firstToken; ++t)
            if (!isOneOf(tokens[t].lower, {"and", ",", "or"})) return false;
        return true;
    };
    const auto at = std::find(places.begin(), places.end(), chosen);
    for (auto it = at; it + 1 != places.end() && joined(*it, *(it + 1)); ++it) out.push_back(*(it + 1));
    for (auto it = at; it != places.begin() && joined(*(it - 1), *it); --it) out.push_back(*(it - 1));
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

/// Categories that one sentence may give for one event ("gathered to protest, blocking the road"), and
/// the one that describes it best.
std::string_view sameEventCategory(std::string_view a, std::string_view b) {
    auto pair = [&](std::string_view x, std::string_view y) {
        return (a == x && b == y) || (a == y && b == x);
    };
    if (pair("Protests", "Roadblock / Protest")) return "Roadblock / Protest";
    if (pair("Riots", "Explosions/Remote violence") || pair("Riots", "Protests")) return "Riots";
    // Demands voiced at a protest are part of it.
    if (pair("Protests", "Political statement / Demand")) return "Protests";
    if (pair("Roadblock / Protest", "Political statement / Demand")) return "Roadblock / Protest";
    return {};
}

}  // namespace fp::extract_detail
