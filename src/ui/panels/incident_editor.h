#pragma once

#include <string>
#include <vector>

#include "core/model/incident.h"
#include "ui/commands.h"

namespace fp {

/// The inspector's form for editing one incident: title, category, start and end, time precision, location
/// (lon/lat and precision), place name, actors, fatalities, source and URL, notes, tags and the sentence it
/// was coded from, with its provenance shown. A field's edit is sent as one EditIncident when it completes
/// (focus leaves the field or Enter, a choice in a list), so that typing a title is one undo step. A date or
/// number that does not read is shown under the form and sends nothing.
class IncidentEditor {
public:
    /// Draws the form for incident `ref` whose current values are `inc` (inside an ImGui window);
    /// `categories` are offered in the category list. Appends EditIncident to `out`.
    void draw(const IncidentRef& ref, const Incident& inc, const std::vector<std::string>& categories,
              CommandList& out);
    /// The message of the last edit that was not sent (a bad date), or "".
    const std::string& error() const { return m_error; }

private:
    /// Fills the form from `inc` (when the incident changed and no field is being typed in).
    void load(const Incident& inc);
    /// Title, category, start, end and the precisions; true when an edit completed.
    bool drawWhatAndWhen(const std::vector<std::string>& categories);
    /// Position, place, actors, fatalities, source, notes, tags, sentence; true when an edit completed.
    bool drawWhereAndWho();
    /// The incident the form describes; an error message when a field does not read.
    Result<Incident> values(const Incident& current) const;

    Incident m_draft;
    Incident m_loadedFrom;
    IncidentRef m_loadedRef;
    bool m_loaded = false;
    std::string m_start, m_end, m_actors, m_tags, m_fatalities, m_source, m_url;
    std::string m_error;
};

/// "a; b; c" for a list field, and back (empty items dropped, blanks trimmed).
std::string joinList(const std::vector<std::string>& items, const char* separator);
std::vector<std::string> splitList(const std::string& text, char separator);

}  // namespace fp
