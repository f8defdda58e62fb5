#include "ui/panels/incident_editor.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <charconv>

namespace fp {

namespace {

std::string trimmed(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

/// A label above a full-width field.
void label(const char* text) {
    ImGui::TextDisabled("%s", text);
    ImGui::SetNextItemWidth(-1.f);
}

/// True when the field just drawn finished an edit.
bool done() {
    return ImGui::IsItemDeactivatedAfterEdit();
}

Result<TimePoint> readDate(const std::string& text, const char* field) {
    auto parsed = parseTime(trimmed(text));
    if (!parsed)
        return makeError(ErrorCode::InvalidArgument, field,
                         "'" + text + "' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
    return parsed->time;
}

}  // namespace

std::string joinList(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::vector<std::string> splitList(const std::string& text, char separator) {
    std::vector<std::string> out;
    size_t begin = 0;
    while (begin <= text.size()) {
        const size_t end = std::min(text.find(separator, begin), text.size());
        if (std::string item = trimmed(text.substr(begin, end - begin)); !item.empty())
            out.push_back(std::move(item));
        begin = end + 1;
    }
    return out;
}

void IncidentEditor::load(const Incident& inc) {
    m_draft = inc;
    m_loadedFrom = inc;
    m_loaded = true;
    m_start = formatIso(inc.start, inc.timePrecision);
    m_end = inc.end ? formatIso(*inc.end, inc.timePrecision) : std::string();
    m_actors = joinList(inc.actors, "; ");
    m_tags = joinList(inc.tags, ", ");
    m_fatalities = inc.fatalities >= 0 ? std::to_string(inc.fatalities) : std::string();
    m_source = inc.sources.empty() ? std::string() : inc.sources.front().text;
    m_url = inc.sources.empty() ? std::string() : inc.sources.front().url;
}

Result<Incident> IncidentEditor::values(const Incident& current) const {
    Incident out = m_draft;
    out.provenance = current.provenance;
    auto start = readDate(m_start, "start");
    if (!start) return start.error();
    out.start = start.value();
    out.end.reset();
    if (!trimmed(m_end).empty()) {
        auto end = readDate(m_end, "end");
        if (!end) return end.error();
        if (end.value() < out.start)
            return makeError(ErrorCode::InvalidArgument, "end", "the end is before the start");
        if (end.value() != out.start) out.end = end.value();
    }
    out.actors = splitList(m_actors, ';');
    out.tags = splitList(m_tags, ',');
    out.fatalities = -1;
    if (const std::string f = trimmed(m_fatalities); !f.empty()) {
        int value = -1;
        const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), value);
        if (ec != std::errc() || ptr != f.data() + f.size() || value < 0)
            return makeError(ErrorCode::InvalidArgument, "fatalities",
                             "'" + f + "' is not a count (leave it empty when not reported)");
        out.fatalities = value;
    }
    std::vector<IncidentSource> sources = current.sources;
    if (sources.empty()) sources.emplace_back();
    sources.front().text = trimmed(m_source);
    sources.front().url = trimmed(m_url);
    if (sources.front().text.empty() && sources.front().url.empty() && !sources.front().published)
        sources.erase(sources.begin());
    out.sources = std::move(sources);
    return out;
}

bool IncidentEditor::drawWhatAndWhen(const std::vector<std::string>& categories) {
    bool commit = false;
    label("Title");
    ImGui::InputText("##title", &m_draft.title);
    commit |= done();
    label("Category");
    ImGui::InputText("##category", &m_draft.category);
    commit |= done();
    if (ImGui::BeginCombo("##categories", "Choose a category", ImGuiComboFlags_HeightLarge)) {
        for (const auto& c : categories)
            if (ImGui::Selectable(c.c_str(), c == m_draft.category)) {
                m_draft.category = c;
                commit = true;
            }
        ImGui::EndCombo();
    }
    label("Start");
    ImGui::InputTextWithHint("##start", "YYYY-MM-DD", &m_start);
    commit |= done();
    label("End (empty: none)");
    ImGui::InputTextWithHint("##end", "YYYY-MM-DD", &m_end);
    commit |= done();
    label("Time precision");
    if (ImGui::BeginCombo("##timeprecision", timePrecisionName(m_draft.timePrecision))) {
        for (int p = 0; p <= static_cast<int>(TimePrecision::Year); ++p) {
            const auto precision = static_cast<TimePrecision>(p);
            if (ImGui::Selectable(timePrecisionName(precision), precision == m_draft.timePrecision)) {
                m_draft.timePrecision = precision;
                commit = true;
            }
        }
        ImGui::EndCombo();
    }
    label("Location precision");
    if (ImGui::BeginCombo("##locationprecision", locationPrecisionName(m_draft.locationPrecision))) {
        for (int p = 1; p <= 3; ++p) {
            const auto precision = static_cast<LocationPrecision>(p);
            if (ImGui::Selectable(locationPrecisionName(precision), precision == m_draft.locationPrecision)) {
                m_draft.locationPrecision = precision;
                commit = true;
            }
        }
        ImGui::EndCombo();
    }
    return commit;
}

bool IncidentEditor::drawWhereAndWho() {
    bool commit = false;
    label("Longitude, latitude");
    double lonLat[2] = {m_draft.location.lon, m_draft.location.lat};
    if (ImGui::InputScalarN("##lonlat", ImGuiDataType_Double, lonLat, 2, nullptr, nullptr, "%.5f"))
        m_draft.location = {lonLat[0], lonLat[1]};
    commit |= done();
    label("Place name");
    ImGui::InputText("##place", &m_draft.placeName);
    commit |= done();
    label("Actors (separated by ;)");
    ImGui::InputText("##actors", &m_actors);
    commit |= done();
    label("Fatalities (empty: not reported)");
    ImGui::InputText("##fatalities", &m_fatalities, ImGuiInputTextFlags_CharsDecimal);
    commit |= done();
    label("Source");
    ImGui::InputText("##source", &m_source);
    commit |= done();
    label("URL");
    ImGui::InputText("##url", &m_url);
    commit |= done();
    label("Notes");
    ImGui::InputTextMultiline("##notes", &m_draft.description, {-1.f, 3.f * ImGui::GetTextLineHeight()});
    commit |= done();
    label("Tags (separated by ,)");
    ImGui::InputText("##tags", &m_tags);
    commit |= done();
    label("Coded from (sentence)");
    ImGui::InputTextMultiline("##sentence", &m_draft.provenance.sentence,
                              {-1.f, 2.f * ImGui::GetTextLineHeight()});
    commit |= done();
    return commit;
}

void IncidentEditor::draw(const IncidentRef& ref, const Incident& inc,
                          const std::vector<std::string>& categories, CommandList& out) {
    // A field being typed in keeps its text while the incident changes under it (a drag, an undo).
    if (!m_loaded || !(ref == m_loadedRef) || (!(inc == m_loadedFrom) && !ImGui::IsAnyItemActive())) {
        load(inc);
        m_loadedRef = ref;
        m_error.clear();
    }
    ImGui::PushID("editor");
    bool commit = drawWhatAndWhen(categories);
    commit |= drawWhereAndWho();
    ImGui::PopID();
    const IncidentProvenance& p = inc.provenance;
    if (!p.created.empty())
        ImGui::TextDisabled("Created %s; last edit %s by %s", p.created.c_str(), p.modified.c_str(),
                            p.by.empty() ? "unknown" : p.by.c_str());
    if (!commit) {
        if (!m_error.empty()) ImGui::TextColored({0.85f, 0.25f, 0.2f, 1.f}, "%s", m_error.c_str());
        return;
    }
    Incident withSentence = inc;
    withSentence.provenance.sentence = m_draft.provenance.sentence;
    auto edited = values(withSentence);
    if (!edited) {
        m_error = edited.error().describe();
        ImGui::TextColored({0.85f, 0.25f, 0.2f, 1.f}, "%s", m_error.c_str());
        return;
    }
    m_error.clear();
    if (!(edited.value() == inc)) out.push_back(EditIncident{ref, std::move(edited).value()});
}

}  // namespace fp
