#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/extract/article_text.h"
#include "core/extract/date_finder.h"
#include "core/model/incident.h"
#include "core/places/gazetteer.h"

namespace fp {

/// What a piece of evidence is.
enum class EvidenceKind : uint8_t { Event, Place, Date };

/// Words of the text that support a proposal, for highlighting in a review panel.
struct Evidence {
    EvidenceKind kind = EvidenceKind::Event;
    TextSpan span;  ///< byte offsets into ArticleText::text
};

/// An incident proposed from a text, to be accepted, edited or rejected by a person.
struct IncidentProposal {
    std::string title;     ///< "Roadblock in northern Kosovo", "Planned diplomatic visit to Kosovo"
    std::string category;  ///< a category of the shipped style sheet
    std::string place;     ///< display name of the place ("Štrpce", "northern Kosovo")
    LonLat location;
    LocationPrecision locationPrecision = LocationPrecision::Exact;
    std::vector<std::string> adminAreas;  ///< largest first
    DayNumber first = 0;                  ///< first day (UTC) the incident covers
    DayNumber last = 0;                   ///< last day it covers
    TimePrecision timePrecision = TimePrecision::Day;
    bool planned = false;  ///< the text announces it ("is set to visit next week")
    std::string sentence;  ///< the sentence it was coded from
    TextSpan sentenceSpan;
    double confidence = 0.0;         ///< 0..1: how sure the event, place and date readings are, together
    std::vector<Evidence> evidence;  ///< the event words first, then place and date words when in the text
    std::string note;  ///< how place or date were found when not in the sentence ("place from ...")
};

/// Something that looked like an event or a place but gave no incident, and why.
struct UnresolvedMention {
    std::string text;
    std::string reason;
    TextSpan span;
};

/// The proposals for one text.
struct Extraction {
    std::vector<IncidentProposal> incidents;  ///< in text order
    std::vector<UnresolvedMention> unresolved;
};

/// How to read a text.
struct ExtractOptions {
    DayNumber published = 0;                     ///< publication day: relative dates count from it
    std::shared_ptr<const Gazetteer> gazetteer;  ///< required
    /// Events dated this many days or more before publication are background (history), not incidents.
    int backgroundDays = 365;
};

/// Proposes one incident per event reported in `article`: each event's words (findEvents), the place
/// nearest them in the sentence (or, for a sentence that refers back, "the incident", the previous one's),
/// and the date nearest them (or the previous event's in the paragraph, else the publication day, with a
/// lower confidence). Events repeated in the text with the same category, place and overlapping dates are
/// one incident. Events without any place, and background history, are listed as unresolved with the
/// reason. Work is linear in the text's length.
Extraction extractIncidents(const ArticleText& article, const ExtractOptions& options);

/// The proposal as an incident of the native schema, citing the article (`sourceName`) and its date, the
/// sentence as its description, tagged "extracted".
Incident toIncident(const IncidentProposal& proposal, const std::string& sourceName, DayNumber published);

}  // namespace fp
