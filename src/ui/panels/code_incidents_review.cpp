// The coding panel's text with its highlights, the review list, the editor of the selected proposal and the
// unresolved mentions.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "ui/panels/code_incidents_panel.h"
#include "ui/widgets.h"

namespace fp {

namespace {

/// Backgrounds behind the text: readable under the theme's text colour (dark text on Light, light on Dark).
struct EvidenceColours {
    ImU32 otherSentence, sentence, event, place, date;
};

EvidenceColours evidenceColours(Theme theme) {
    if (theme == Theme::Dark)
        return {IM_COL32(120, 105, 40, 70), IM_COL32(105, 90, 25, 230), IM_COL32(150, 70, 20, 255),
                IM_COL32(30, 85, 165, 255), IM_COL32(35, 115, 55, 255)};
    return {IM_COL32(255, 225, 120, 70), IM_COL32(255, 236, 150, 255), IM_COL32(255, 180, 120, 255),
            IM_COL32(160, 205, 255, 255), IM_COL32(170, 228, 160, 255)};
}

ImU32 colourOf(const EvidenceColours& c, EvidenceKind kind) {
    switch (kind) {
        case EvidenceKind::Event:
            return c.event;
        case EvidenceKind::Place:
            return c.place;
        case EvidenceKind::Date:
            break;
    }
    return c.date;
}

/// Accepted and added items: green, readable on either theme's background.
ImVec4 acceptedColour(Theme theme) {
    return theme == Theme::Dark ? ImVec4(0.45f, 0.85f, 0.50f, 1.f) : ImVec4(0.08f, 0.48f, 0.16f, 1.f);
}

/// A label on a coloured background, as the words appear in the text.
void legendChip(const char* label, ImU32 colour) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(label);
    ImGui::GetWindowDrawList()->AddRectFilled({at.x - 2.f, at.y}, {at.x + size.x + 2.f, at.y + size.y},
                                              colour, 2.f);
    ImGui::TextUnformatted(label);
}

/// Map view radius for a place of this precision: a region needs more map around it than a town.
double viewRadiusMetres(LocationPrecision precision) {
    switch (precision) {
        case LocationPrecision::Exact:
            return 3000.0;
        case LocationPrecision::Near:
            return 10000.0;
        case LocationPrecision::Region:
            break;
    }
    return 45000.0;
}

constexpr size_t kMaxUnresolvedShown = 200;
constexpr const char* kTimePrecisions[] = {"day", "week", "month", "year"};
constexpr TimePrecision kTimePrecisionValues[] = {TimePrecision::Day, TimePrecision::Week,
                                                  TimePrecision::Month, TimePrecision::Year};
// As drawn: an exact place is a point, "near" a 5 km disc, a region a 25 km one (uncertaintyRadiusMetres).
constexpr const char* kLocationPrecisions[] = {"exact place", "near (5 km)", "region (25 km)"};

std::string itemSummary(const IncidentProposal& p) {
    char buf[160];
    // A percentage: ImGui wraps after a '.', which split "0.77" over two lines in a narrow review list.
    std::snprintf(buf, sizeof buf, "%s%s%s (%s) \xC2\xB7 confidence %.0f%%", formatDay(p.first).c_str(),
                  p.last != p.first ? " to " : "", p.last != p.first ? formatDay(p.last).c_str() : "",
                  timePrecisionName(p.timePrecision), p.confidence * 100.0);
    return buf;
}

}  // namespace

std::vector<TextHighlight> CodeIncidentsPanel::highlights(Theme theme) const {
    const EvidenceColours c = evidenceColours(theme);
    std::vector<TextHighlight> out;
    const auto& items = m_review.items();
    for (const ReviewItem& it : items)
        if (it.decision != ReviewDecision::Rejected)
            out.push_back({it.proposed.sentenceSpan, c.otherSentence});
    if (m_selected >= 0 && size_t(m_selected) < items.size()) {
        const IncidentProposal& p = items[size_t(m_selected)].proposed;
        out.push_back({p.sentenceSpan, c.sentence});
        for (const Evidence& e : p.evidence) out.push_back({e.span, colourOf(c, e.kind)});
    }
    return out;
}

void CodeIncidentsPanel::drawText(const UiContext& ctx, ImVec2 size) {
    ImGui::BeginGroup();
    const EvidenceColours c = evidenceColours(ctx.theme);
    ImGui::TextDisabled("Evidence:");
    for (auto [label, colour] :
         {std::pair{"event", c.event}, {"place", c.place}, {"date", c.date}, {"sentence", c.sentence}}) {
        ImGui::SameLine();
        legendChip(label, colour);
    }
    m_text.draw("##article", m_review.article().text, highlights(ctx.theme), {size.x, size.y});
    ImGui::EndGroup();
}

void CodeIncidentsPanel::select(int item, CommandList* out) {
    m_selected = item;
    if (item < 0 || size_t(item) >= m_review.items().size()) return;
    const ReviewItem& it = m_review.items()[size_t(item)];
    m_text.scrollTo(it.proposed.sentenceSpan.begin);
    loadEditFields();
    if (out && isValidLonLat(it.edited.location))
        out->push_back(
            FlyToPlace{it.edited.location, viewRadiusMetres(it.edited.locationPrecision), it.edited.place});
}

void CodeIncidentsPanel::loadEditFields() {
    const IncidentProposal& p = m_review.items()[size_t(m_selected)].edited;
    m_editPlace = p.place;
    m_editFirst = formatDay(p.first);
    m_editLast = formatDay(p.last);
    m_editError.clear();
}

void CodeIncidentsPanel::drawReview(const UiContext& ctx, ImVec2 size, CommandList& out) {
    ImGui::BeginChild("##review", size, true);
    if (m_scrollReviewToTop) ImGui::SetScrollY(0.f);
    m_scrollReviewToTop = false;
    if (m_review.items().empty())
        ImGui::TextDisabled("No incident found in this text (see the mentions below).");
    for (size_t i = 0; i < m_review.items().size(); ++i) drawItem(ctx, i, out);
    drawUnresolved();
    ImGui::EndChild();
}

void CodeIncidentsPanel::drawItem(const UiContext& ctx, size_t i, CommandList& out) {
    const ReviewItem& it = m_review.items()[i];
    const IncidentProposal& p = it.edited;
    ImGui::PushID(static_cast<int>(i));
    const bool selected = m_selected == static_cast<int>(i);
    const std::string heading = std::to_string(i + 1) + ". " + p.title;
    // Accepted titles green, rejected ones greyed: the decisions show at a glance.
    const bool tinted = it.decision != ReviewDecision::Pending;
    if (tinted)
        ImGui::PushStyleColor(ImGuiCol_Text, it.decision == ReviewDecision::Rejected
                                                 ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                                                 : acceptedColour(ctx.theme));
    if (ImGui::Selectable(heading.c_str(), selected)) select(selected ? -1 : static_cast<int>(i), &out);
    if (tinted) ImGui::PopStyleColor();
    ImGui::Indent(14.f * ctx.scale);
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextDisabled("%s \xC2\xB7 %s (%s)", p.category.c_str(), p.place.c_str(),
                        locationPrecisionName(p.locationPrecision));
    ImGui::TextDisabled("%s", itemSummary(p).c_str());
    ImGui::PopTextWrapPos();
    switch (it.decision) {
        case ReviewDecision::Added:
            ImGui::TextColored(acceptedColour(ctx.theme), "Added to the layer");
            break;
        case ReviewDecision::Pending:
        case ReviewDecision::Accepted:
        case ReviewDecision::Rejected:
            if (ImGui::RadioButton("Accept", it.decision == ReviewDecision::Accepted))
                m_review.decide(i, it.decision == ReviewDecision::Accepted ? ReviewDecision::Pending
                                                                           : ReviewDecision::Accepted);
            ImGui::SameLine();
            if (ImGui::RadioButton("Reject", it.decision == ReviewDecision::Rejected))
                m_review.decide(i, it.decision == ReviewDecision::Rejected ? ReviewDecision::Pending
                                                                           : ReviewDecision::Rejected);
            ImGui::SameLine();
            if (ImGui::SmallButton(selected ? "Close" : "Edit"))
                select(selected ? -1 : static_cast<int>(i), &out);
            break;
    }
    if (selected) {
        // What a layer holds already is changed there, not here.
        ImGui::BeginDisabled(it.decision == ReviewDecision::Added);
        drawEditor(ctx, i);
        ImGui::EndDisabled();
    }
    ImGui::Unindent(14.f * ctx.scale);
    ImGui::Separator();
    ImGui::PopID();
}

void CodeIncidentsPanel::drawEditor(const UiContext& ctx, size_t i) {
    IncidentProposal& p = m_review.edit(i);
    const float label = std::max(ImGui::CalcTextSize("Category").x, ImGui::CalcTextSize("First day").x) +
                        2.f * ImGui::GetStyle().ItemInnerSpacing.x;
    const float field = std::max(100.f * ctx.scale, ImGui::GetContentRegionAvail().x - label);
    ImGui::PushItemWidth(field);
    ImGui::InputText("Title", &p.title);
    if (ImGui::BeginCombo("Category", p.category.c_str())) {
        for (const CategoryStyle& c : m_sheet->categories())
            if (ImGui::Selectable(c.name.c_str(), c.name == p.category)) p.category = c.name;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(field - ImGui::CalcTextSize("Find").x - 3.f * ImGui::GetStyle().FramePadding.x);
    const bool enter = ImGui::InputText("##place", &m_editPlace, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine(0.f, ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::Button("Find") || enter) {
        Status found = m_review.resolvePlace(i, trimBlanks(m_editPlace));
        m_editError = found ? std::string() : found.error().describe();
        if (found) m_editPlace = p.place;
    }
    ImGui::SameLine(0.f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted("Place");
    int location = static_cast<int>(p.locationPrecision) - 1;
    if (ImGui::Combo("Location", &location, kLocationPrecisions, 3))
        p.locationPrecision = static_cast<LocationPrecision>(location + 1);
    bool dates = ImGui::InputTextWithHint("First day", "YYYY-MM-DD", &m_editFirst);
    dates |= ImGui::InputTextWithHint("Last day", "YYYY-MM-DD", &m_editLast);
    if (dates) {
        const auto first = parseDayField(trimBlanks(m_editFirst)),
                   last = parseDayField(trimBlanks(m_editLast));
        Status set = first && last ? m_review.setDays(i, *first, *last)
                                   : Status(makeError(ErrorCode::InvalidArgument, "days", "give YYYY-MM-DD"));
        m_editError = set ? std::string() : set.error().describe();
    }
    int time = static_cast<int>(
        std::find(std::begin(kTimePrecisionValues), std::end(kTimePrecisionValues), p.timePrecision) -
        std::begin(kTimePrecisionValues));
    if (ImGui::Combo("Time", &time, kTimePrecisions, 4)) p.timePrecision = kTimePrecisionValues[time % 4];
    ImGui::PopItemWidth();
    if (!m_editError.empty())
        ImGui::TextColored(logLevelColor(LogLevel::Error, ctx.theme), "%s", m_editError.c_str());
    if (!p.note.empty()) ImGui::TextDisabled("Note: %s", p.note.c_str());
    if (ImGui::SmallButton("Revert edits")) {
        m_review.revert(i);
        loadEditFields();
    }
}

void CodeIncidentsPanel::drawUnresolved() {
    const auto& unresolved = m_review.unresolved();
    if (unresolved.empty()) return;
    const std::string header = "Unresolved mentions (" + std::to_string(unresolved.size()) + ")###unresolved";
    if (!ImGui::CollapsingHeader(header.c_str())) return;
    ImGui::PushTextWrapPos(0.f);
    // A long dossier leaves thousands: the first ones are enough to see why, and drawing them all costs.
    const size_t shown = std::min(unresolved.size(), kMaxUnresolvedShown);
    for (size_t i = 0; i < shown; ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::TextUnformatted(unresolved[i].reason.c_str());
        if (ImGui::IsItemClicked()) m_text.scrollTo(unresolved[i].span.begin);
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::PopID();
    }
    if (shown < unresolved.size())
        ImGui::TextDisabled("\xE2\x80\xA6 and %zu more", unresolved.size() - shown);
    ImGui::PopTextWrapPos();
}

}  // namespace fp
