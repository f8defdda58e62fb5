#pragma once

// Internal to core/extract: how the extractor reads one sentence (which event words are new events, which
// place and date belong to each).
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/extract/date_finder.h"
#include "core/extract/event_finder.h"
#include "core/extract/place_finder.h"

namespace fp::extract_detail {

/// True when `w` is one of `words`.
bool isOneOf(std::string_view w, std::initializer_list<std::string_view> words);

/// True when the sentence refers back to the event told just before ("after the incident").
bool refersBack(const TextUnits& units, const Sentence& s);

/// Marks the places of the dateline ("BELGRADE, Serbia —" opening one of the first paragraphs).
void markDateline(const TextUnits& units, std::vector<PlaceMention>& places);

/// How an event word stands in its sentence.
struct EventRole {
    bool hypothetical = false;  ///< "the right to redeploy", "threatened to block"
    bool definite = false;      ///< "the barricades", "this attack": an event already known
    bool reaction = false;  ///< "condemned the shooting", "protest against the attack", "ending a blockade"
};

EventRole roleOf(const EventMention& e, const Sentence& s, const std::vector<Token>& tokens, bool future);

/// Tokens between a place and an event word (0 when they overlap).
size_t tokenDistance(const PlaceMention& m, const EventMention& e);

/// The event word a place belongs to: the nearest one before it ("deployed around the building in
/// Zvecan after fresh clashes"), or the first after it when it opens the sentence.
const EventMention* ownerOf(const PlaceMention& m, const std::vector<EventMention>& events);

/// The place of the sentence an event most likely happened at, among those that belong to it. Countries
/// and, for statements, any other name only count when introduced as where something happened.
const PlaceMention* choosePlace(const EventMention& e, const std::vector<EventMention>& events,
                                const std::vector<const PlaceMention*>& places);

/// A country named as the actor of this event ("Serbia's defence minister ... raised combat readiness").
const PlaceMention* actorCountry(const EventMention& e, const std::vector<EventMention>& events,
                                 const std::vector<const PlaceMention*>& places);

/// The locative place of the sentence nearest to the event, whichever event it belongs to.
const PlaceMention* nearestLocative(const EventMention& e, const std::vector<const PlaceMention*>& places);

/// The chosen place and the names listed with it ("in Zvecan, Leposavic and Zubin Potok").
std::vector<const PlaceMention*> listedWith(const PlaceMention* chosen,
                                            const std::vector<const PlaceMention*>& places,
                                            const std::vector<Token>& tokens);

/// The date of the sentence nearest the event word (dates after it bind more often).
const DateMention* chooseDate(const EventMention& e, const std::vector<DateMention>& dates,
                              const std::vector<Token>& tokens);

/// When one sentence tells one event with words of categories `a` and `b` ("gathered to protest,
/// blocking the road"), the category that describes it best; empty when they are different events.
std::string_view sameEventCategory(std::string_view a, std::string_view b);

}  // namespace fp::extract_detail
